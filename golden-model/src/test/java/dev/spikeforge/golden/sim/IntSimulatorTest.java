package dev.spikeforge.golden.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.network.RandomNetworks;
import dev.spikeforge.golden.numerics.NumericsContract;
import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.NeuronSpec;
import dev.spikeforge.golden.spec.ReadoutSpec;
import dev.spikeforge.golden.spec.ResetMode;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
@net.jqwik.api.Tag("unit")
class IntSimulatorTest {
  static SpikeRaster randomRaster(int channels, int steps, double p, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    boolean[][] d = new boolean[steps][channels];
    for (int t = 0; t < steps; t++) {
      for (int i = 0; i < channels; i++) {
        d[t][i] = r.nextDouble() < p;
      }
    }
    return SpikeRaster.ofDense(d);
  }

  /** One input, one neuron, weight 10, threshold 10: the output spike follows the input by the delay. */
  @Test
  void axonalDelayShiftsTheSpike() {
    for (int delay = 0; delay <= 5; delay++) {
      LayerSpec l = new LayerSpec("d", LayerKind.DENSE, 1, 1, 8, new NeuronSpec(8, 10, 0, ResetMode.ZERO),
          new int[][] {{10}}, 5, new int[] {delay}, null, null, null);
      NetworkSpec net = new NetworkSpec("n", NumericsContract.VERSION, 1, 10, List.of(l), ReadoutSpec.spikeCount());
      Trace tr = new IntSimulator(net).runTraced(SpikeRaster.of(1, new int[][] {{}, {0}}), "");
      for (int t = 0; t < 10; t++) {
        assertEquals(t == 1 + delay ? 1 : 0, tr.steps().get(t).spikes()[0].length, "delay " + delay + " step " + t);
      }
    }
  }

  /** A recurrent self-excitation of +10 with delay 1 keeps a neuron firing every step after one kick. */
  @Test
  void recurrenceArrivesOneStepLater() {
    LayerSpec l = new LayerSpec("r", LayerKind.DENSE, 1, 1, 8, new NeuronSpec(8, 10, 0, ResetMode.ZERO),
        new int[][] {{10}}, 0, null, null, new int[][] {{10}}, null);
    NetworkSpec net = new NetworkSpec("n", NumericsContract.VERSION, 1, 6, List.of(l), ReadoutSpec.spikeCount());
    SimResult r = new IntSimulator(net).run(SpikeRaster.of(1, new int[][] {{0}}));
    assertEquals(6, r.outputCounts()[0]);
    // 1 input event + 6 recurrent deliveries (the last one lands after T but is still performed)
    assertEquals(7, r.synapticOps());
  }

  @Test
  void firstToFireExitsEarlyAndBreaksTiesLow() {
    LayerSpec l = new LayerSpec("o", LayerKind.DENSE, 2, 3, 8, new NeuronSpec(8, 10, 0, ResetMode.SUBTRACT),
        new int[][] {{5, 0}, {10, 0}, {10, 0}}, 0, null, null, null, null);
    NetworkSpec net = new NetworkSpec("n", NumericsContract.VERSION, 2, 20, List.of(l), ReadoutSpec.firstToFire(1));
    SimResult r = new IntSimulator(net).run(SpikeRaster.of(2, new int[][] {{}, {}, {0}, {0}, {0}}));
    assertEquals(1, r.prediction());
    assertFalse(r.unique()); // neurons 1 and 2 reached together
    assertEquals(3, r.decisionStep());
    assertTrue(r.earlyExit());
  }

  @Test
  void binarizedCurrentEqualsPopcountForm() {
    SplittableRandom rnd = new SplittableRandom(7);
    for (int trial = 0; trial < 200; trial++) {
      int n = 1 + rnd.nextInt(200);
      int[] w = new int[n];
      boolean[] s = new boolean[n];
      int direct = 0;
      for (int i = 0; i < n; i++) {
        w[i] = rnd.nextBoolean() ? 1 : -1;
        s[i] = rnd.nextBoolean();
        direct += s[i] ? w[i] : 0;
      }
      assertEquals(direct, dev.spikeforge.golden.neuron.BinarizedSynapse.current(
          dev.spikeforge.golden.neuron.BinarizedSynapse.pack(s),
          dev.spikeforge.golden.neuron.BinarizedSynapse.packWeights(w)));
    }
  }

