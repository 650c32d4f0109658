package dev.spikeforge.golden.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.ReadoutSpec;
import dev.spikeforge.golden.spec.ResetMode;
import dev.spikeforge.golden.spec.SpecException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The event-driven, source-major {@link FloatSimulator} against the per-synapse algorithm it
 * replaced ({@link FloatReferenceSimulator}): every result field, and every step's spikes and
 * membrane bits, equal on random networks of every feature.
 */
@Tag("unit")
class FloatSimulatorTest {
  /** What a random network has; each combination is drawn many times. */
  record Features(boolean axonal, boolean synaptic, boolean recurrent, boolean recurrentDelays, boolean binarized,
      boolean firstToFire, int maxDelay) {
    static Features draw(SplittableRandom r) {
      int maxDelay = r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(5);
      return new Features(r.nextBoolean(), r.nextBoolean(), r.nextBoolean(), r.nextBoolean(), r.nextBoolean(),
          r.nextBoolean(), maxDelay);
    }
  }

  /**
   * A random network: real weights (not dyadic, so the order of additions shows in the last bits)
   * scaled so that layers fire at varied rates, real thresholds, leaks from none to strong.
   */
  static FloatNetwork randomNetwork(Features f, SplittableRandom r) {
    int layersN = 1 + r.nextInt(3);
    int[] sizes = new int[layersN + 1];
    for (int l = 0; l <= layersN; l++) {
      sizes[l] = l == layersN ? 1 + r.nextInt(6) : 1 + r.nextInt(40);
    }
    List<FloatLayer> layers = new ArrayList<>();
    for (int l = 0; l < layersN; l++) {
      int in = sizes[l];
      int size = sizes[l + 1];
      boolean hidden = l < layersN - 1;
      boolean binarized = hidden && f.binarized();
      double threshold = 0.25 + 2 * r.nextDouble();
      double[] leaks = {1.0, 0.75, 1 - 1.0 / 16, 0.5 + 0.5 * r.nextDouble()};
      double leak = leaks[r.nextInt(leaks.length)];
      double[][] w = weights(r, size, in, threshold, binarized);
      int[] ax = null;
      int[][] syn = null;
      if (f.maxDelay() > 0 && f.axonal()) {
        ax = new int[in];
        for (int i = 0; i < in; i++) {
          ax[i] = r.nextInt(f.maxDelay() + 1);
        }
      }
      if (f.maxDelay() > 0 && f.synaptic()) {
        syn = new int[size][in];
        for (int j = 0; j < size; j++) {
          for (int i = 0; i < in; i++) {
            syn[j][i] = r.nextInt(f.maxDelay() - (ax == null ? 0 : ax[i]) + 1);
          }
        }
      }
      double[][] rw = null;
      int[][] rd = null;
      if (hidden && f.recurrent()) {
        rw = weights(r, size, size, threshold, binarized);
        if (f.recurrentDelays() && f.maxDelay() > 1) {
          rd = new int[size][size];
          for (int[] row : rd) {
            for (int k = 0; k < size; k++) {
              row[k] = 1 + r.nextInt(f.maxDelay());
            }
          }
        }
      }
      layers.add(new FloatLayer("l" + l, binarized ? LayerKind.BINARIZED : LayerKind.DENSE, in, size, threshold,
          leak, r.nextBoolean() ? ResetMode.SUBTRACT : ResetMode.ZERO, w, f.maxDelay(), ax, syn, rw, rd));
    }
    ReadoutSpec readout = f.firstToFire() ? ReadoutSpec.firstToFire(1 + r.nextInt(3)) : ReadoutSpec.spikeCount();
    return new FloatNetwork("random", sizes[0], 4 + r.nextInt(20), layers, readout);
  }

  /** Gaussian weights around a random positive mean, in units of threshold / fan-in; ±α if binarized. */
  private static double[][] weights(SplittableRandom r, int rows, int cols, double threshold, boolean binarized) {
    double unit = threshold * 6 / cols;
    double mean = -0.1 + 0.7 * r.nextDouble();
    double alpha = unit * (0.2 + r.nextDouble());
    double[][] w = new double[rows][cols];
    for (double[] row : w) {
      for (int i = 0; i < cols; i++) {
        row[i] = binarized ? (r.nextBoolean() ? alpha : -alpha) : unit * (mean + gaussian(r));
      }
    }
    return w;
  }

