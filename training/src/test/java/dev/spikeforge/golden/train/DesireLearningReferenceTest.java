package dev.spikeforge.golden.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.learning.DesireBackpropInt;
import dev.spikeforge.golden.learning.DesireIntParams;
import dev.spikeforge.golden.learning.DesireParams;
import dev.spikeforge.golden.learning.DropoutMask;
import dev.spikeforge.golden.learning.StochasticRounding;
import dev.spikeforge.golden.numerics.Lfsr;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.ReadoutMode;
import dev.spikeforge.golden.spec.SpecException;
import dev.spikeforge.golden.spec.hw.DelayMode;
import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.golden.spec.hw.HwDesireLearning;
import dev.spikeforge.golden.spec.hw.HwLayer;
import dev.spikeforge.golden.spec.hw.SynapseMode;
import dev.spikeforge.golden.spec.LayerKind;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The golden reference of on-chip learning: built from a learning core and its network, it trains like
 * an independent engine (two threads, split layers, grouped input: another code path), packs the memory
 * words lane by lane as docs/hardware.md §4 says, and hands out the LFSR states the sample's draws start
 * from.
 */
@Tag("unit")
class DesireLearningReferenceTest {
  static final int[] SIZES = {300, 240, 10};

  static DesireConfig config(long seed) {
    DesireParams p = DesireParams.fashionMnist().withTimesteps(12).withDropout(0.1, 0.3)
        .withLearningRate(Math.scalb(1.0, -10), 0.5);
    DesireIntParams ip = DesireIntParams.defaults(SIZES, 6).withLayerShadowBits(2, 5).withRoundingBits(16);
    return DesireConfig.intForm(SIZES, p, ip, seed);
  }

  /** The learning core of {@code c}, P = 4 and 3 lanes, D = 1 (what HwMapper gives a desire network). */
  static HwCore core(DesireConfig c) {
    int b = c.intParams().weightBits();
    int m = c.intParams().membraneBits();
    HwLayer l0 = new HwLayer(LayerKind.DENSE, 300, 240, 4, b, m, 0, DelayMode.NONE, false, false, SynapseMode.EVENT, 1,
        SynapseMode.EVENT);
    HwLayer l1 = new HwLayer(LayerKind.DENSE, 240, 10, 3, b, m, 1, DelayMode.AXONAL, false, false, SynapseMode.EVENT,
        4, SynapseMode.EVENT);
    return new HwCore(300, 1, c.params().timesteps(), ReadoutMode.SPIKE_COUNT, 1, List.of(l0, l1),
        DesireHardware.learningSpec(c));
  }

  static SpikeRaster raster(SplittableRandom r, int channels, int steps, int label) {
    boolean[][] s = new boolean[steps][channels];
    for (boolean[] row : s) {
      for (int i = 0; i < channels; i++) {
        row[i] = r.nextDouble() < (i % 10 == label ? 0.5 : 0.08);
      }
    }
    return SpikeRaster.ofDense(s);
  }

  /** Packs lane p of word i·G + g by hand: the shadow of neuron g·P + p, B + E bits two's complement. */
  static BigInteger[] pack(int[][] sh, int lanes, int width) {
    int out = sh.length;
    int in = sh[0].length;
    int groups = (out + lanes - 1) / lanes;
    BigInteger[] w = new BigInteger[in * groups];
    for (int i = 0; i < in; i++) {
      for (int g = 0; g < groups; g++) {
        BigInteger word = BigInteger.ZERO;
        for (int p = 0; p < lanes && g * lanes + p < out; p++) {
          long bits = sh[g * lanes + p][i] & ((1L << width) - 1);
          word = word.or(BigInteger.valueOf(bits).shiftLeft(p * width));
        }
        w[i * groups + g] = word;
      }
    }
    return w;
  }