  /** Event-driven simulation equals the dense transcription of the equations, for every feature. */
  @Property(tries = 150)
  void eventDrivenEqualsDenseReference(@ForAll @IntRange(min = 1, max = 12) int in,
      @ForAll @IntRange(min = 1, max = 12) int hidden, @ForAll @IntRange(min = 1, max = 5) int out,
      @ForAll @IntRange(min = 0, max = 6) int maxDelay, @ForAll boolean axonal, @ForAll boolean synaptic,
      @ForAll boolean recurrent, @ForAll boolean binarized, @ForAll boolean ftf,
      @ForAll @IntRange(min = 4, max = 10) int membraneWidth, @ForAll long seed) {
    RandomNetworks.Options o = new RandomNetworks.Options(new int[] {in, hidden, out}, 16, 4, membraneWidth,
        maxDelay, axonal, synaptic, recurrent, binarized,
        ftf ? ReadoutSpec.firstToFire(2) : ReadoutSpec.spikeCount(), 0.15);
    NetworkSpec net = RandomNetworks.generate(o, seed);
    SpikeRaster input = randomRaster(in, 16, 0.4, seed ^ 0x5555);
    Trace trace = new IntSimulator(net).runTraced(input, "");
    DenseReference.Result ref = DenseReference.run(net, input);
    assertEquals(ref.decisionStep(), trace.steps().size());
    for (int t = 0; t < trace.steps().size(); t++) {
      for (int l = 0; l < net.layers().size(); l++) {
        boolean[] expected = ref.spikes()[l][t];
        boolean[] actual = new boolean[expected.length];
        for (int j : trace.steps().get(t).spikes()[l]) {
          actual[j] = true;
        }
        assertArrayEquals(expected, actual, "spikes step " + t + " layer " + l);
        long[] mem = new long[expected.length];
        for (int j = 0; j < mem.length; j++) {
          mem[j] = trace.steps().get(t).membranes()[l][j];
        }
        assertArrayEquals(ref.membranes()[l][t], mem, "membranes step " + t + " layer " + l);
      }
    }
    assertEquals(ref.prediction(), trace.result().prediction());
  }

  /** Same network, same input: same result, also across simulator instances sharing weights. */
  @Test
  void deterministicAndReusable() {
    NetworkSpec net = RandomNetworks.generate(RandomNetworks.Options.dense(30, 20, 5), 3);
    CompiledNetwork c = new CompiledNetwork(net);
    IntSimulator a = new IntSimulator(c);
    IntSimulator b = new IntSimulator(c);
    SpikeRaster x = randomRaster(30, 20, 0.3, 1);
    SimResult r1 = a.run(x);
    a.run(randomRaster(30, 20, 0.3, 2));
    SimResult r2 = a.run(x);
    SimResult r3 = b.run(x);
    assertArrayEquals(r1.outputCounts(), r2.outputCounts());
    assertArrayEquals(r1.outputCounts(), r3.outputCounts());
    assertEquals(r1.synapticOps(), r3.synapticOps());
  }

  /** Axonal delays D_i are the same thing as synaptic delays d_ji = D_i. */
  @Property(tries = 40)
  void axonalEqualsEquivalentSynaptic(@ForAll long seed) {
    NetworkSpec net = RandomNetworks.generate(new RandomNetworks.Options(new int[] {8, 6, 3}, 16, 6, 12, 4, true,
        false, false, false, ReadoutSpec.spikeCount(), 0.05), seed);
    LayerSpec a = net.layers().get(0);
    int[][] syn = new int[a.size()][a.inputSize()];
    for (int j = 0; j < a.size(); j++) {
      for (int i = 0; i < a.inputSize(); i++) {
        syn[j][i] = a.axonalDelays()[i];
      }
    }
    LayerSpec b = new LayerSpec(a.name(), a.kind(), a.inputSize(), a.size(), a.weightWidth(), a.neuron(),
        a.weights(), a.maxDelay(), null, syn, null, null);
    NetworkSpec net2 = new NetworkSpec(net.name(), net.numericsVersion(), net.inputSize(), net.timesteps(),
        List.of(b, net.layers().get(1)), net.readout());
    SpikeRaster x = randomRaster(8, 16, 0.5, seed);
    assertArrayEquals(new IntSimulator(net).run(x).outputCounts(), new IntSimulator(net2).run(x).outputCounts());
  }
}
