package dev.spikeforge.golden.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.RateEncoder;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.learning.DesireBackpropInt;
import dev.spikeforge.golden.learning.DesireIntParams;
import dev.spikeforge.golden.learning.DesireParams;
import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.SpecException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Binarized layers trained with the straight-through estimator (docs/learning.md §11): one sample
 * on a 2-2-2 network whose first layer is binarized, computed by hand in the float and the integer
 * form; thread-count independence; fine-tuning from given weights.
 *
 * <p>As {@link DesireHandExampleTest} (T = 4, T_eff = 4, λ = 0.75, θ_h = 0.05, θ_o = 0.30, η = 0.5,
 * delay 1, no dropout), label 0, with latent weights W1 = [[2, −0.125], [0.5, −1.375]] and dense
 * W2 = [[1, 0], [0.5, 1.5]]. α = mean |W1| = 4/4 = 1, so fc1's forward weights are [[1, −1], [1, −1]].
 */
@Tag("unit")
class DesireBinarizedTest {
  static final int[] SIZES = {2, 2, 2};
  static final DesireParams PARAMS = DesireHandExampleTest.PARAMS;
  static final double[][][] W = {{{2.0, -0.125}, {0.5, -1.375}}, {{1.0, 0.0}, {0.5, 1.5}}};
  static final SpikeRaster X = DesireHandExampleTest.X;

  /*
   * Forward. Input 0 spikes at 0..3, input 1 at 1 and 3. h0 and h1 (forward [1, −1]): currents 1, 0,
   * 1, 0 → v = 1 (spike, 0), 0, 1 (spike, 0), 0: spikes at 0 and 2. The outputs see them at 1 and 3.
   * o0 (W2 row [1, 0]): 1 at steps 1 and 3: 2 spikes. o1 ([0.5, 1.5]): 2 at step 1 (spike, 1), 0.75,
   * 0.5625 + 2 = 2.5625 (spike): 2 spikes. Counts [2, 2]: prediction 0 but not unique → wrong.
   * Loss (|1 − 2/4| + |0 − 2/4|) / 2 = 0.5.
   *
   * Desire (label 0): o0 1 − 2/4 = 0.5 > 0.3 → +1, ε = 0.5; o1 2/4 > 0.3 → −1, ε = 0.5.
   * Hidden sums with fc2's weights: h0 = 1·0.5 − 0.5·0.5 = 0.25 → +1; h1 = 0 − 1.5·0.5 = −0.75 → −1.
   *
   * fc2 update: inputs h0, h1 as seen (steps 1, 3): traces 0, 1, 0.75, 1.5625. o0 (+1) and o1 (−1)
   * spike at 1 and 3: U = 2.5625 for both inputs, η·U = 1.28125: W2 = [[2.28125, 1.28125],
   * [−0.78125, 0.21875]].
   * fc1 update through the straight-through estimator (applied to the latent weights): traces of
   * input 0: 1, 1.75, 2.3125, 2.734375; input 1: 0, 1, 0.75, 1.5625. h0 (+1) and h1 (−1) spike at 0
   * and 2: U = 1 + 2.3125 = 3.3125 (input 0), 0 + 0.75 = 0.75 (input 1). Latent W1 = [[2 + 1.65625,
   * −0.125 + 0.375], [0.5 − 1.65625, −1.375 − 0.375]] = [[3.65625, 0.25], [−1.15625, −1.75]]: two
   * latent weights crossed zero, so fc1's forward weights become [[1, 1], [−1, −1]] (α stays 1).
   */
  @Test
  void floatForm() {
    try (DesireFloatEngine e = new DesireFloatEngine(DesireConfig.floatForm(SIZES, PARAMS, 1).withBinarized(0), 1)) {
      e.setWeights(W);
      assertEquals(1.0f, e.alpha(0));
      SampleOutcome r = e.train(X, 0, 0, 0);
      assertEquals(0, r.prediction());
      assertFalse(r.correct());
      assertEquals(0.5, r.loss());
      assertArrayEquals(new int[] {2, 2}, e.hist.count[0]);
      assertArrayEquals(new int[] {2, 2}, e.hist.count[1]);
      assertArrayEquals(new int[] {1, -1}, e.desire[1]);
      assertArrayEquals(new int[] {1, -1}, e.desire[0]);
      assertEquals(3.65625f, e.latent(0, 0, 0));
      assertEquals(0.25f, e.latent(0, 0, 1));
      assertEquals(-1.15625f, e.latent(0, 1, 0));
      assertEquals(-1.75f, e.latent(0, 1, 1));
      FloatLayer fc1 = e.floatNetwork().layers().get(0);
      FloatLayer fc2 = e.floatNetwork().layers().get(1);
      assertEquals(LayerKind.BINARIZED, fc1.kind());
      assertEquals(LayerKind.DENSE, fc2.kind());
      assertArrayEquals(new double[] {1, 1}, fc1.weights()[0]);
      assertArrayEquals(new double[] {-1, -1}, fc1.weights()[1]);
      assertArrayEquals(new double[] {2.28125, 1.28125}, fc2.weights()[0]);
      assertArrayEquals(new double[] {-0.78125, 0.21875}, fc2.weights()[1]);
    }
  }