  private static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  /** Input spikes at a random density, over fewer, as many or more steps than the network's T. */
  static SpikeRaster randomInput(int channels, int timesteps, SplittableRandom r) {
    int steps = Math.max(1, timesteps + r.nextInt(-3, 4));
    double p = 0.05 + 0.6 * r.nextDouble();
    boolean[][] d = new boolean[steps][channels];
    for (boolean[] step : d) {
      for (int i = 0; i < channels; i++) {
        step[i] = r.nextDouble() < p;
      }
    }
    return SpikeRaster.ofDense(d);
  }

  /** Every step's spikes and membrane bits, copied from a {@link FloatSimulator.StepObserver}. */
  static final class Recording implements FloatSimulator.StepObserver {
    final List<int[][]> spikes = new ArrayList<>();
    final List<long[][]> membraneBits = new ArrayList<>();

    @Override
    public void step(int t, int[][] sp, int[] lengths, double[][] membranes) {
      assertEquals(spikes.size(), t, "steps are observed in order");
      int[][] s = new int[sp.length][];
      long[][] m = new long[membranes.length][];
      for (int l = 0; l < sp.length; l++) {
        s[l] = Arrays.copyOf(sp[l], lengths[l]);
        m[l] = Arrays.stream(membranes[l]).mapToLong(Double::doubleToRawLongBits).toArray();
      }
      spikes.add(s);
      membraneBits.add(m);
    }
  }

  static void assertSameResult(SimResult expected, SimResult actual, String where) {
    assertEquals(expected.prediction(), actual.prediction(), where + ": prediction");
    assertEquals(expected.unique(), actual.unique(), where + ": unique");
    assertEquals(expected.decisionStep(), actual.decisionStep(), where + ": decisionStep");
    assertEquals(expected.earlyExit(), actual.earlyExit(), where + ": earlyExit");
    assertArrayEquals(expected.outputCounts(), actual.outputCounts(), where + ": outputCounts");
    assertArrayEquals(expected.layerSpikes(), actual.layerSpikes(), where + ": layerSpikes");
    assertEquals(expected.inputSpikes(), actual.inputSpikes(), where + ": inputSpikes");
    assertEquals(expected.synapticOps(), actual.synapticOps(), where + ": synapticOps");
  }

  /**
   * 600 random networks, three inputs each through one reused simulator: bit-identical to the
   * reference in every field and step. Also checks the draws were not vacuous: layers fired, early
   * exits happened, and membranes took values whose last bits depend on the order of additions.
   */
  @Test
  void identicalToThePerSynapseReferenceOnRandomNetworksOfEveryFeature() {
    SplittableRandom r = new SplittableRandom(20260116);
    int firedOutputs = 0;
    int earlyExits = 0;
    int runs = 0;
    for (int n = 0; n < 600; n++) {
      Features f = Features.draw(r);
      FloatNetwork net = randomNetwork(f, r);
      FloatSimulator sim = new FloatSimulator(new CompiledFloatNetwork(net));
      FloatReferenceSimulator ref = new FloatReferenceSimulator(net);
      for (int k = 0; k < 3; k++) {
        SpikeRaster x = randomInput(net.inputSize(), net.timesteps(), r);
        String where = "network " + n + " " + f + " input " + k;
        Recording expected = new Recording();
        Recording actual = new Recording();
        SimResult re = ref.simulate(x, null, expected);
        SimResult ra = sim.simulate(x, actual);
        assertSameResult(re, ra, where);
        assertEquals(expected.spikes.size(), actual.spikes.size(), where + ": steps");
        for (int t = 0; t < expected.spikes.size(); t++) {
          assertArrayEquals(expected.spikes.get(t), actual.spikes.get(t), where + ": spikes at step " + t);
          assertArrayEquals(expected.membraneBits.get(t), actual.membraneBits.get(t),
              where + ": membrane bits at step " + t);
        }
        assertArrayEquals(ref.runRasters(x), sim.runRasters(x), where + ": rasters");
        firedOutputs += re.layerSpikes()[net.layers().size() - 1] > 0 ? 1 : 0;
        earlyExits += re.earlyExit() ? 1 : 0;
        runs++;
      }
    }
    assertTrue(firedOutputs > runs / 2, "output layers fired in only " + firedOutputs + " of " + runs + " runs");
    assertTrue(earlyExits > runs / 10, "only " + earlyExits + " early exits in " + runs + " runs");
  }

