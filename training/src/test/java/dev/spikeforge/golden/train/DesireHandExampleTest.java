package dev.spikeforge.golden.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.spikeforge.golden.learning.DesireIntParams;
import dev.spikeforge.golden.learning.DesireParams;
import dev.spikeforge.golden.sim.SpikeRaster;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One training sample of desire backpropagation on a 2-2-2 network, computed by hand (the numbers
 * in the comments), in the float form and in the integer form.
 *
 * <p>T = 4, error margin 0 (T_eff = 4), λ = 0.75, thresholds 0.05 (hidden) and 0.30 (output), no
 * dropout, η = 0.5. Input 0 spikes at steps 0..3, input 1 at steps 1 and 3; label 1. Weights
 * (threshold units): W1 = [[1, 0.5], [0.25, −0.5]] (hidden × input), W2 = [[1, 0], [0.5, 1.5]].
 */
@Tag("unit")
class DesireHandExampleTest {
  static final int[] SIZES = {2, 2, 2};
  static final DesireParams PARAMS = new DesireParams(4, 2, 0, 0.05, 0.30, 0, 0, 0.5, 0, 1);
  static final double[][][] W = {{{1.0, 0.5}, {0.25, -0.5}}, {{1.0, 0.0}, {0.5, 1.5}}};
  static final SpikeRaster X = SpikeRaster.of(2, new int[][] {{0}, {0, 1}, {0}, {0, 1}});

  /*
   * Forward, float. h0: v = 1 (spike, 0), 1.5 (spike, .5), .375+1 = 1.375 (spike, .375),
   * .28125+1.5 = 1.78125 (spike): spikes at 0,1,2,3. h1: .25, −.0625, .203125, −.09765625: none.
   * Outputs see h0 one step late (steps 1..3). o0: 1 at each of steps 1,2,3: 3 spikes.
   * o1: .5, .875, 1.15625 (spike at 3): 1 spike. Counts [3, 1], label 1: wrong.
   *
   * Desire: o1 (label) 1 − 1/4 = .75 > .3 → +1, ε = .75; o0 3/4 = .75 > .3 → −1, ε = .75.
   * Hidden sums a_j = Σ_k W2[k][j] d_k ε_k: h0 = −.75 + .5·.75 = −.375 → −1 (ε = |0 − 4/4| = 1);
   * h1 = 0 + 1.5·.75 = 1.125 → +1 (never spiked: no update).
   *
   * Traces. Layer 2 input h0 (delayed): 0, 1, 1.75, 2.3125. o0 (−1) spikes at 1,2,3: U = 5.0625,
   * W2[0][0] = 1 − .5·5.0625 = −1.53125. o1 (+1) at 3: U = 2.3125, W2[1][0] = .5 + 1.15625 = 1.65625.
   * Layer 1 inputs: in0 1, 1.75, 2.3125, 2.734375 (U = 7.796875 over h0's spikes at 0..3);
   * in1 0, 1, .75, 1.5625 (U = 3.3125). h0 (−1): W1[0][0] = 1 − 3.8984375 = −2.8984375,
   * W1[0][1] = .5 − 1.65625 = −1.15625.
   */
  @Test
  void floatForm() {
    try (DesireFloatEngine e = new DesireFloatEngine(DesireConfig.floatForm(SIZES, PARAMS, 1), 1)) {
      e.setWeights(W);
      SampleOutcome r = e.train(X, 1, 0, 0);
      assertEquals(0, r.prediction());
      assertFalse(r.correct());
      assertEquals(0.75, r.loss());
      assertArrayEquals(new int[] {4, 0}, e.hist.count[0]);
      assertArrayEquals(new int[] {3, 1}, e.hist.count[1]);
      assertArrayEquals(new int[] {-1, 1}, e.desire[1]);
      assertArrayEquals(new int[] {-1, 1}, e.desire[0]);
      double[][] w1 = e.floatNetwork().layers().get(0).weights();
      double[][] w2 = e.floatNetwork().layers().get(1).weights();
      assertArrayEquals(new double[] {-2.8984375, -1.15625}, w1[0]);
      assertArrayEquals(new double[] {0.25, -0.5}, w1[1]);
      assertArrayEquals(new double[] {-1.53125, 0.0}, w2[0]);
      assertArrayEquals(new double[] {1.65625, 1.5}, w2[1]);
    }
  }