  /*
   * Integer form: q = 4 (shadow unit 2^−12 thresholds), B = 8, E = 8, F = 4, M = 16. Shadows ×4096:
   * W1 = [[8192, −512], [2048, −5632]], forward 8-bit weights [[32, −2], [8, −22]]: Σ|w| = 64 over
   * 4 weights, θ_b = round_half_up(16·4/64) = 1 (α = 1 threshold, as in the float form). fc2: θ = 16,
   * weights [[16, 0], [8, 24]], shadows [[4096, 0], [2048, 6144]].
   * Forward as in the float form (θ_b = 1 with weights ±1; o1: 32 (spike, 16), 12, 9 + 32 = 41 (spike)).
   * D_out = 1: o0 4 − 2 = 2 > 1 → +1, g = 2; o1 2 > 1 → −1, g = −2. D(fc2) = ceil(0.05·4·16) = 4:
   * A_h0 = 16·2 − 8·2 = 16 → +1; A_h1 = −24·2 = −48 → −1.
   * R = s + F − q − E = 1 + 4 − 4 − 8 = −7 for both layers (fc1's shadow keeps the q = 4 unit).
   * fc2: traces (+16, x − (x >> 2)) 0, 16, 12, 25: U = 41, Δ = 41·128 = 5248: shadows [[9344, 5248],
   * [−3200, 896]], forward round_half_up(/256): [[37, 21], [−12, 4]].
   * fc1: input 0 traces 16, 28, 37, 44; input 1 0, 16, 12, 25; spikes at 0 and 2: U = 53 and 12,
   * Δ = 6784 and 1536: shadows [[14976, 1024], [−4736, −7168]] (= 4096 × the float latents), forward
   * signs [[1, 1], [−1, −1]], threshold still 1.
   */
  @Test
  void integerForm() {
    DesireIntParams ip = new DesireIntParams(8, 8, 16, 4, new int[] {4, 4});
    try (DesireIntEngine e = new DesireIntEngine(DesireConfig.intForm(SIZES, PARAMS, ip, 1).withBinarized(0), 1)) {
      e.setWeights(W);
      assertEquals(1, e.threshold(0));
      assertEquals(16, e.threshold(1));
      SampleOutcome r = e.train(X, 0, 0, 0);
      assertEquals(0, r.prediction());
      assertFalse(r.correct());
      assertArrayEquals(new int[] {2, 2}, e.hist.count[0]);
      assertArrayEquals(new int[] {2, 2}, e.hist.count[1]);
      assertArrayEquals(new int[] {1, -1}, e.desire[1]);
      assertArrayEquals(new int[] {1, -1}, e.desire[0]);
      assertEquals(9344, e.shadow(1, 0, 0));
      assertEquals(5248, e.shadow(1, 0, 1));
      assertEquals(-3200, e.shadow(1, 1, 0));
      assertEquals(896, e.shadow(1, 1, 1));
      assertEquals(14976, e.shadow(0, 0, 0));
      assertEquals(1024, e.shadow(0, 0, 1));
      assertEquals(-4736, e.shadow(0, 1, 0));
      assertEquals(-7168, e.shadow(0, 1, 1));
      LayerSpec fc1 = e.intNetwork().layers().get(0);
      LayerSpec fc2 = e.intNetwork().layers().get(1);
      assertEquals(LayerKind.BINARIZED, fc1.kind());
      assertEquals(1, fc1.weightWidth());
      assertEquals(1, fc1.neuron().threshold());
      assertArrayEquals(new int[] {1, 1}, fc1.weights()[0]);
      assertArrayEquals(new int[] {-1, -1}, fc1.weights()[1]);
      assertArrayEquals(new int[] {37, 21}, fc2.weights()[0]);
      assertArrayEquals(new int[] {-12, 4}, fc2.weights()[1]);
      assertEquals(16, fc2.neuron().threshold());
    }
  }