  /**
   * The first layer's input grouped by spike train ({@link InputTrains}) where its currents are exact
   * in any order: 300 random networks with float32 first-layer weights (exact: checked), one delay
   * 0..4 for all inputs, both readouts, and inputs whose channels share a few trains (as rate coding
   * gives): every result field, every step's spikes and membrane bits equal to the per-synapse
   * reference and to {@link FloatSimulator#runPerSpike}; grouping was used (it pays on these inputs).
   */
  @Test
  void inputGroupedBySpikeTrainGivesTheSameBitsWhereCurrentsAreExact() {
    SplittableRandom r = new SplittableRandom(20261208);
    int grouped = 0;
    int runs = 0;
    int earlyExits = 0;
    for (int n = 0; n < 300; n++) {
      Features f = Features.draw(r);
      FloatNetwork base = randomNetwork(new Features(false, false, false, false, f.binarized(), f.firstToFire(),
          f.maxDelay()), r);
      FloatNetwork net = float32FirstLayer(base, r);
      CompiledFloatNetwork compiled = new CompiledFloatNetwork(net);
      assertTrue(compiled.firstLayerGroupable(), "network " + n + ": float32 weights of one scale are exact");
      FloatSimulator sim = new FloatSimulator(compiled);
      FloatReferenceSimulator ref = new FloatReferenceSimulator(net);
      InputTrains probe = new InputTrains(net.inputSize());
      for (int k = 0; k < 3; k++) {
        SpikeRaster x = sharedTrains(net.inputSize(), net.timesteps(), r);
        String where = "network " + n + " " + f + " input " + k;
        Recording expected = new Recording();
        Recording actual = new Recording();
        SimResult re = ref.simulate(x, null, expected);
        SimResult ra = sim.simulate(x, actual);
        assertSameResult(re, ra, where);
        assertSameResult(re, sim.runPerSpike(x), where + " (per spike)");
        assertEquals(expected.spikes.size(), actual.spikes.size(), where + ": steps");
        for (int t = 0; t < expected.spikes.size(); t++) {
          assertArrayEquals(expected.spikes.get(t), actual.spikes.get(t), where + ": spikes at step " + t);
          assertArrayEquals(expected.membraneBits.get(t), actual.membraneBits.get(t),
              where + ": membrane bits at step " + t);
        }
        grouped += probe.build(x, net.timesteps()) ? 1 : 0;
        earlyExits += re.earlyExit() ? 1 : 0;
        runs++;
      }
    }
    assertTrue(grouped > runs * 3 / 4, "grouping paid in only " + grouped + " of " + runs + " runs");
    assertTrue(earlyExits > runs / 10, "only " + earlyExits + " early exits in " + runs + " runs");
  }

  /**
   * {@code net} with first-layer weights rounded to float32 (as trained exports are) and one delay
   * for all its inputs (none, or an axonal delay up to maxDelay); the other layers unchanged.
   */
  private static FloatNetwork float32FirstLayer(FloatNetwork net, SplittableRandom r) {
    List<FloatLayer> layers = new ArrayList<>(net.layers());
    FloatLayer l = layers.get(0);
    double[][] w = new double[l.size()][];
    for (int j = 0; j < w.length; j++) {
      w[j] = Arrays.stream(l.weights()[j]).map(x -> (float) x).toArray();
    }
    int d = l.maxDelay() == 0 ? 0 : r.nextInt(l.maxDelay() + 1);
    int[] ax = null;
    if (d > 0 || (l.maxDelay() > 0 && r.nextBoolean())) {
      ax = new int[l.inputSize()];
      Arrays.fill(ax, d);
    }
    layers.set(0, new FloatLayer(l.name(), l.kind(), l.inputSize(), l.size(), l.threshold(), l.leak(), l.reset(), w,
        l.maxDelay(), ax, null, null, null));
    return new FloatNetwork(net.name(), net.inputSize(), net.timesteps(), layers, net.readout());
  }

  /** Input whose channels each take one of a few random trains (or stay silent), over about T steps. */
  private static SpikeRaster sharedTrains(int channels, int timesteps, SplittableRandom r) {
    int steps = Math.max(1, timesteps + r.nextInt(-3, 4));
    boolean[][] pool = new boolean[1 + r.nextInt(4)][steps];
    for (boolean[] train : pool) {
      double p = 0.1 + 0.8 * r.nextDouble();
      for (int t = 0; t < steps; t++) {
        train[t] = r.nextDouble() < p;
      }
    }
    boolean[][] d = new boolean[steps][channels];
    for (int i = 0; i < channels; i++) {
      int k = r.nextInt(pool.length + 1);
      for (int t = 0; t < steps && k < pool.length; t++) {
        d[t][i] = pool[k][t];
      }
    }
    return SpikeRaster.ofDense(d);
  }