  /*
   * Integer form: q = 4 (θ = 16), B = 8, E = 8 (shadow 16 bits), F = 4, M = 16. Weights ×16:
   * W1 = [[16, 8], [4, −8]], W2 = [[16, 0], [8, 24]]; shadows ×256 of those.
   * h0: 16 (spike, 0), 24 (spike, 8), 6+16 = 22 (spike, 6), 5+24 = 29 (spike): 4 spikes.
   * h1: 4, 3+4−8 = −1, (−1 − (−1 >> 2)) + 4 = 0 + 4 = 4, 3 + 4 − 8 = −1: none.
   * o0: 16, 16, 16 at steps 1..3: 3 spikes. o1: 8, 6+8 = 14, 11+8 = 19 (spike): 1. Counts [3, 1].
   * D_out = floor(.3·4) = 1: o1 4 − 1 = 3 > 1 → +1, ε' = 3; o0 3 > 1 → −1, ε' = 3.
   * D = ceil(.05·4·16) = 4. A_h0 = 16·(−3) + 8·3 = −24 → −1; A_h1 = 24·3 = 72 → +1.
   * Rate exponent s = round(−log2 .5) = 1; R = s + F − q − E = 1 + 4 − 4 − 8 = −7 (shift left 7).
   * Traces (+16 per spike, x − (x >> 2)): h0 delayed 0, 16, 28, 37; in0 16, 28, 37, 28+16 = 44
   * (37 >> 2 = 9: the floor makes it 44 where the float gives 43.75); in1 0, 16, 12, 25.
   * W2[0][0]: 4096 − (16+28+37)·128 = 4096 − 10368 = −6272 → forward round_half_up(−24.5) = −24.
   * W2[1][0]: 2048 + 37·128 = 6784 → 26.5 → 27.
   * W1[0][0]: 4096 − (16+28+37+44)·128 = −11904 → −46.5 → −46.
   * W1[0][1]: 2048 − (0+16+12+25)·128 = −4736 → −18.5 → −18.
   */
  @Test
  void integerForm() {
    DesireIntParams ip = new DesireIntParams(8, 8, 16, 4, new int[] {4, 4});
    try (DesireIntEngine e = new DesireIntEngine(DesireConfig.intForm(SIZES, PARAMS, ip, 1), 1)) {
      e.setWeights(W);
      SampleOutcome r = e.train(X, 1, 0, 0);
      assertEquals(0, r.prediction());
      assertArrayEquals(new int[] {4, 0}, e.hist.count[0]);
      assertArrayEquals(new int[] {3, 1}, e.hist.count[1]);
      assertArrayEquals(new int[] {-1, 1}, e.desire[1]);
      assertArrayEquals(new int[] {-1, 1}, e.desire[0]);
      assertEquals(-6272, e.shadow(1, 0, 0));
      assertEquals(6784, e.shadow(1, 1, 0));
      assertEquals(0, e.shadow(1, 0, 1));
      assertEquals(24 * 256, e.shadow(1, 1, 1));
      assertEquals(-11904, e.shadow(0, 0, 0));
      assertEquals(-4736, e.shadow(0, 0, 1));
      assertEquals(4 * 256, e.shadow(0, 1, 0));
      assertEquals(-8 * 256, e.shadow(0, 1, 1));
      int[][] w1 = e.intNetwork().layers().get(0).weights();
      int[][] w2 = e.intNetwork().layers().get(1).weights();
      assertArrayEquals(new int[] {-46, -18}, w1[0]);
      assertArrayEquals(new int[] {4, -8}, w1[1]);
      assertArrayEquals(new int[] {-24, 0}, w2[0]);
      assertArrayEquals(new int[] {27, 24}, w2[1]);
      assertEquals(16, e.intNetwork().layers().get(0).neuron().threshold());
    }
  }
}