  @Test
  void binarizedThresholdRoundsHalfUpAndClamps() {
    assertEquals(1, DesireBackpropInt.binarizedThreshold(64, 4, 4, 16));
    assertEquals(3, DesireBackpropInt.binarizedThreshold(100, 20, 4, 16)); // 16·20/100 = 3.2
    assertEquals(4, DesireBackpropInt.binarizedThreshold(128, 28, 4, 16)); // 16·28/128 = 3.5 → 4
    assertEquals(1, DesireBackpropInt.binarizedThreshold(1000, 1, 0, 16)); // 0.001 → clamped to 1
    assertEquals(32767, DesireBackpropInt.binarizedThreshold(1, 1000, 10, 16)); // clamped to 2^15 − 1
    assertEquals(410, DesireBackpropInt.desireThresholdOf(0.05, 16, 512));
    assertEquals(DesireBackpropInt.desireThreshold(0.05, 16, 9), DesireBackpropInt.desireThresholdOf(0.05, 16, 512));
  }

  /** 1 and 2 threads give the same latent weights with binarized layers (dropout on, a split layer). */
  @Test
  void oneAndTwoThreadsGiveTheSameBits() {
    int[] sizes = {24, 300, 40, 3};
    Dataset data = SyntheticData.make("syn", 40, 24, 3, 5);
    for (boolean integer : new boolean[] {false, true}) {
      DesireParams p = DesireParams.fashionMnist().withLearningRate(1e-3, 0);
      DesireConfig cfg = (integer ? DesireConfig.intForm(sizes, p, DesireIntParams.defaults(sizes, 6), 3)
          : DesireConfig.floatForm(sizes, p, 3)).withBinarized(0, 1);
      byte[] one = trained(cfg, 1, data);
      byte[] two = trained(cfg, 2, data);
      assertArrayEquals(one, two, (integer ? "int" : "float") + ": threads changed the bits");
      assertNotEquals(java.util.Arrays.toString(one), java.util.Arrays.toString(trained(
          cfg.withBinarized(1), 1, data)), "binarizing fc1 should change the result");
    }
  }

  /** A run from given weights starts from them: an integer model's weights become its shadows exactly. */
  @Test
  void fineTuningStartsFromTheGivenWeights() {
    int[] sizes = {24, 30, 3};
    DesireParams p = DesireParams.fashionMnist();
    DesireIntParams ip = DesireIntParams.defaults(sizes, 8);
    Dataset data = SyntheticData.make("syn", 20, 24, 3, 9);
    DesireConfig base = DesireConfig.intForm(sizes, p, ip, 4);
    try (DesireIntEngine a = new DesireIntEngine(base, 1)) {
      for (int s = 0; s < data.size(); s++) {
        a.train(data.encode(s, new RateEncoder(), p.timesteps()), data.label(s), 0, s);
      }
      // the trained integer model in threshold units, as `--init model.json` reads it
      var net = a.intNetwork();
      double[][][] w = new double[2][][];
      for (int l = 0; l < 2; l++) {
        LayerSpec ls = net.layers().get(l);
        w[l] = new double[ls.size()][ls.inputSize()];
        for (int j = 0; j < ls.size(); j++) {
          for (int i = 0; i < ls.inputSize(); i++) {
            w[l][j][i] = ls.weights()[j][i] / (double) ls.neuron().threshold();
          }
        }
      }
      DesireInit init = new DesireInit("model.json", w);
      try (DesireIntEngine b = new DesireIntEngine(base.withInit(init), 1)) {
        assertEquals(NetworkJson.contentHash(net), NetworkJson.contentHash(b.intNetwork()));
        for (int j = 0; j < 30; j++) {
          assertEquals(net.layers().get(0).weights()[j][0] << ip.shadowBits(), b.shadow(0, j, 0));
        }
      }
      assertNotEquals(base.describe(), base.withInit(init).describe(), "the fingerprint records the initial weights");
      assertThrows(SpecException.class, () -> base.withInit(new DesireInit("x", new double[][][] {w[0]})));
    }
  }

  private static byte[] trained(DesireConfig cfg, int threads, Dataset data) {
    try (TrainingEngine e = cfg.engine(threads)) {
      for (int epoch = 0; epoch < 2; epoch++) {
        for (int s = 0; s < data.size(); s++) {
          e.train(data.encode(s, new RateEncoder(), cfg.params().timesteps()), data.label(s), epoch, s);
        }
      }
      return e.state();
    }
  }
}