  @Test
  void tracksAnIndependentEngineSampleBySample() {
    DesireConfig c = config(7);
    HwCore core = core(c);
    NetworkSpec net;
    try (DesireIntEngine init = new DesireIntEngine(c, 1)) {
      net = init.intNetwork();
    }
    SplittableRandom r = new SplittableRandom(7);
    try (DesireLearningReference ref = DesireLearningReference.of(c, core, net);
        DesireIntEngine twin = new DesireIntEngine(c, 2)) {
      assertTrue(twin.parallel[0], "the twin splits the first layer: another code path");
      // the twin starts from w << E, written into its state independently
      ByteBuffer st = ByteBuffer.allocate(4 + (4 + 4 * 300 * 240) + (4 + 4 * 240 * 10));
      st.putInt(2);
      for (int l = 0; l < 2; l++) {
        int[][] w = net.layers().get(l).weights();
        st.putInt(SIZES[l] * SIZES[l + 1]);
        for (int i = 0; i < SIZES[l]; i++) {
          for (int j = 0; j < SIZES[l + 1]; j++) {
            st.putInt(w[j][i] * (1 << c.intParams().shadowBits(l)));
          }
        }
      }
      twin.restore(st.array());
      int[] e = {2, 5};
      for (int l = 0; l < 2; l++) {
        int lanes = core.layers().get(l).lanes();
        assertArrayEquals(pack(ref.shadows(l), lanes, 6 + e[l]), ref.memoryWords(l), "sample 0, layer " + l);
        assertEquals(ref.memoryWords(l).length, ref.memoryImage(l).split("\n").length);
      }
      BigInteger[] before = ref.memoryWords(0);
      int epoch = 0;
      for (int n = 0; n < 24; n++) {
        if (n == 12) {
          epoch = 1;
        }
        int label = r.nextInt(10);
        SpikeRaster x = raster(r, 300, 12, label);
        SampleOutcome a = ref.train(x, label, epoch, n % 12);
        SampleOutcome b = twin.train(x, label, epoch, n % 12);
        assertEquals(b, a, "sample " + n);
        for (int l = 0; l < 2; l++) {
          int[][] tw = new int[SIZES[l + 1]][SIZES[l]];
          for (int j = 0; j < tw.length; j++) {
            for (int i = 0; i < tw[j].length; i++) {
              tw[j][i] = twin.shadow(l, j, i);
            }
          }
          assertArrayEquals(pack(tw, core.layers().get(l).lanes(), 6 + e[l]), ref.memoryWords(l),
              "sample " + n + ", layer " + l);
        }
        assertArrayEquals(twin.hist.count[1], ref.counts());
        assertArrayEquals(twin.hist.bits[0], ref.spikeHistory(0));
      }
      assertNotEquals(List.of(before), List.of(ref.memoryWords(0)), "the layer learned: the test can fail");
      assertEquals(twin.intNetwork(), ref.network());
    }
  }

  @Test
  void lfsrStatesAreTheStartsOfTheSamplesDraws() {
    DesireConfig c = config(11);
    HwCore core = core(c);
    NetworkSpec net;
    try (DesireIntEngine init = new DesireIntEngine(c, 1)) {
      net = init.intNetwork();
    }
    try (DesireLearningReference ref = DesireLearningReference.of(c, core, net)) {
      assertEquals(Lfsr.seeded(11, DropoutMask.stream(3, 17)).state(), ref.dropoutState(3, 17));
      assertEquals(StochasticRounding.generator(11, 3, 17, 1).state(), ref.roundingState(1, 3, 17));
      assertNotEquals(ref.roundingState(0, 3, 17), ref.roundingState(1, 3, 17));
      // the masks of a trained sample are the draws from the dropout state, inputs first, then fc1's neurons
      SplittableRandom r = new SplittableRandom(2);
      ref.train(raster(r, 300, 12, 4), 4, 3, 17);
      Lfsr lfsr = new Lfsr(ref.dropoutState(3, 17));
      boolean[] in = new boolean[300];
      boolean[] hid = new boolean[240];
      DropoutMask.draw(lfsr, c.params().inputDropout() > 0 ? 26 : 0, in, 300);
      DropoutMask.draw(lfsr, 77, hid, 240);
      assertEquals(26, core.learning().dropoutThresholds()[0]);
      assertEquals(77, core.learning().dropoutThresholds()[1]);
      assertArrayEquals(in, ref.kept(0));
      assertArrayEquals(hid, ref.kept(1));
      for (int i = 0; i < 300; i++) {
        assertTrue(in[i] || ref.inputHistory()[i] == 0, "a dropped input never spikes");
      }
      // s(e) = round(−log2(2^−10 · e^(−0.5 e))): 10, 11, 11, 12
      assertEquals(10, ref.rateExponent(0));
      assertEquals(11, ref.rateExponent(1));
      assertEquals(DesireBackpropInt.learningRateExponent(c.params().learningRate(5)), ref.rateExponent(5));
      SpecException big = assertThrows(SpecException.class, () -> ref.rateExponent(200));
      assertTrue(big.getMessage().contains("learningRate") && big.getMessage().contains("6-bit"), big.getMessage());
    }
  }