  /**
   * The exactness rule at its boundary: 1 + 2^-52 is a double, so {1, 2^-52} sums exactly in any
   * order (Σ/q = 2^52 + 1); 1 + 2^-53 is not (Σ/q = 2^53 + 1: the order decides, so no grouping).
   */
  @Test
  void exactCurrentsOnlyWhereEverySubsetSumIsADouble() {
    assertTrue(CompiledFloatLayer.exactSums(new double[][] {{1.0, 0x1p-52}}));
    assertTrue(CompiledFloatLayer.exactSums(new double[][] {{1.0, -0x1p-52, 0.0}, {}}));
    assertTrue(CompiledFloatLayer.exactSums(new double[][] {{0x1p52, 1.0}}), "Σ/q = 2^52 + 1");
    assertTrue(CompiledFloatLayer.exactSums(new double[][] {{0x1p52, 0x1p52}}), "Σ/q = 2, q = 2^53");
    assertTrue(!CompiledFloatLayer.exactSums(new double[][] {{1.0, 0x1p-53}}));
    assertTrue(!CompiledFloatLayer.exactSums(new double[][] {{0.5, 0x1p-52}, {1.0, 0x1p-53}}), "one row decides");
    assertTrue(!CompiledFloatLayer.exactSums(new double[][] {{Double.MIN_VALUE, 1.0}}));
    assertEquals(-1074, CompiledFloatLayer.lowestBit(Double.MIN_VALUE));
    assertEquals(-2, CompiledFloatLayer.lowestBit(-0.75));
    assertEquals(52, CompiledFloatLayer.lowestBit(0x1p52));
  }

  /** The blocked row sum is not a different sum: a neuron whose current is order-sensitive. */
  @Test
  void addsInDeliveryOrderWhereReassociationWouldChangeTheSum() {
    // (((0 + 1) + 2^-53) + 2^-53) + ... : in order each tiny weight is lost; summed first they are not
    int in = 9;
    double[][] w = {{1.0, 0x1p-53, 0x1p-53, 0x1p-53, 0x1p-53, 0x1p-53, 0x1p-53, 0x1p-53, 0x1p-53}};
    FloatLayer l = new FloatLayer("o", LayerKind.DENSE, in, 1, 1.0 + 0x1p-52, 1.0, ResetMode.ZERO, w, 0, null, null,
        null, null);
    FloatNetwork net = new FloatNetwork("order", in, 1, List.of(l), ReadoutSpec.spikeCount());
    int[] all = {0, 1, 2, 3, 4, 5, 6, 7, 8};
    Recording rec = new Recording();
    assertTrue(!new CompiledFloatNetwork(net).firstLayerGroupable(), "order-dependent sums are never grouped");
    SimResult res = new FloatSimulator(net).simulate(SpikeRaster.of(in, new int[][] {all}), rec);
    assertEquals(0, res.outputCounts()[0], "1 + 8·2^-53 in order is 1, below the threshold 1 + 2^-52");
    assertEquals(Double.doubleToRawLongBits(1.0), rec.membraneBits.get(0)[0][0]);
  }

  /**
   * Delays outside 0..maxDelay and ragged delay arrays never reach the simulator: the float layer
   * refuses them as the integer layer does (they used to wrap around the ring, or crash at run time).
   */
  @Test
  void badDelaysAreRefusedByTheLayerWithTheirField() {
    double[][] w = {{0.3, 0.2, 0.4}, {0.6, 0.1, 0.25}};
    SpecException above = assertThrows(SpecException.class, () -> new FloatLayer("d", LayerKind.DENSE, 3, 2, 0.5, 1.0,
        ResetMode.ZERO, w, 2, new int[] {0, 4, 7}, null, null, null));
    assertEquals("axonalDelays[1]", above.field());
    SpecException negative = assertThrows(SpecException.class, () -> new FloatLayer("d", LayerKind.DENSE, 3, 2, 0.5,
        1.0, ResetMode.ZERO, w, 2, new int[] {1, -1, 0}, null, null, null));
    assertEquals("axonalDelays[1]", negative.field());
    SpecException ragged = assertThrows(SpecException.class, () -> new FloatLayer("d", LayerKind.DENSE, 3, 2, 0.5, 1.0,
        ResetMode.ZERO, w, 2, null, new int[][] {{1, 1, 1}, {1}}, null, null));
    assertEquals("synapticDelays[1]", ragged.field());
  }
}