  @Test
  void theSpecIsComputedByTheEnginesFunctions() {
    DesireConfig c = config(1);
    HwDesireLearning s = DesireHardware.learningSpec(c);
    assertArrayEquals(new int[] {2, 5}, s.shadowBits());
    assertEquals(16, s.roundingBits());
    assertEquals(c.intParams().traceFracBits(), s.traceFracBits());
    assertEquals(2, s.leakShift());
    assertEquals(1, s.layerDelay());
    assertArrayEquals(c.intParams().thresholdShifts(), s.thresholdShifts());
    assertArrayEquals(new int[] {8, 8}, s.errorScales(), "T_eff = 12 − 4");
    assertEquals(DesireBackpropInt.outputThresholdCount(0.30, 8), s.outputDesireThreshold());
    assertEquals(DesireBackpropInt.desireThreshold(0.05, 8, c.intParams().thresholdShift(1)),
        s.hiddenDesireThresholds()[1]);
    assertArrayEquals(new int[] {DesireBackpropInt.dropoutScale(0.1), DesireBackpropInt.dropoutScale(0.3)},
        s.dropoutScales());
    assertArrayEquals(new int[] {284, 366}, s.dropoutScales());
  }

  @Test
  void whatTheUnitCannotLearnIsRefusedByField() {
    DesireConfig c = config(1);
    SpecException flt = assertThrows(SpecException.class, () -> DesireHardware.learningSpec(
        DesireConfig.floatForm(SIZES, c.params(), 1)));
    assertTrue(flt.getMessage().contains("precision"), flt.getMessage());
    SpecException bin = assertThrows(SpecException.class, () -> DesireHardware.learningSpec(c.withBinarized(0)));
    assertTrue(bin.getMessage().contains("binarized") && bin.getMessage().contains("fc1"), bin.getMessage());
    SpecException ee = assertThrows(SpecException.class, () -> DesireHardware.learningSpec(c.withEarlyExit(3)));
    assertTrue(ee.getMessage().contains("earlyExit"), ee.getMessage());
    // a configuration that gives another spec than the core's
    DesireConfig other = DesireConfig.intForm(SIZES, c.params(), c.intParams().withRoundingBits(8), 1);
    NetworkSpec net;
    try (DesireIntEngine init = new DesireIntEngine(c, 1)) {
      net = init.intNetwork();
    }
    SpecException mismatch = assertThrows(SpecException.class, () -> DesireLearningReference.of(other, core(c), net));
    assertTrue(mismatch.getMessage().contains("learning"), mismatch.getMessage());
    SpecException inference = assertThrows(SpecException.class,
        () -> DesireLearningReference.of(c, core(c).withLearning(null), net));
    assertTrue(inference.getMessage().contains("inference-only"), inference.getMessage());
    // a network that is not the configuration's (another leak)
    DesireConfig k3 = DesireConfig.intForm(SIZES, c.params().withLeakShift(3), c.intParams(), 1);
    SpecException leak = assertThrows(SpecException.class, () -> DesireHardware.checkNetwork(net, k3));
    assertTrue(leak.getMessage().contains("layers[0] (fc1).neuron.leakShift"), leak.getMessage());
  }

  @Test
  void aRunDescriptionGivesBackItsConfiguration() {
    DesireConfig c = config(5);
    DesireConfig back = DesireHardware.fromDescription(DesireHardware.describe(c), c.name());
    assertEquals(c, back);
    assertEquals(DesireHardware.learningSpec(c), DesireHardware.learningSpec(back));
    // without a description: the training defaults, read off the network
    NetworkSpec net;
    try (DesireIntEngine init = new DesireIntEngine(c, 1)) {
      net = init.intNetwork();
    }
    DesireConfig d = DesireHardware.configOf(net, null, "fashion-mnist");
    DesireHardware.checkNetwork(net, d);
    assertEquals(12, d.intParams().shadowBits());
    assertEquals(0, d.intParams().roundingBits());
    assertArrayEquals(c.intParams().thresholdShifts(), d.intParams().thresholdShifts());
  }
}
