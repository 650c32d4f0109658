package dev.spikeforge.golden.train.stdp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.learning.stdp.StdpFloat;
import dev.spikeforge.golden.learning.stdp.StdpInt;
import dev.spikeforge.golden.sim.SpikeRaster;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * STDP by hand (docs/learning.md Part IV §2–§3): the traces of both forms, and three steps of a 2-2
 * recurrent layer whose every weight change is worked out in the comments, in the trace and pair
 * forms, float and integer.
 */
@Tag("unit")
class StdpHandExampleTest {
  @Test
  void tracesLeakAddOrRestart() {
    // F = 2, k = 1: a spike is 4, each step halves (x − (x >> 1))
    long x = StdpInt.trace(0, 1, 2, true, false);
    assertEquals(4, x);
    assertEquals(6, StdpInt.trace(x, 1, 2, true, false)); // 4 − 2 + 4
    assertEquals(4, StdpInt.trace(x, 1, 2, true, true)); // the pair form restarts
    assertEquals(2, StdpInt.trace(x, 1, 2, false, true));
    assertEquals(3, StdpInt.trace(5, 1, 2, false, false)); // 5 − (5 >> 1) = 3: the shift floors
    assertEquals(1.5, StdpFloat.trace(1, 1, true, false));
    assertEquals(1.0, StdpFloat.trace(1, 1, true, true));
    assertEquals(0.5625, StdpFloat.trace(StdpFloat.trace(1, 2, false, false), 2, false, false));
    // steps: R = 2, HALF_EVEN: 6 → 1.5 → 2, 2 → 0.5 → 0; saturation at B + E bits
    assertEquals(2, StdpInt.step(6, 2, 0, 0));
    assertEquals(0, StdpInt.step(2, 2, 0, 0));
    assertEquals(127, StdpInt.potentiate(126, 5, 8));
    assertEquals(-128, StdpInt.depress(-127, 5, 8));
    assertEquals(-3.0, StdpFloat.depress(-2.5, 1, 1, 3));
  }

  /** Heterogeneous windows: one draw per synapse shared by LTP and LTD, or two independent ones, in range. */
  @Test
  void heterogeneousWindowsAreDrawnInRange() {
    byte[][][] tied = StdpWindows.heterogeneous(1, 3).draw(20, 30, 7, 1);
    byte[][][] indep = StdpWindows.independent(1, 3).draw(20, 30, 7, 1);
    int[] seen = new int[4];
    boolean differ = false;
    for (int j = 0; j < 20; j++) {
      for (int i = 0; i < 30; i++) {
        assertEquals(tied[0][j][i], tied[1][j][i]);
        seen[indep[1][j][i]]++;
        differ |= indep[0][j][i] != indep[1][j][i];
      }
    }
    assertEquals(0, seen[0]);
    for (int k = 1; k <= 3; k++) {
      assertTrue(seen[k] > 150, "shift " + k + " drawn " + seen[k] + " times of 600");
    }
    assertTrue(differ);
  }

  /**
   * Inputs 0 at t = 0 and 0, 1 at t = 1; threshold 4, no leak, windows k = 1, rates 1 (integer: F =
   * 2, E = 0, R = 2, so a step is the trace / 4 rounded HALF_EVEN); w = [[4, 0], [0, 4]], no recurrent
   * weights, delays 1. t = 0: n0 fires; LTP w00 += x0 = 1 → 5. t = 1: n0 (5) and n1 (4) fire; LTD by
   * the post traces of t = 0 (y0 = 1): w00 → 4, w01 → −1; traces (trace form) x0 = 1.5, x1 = 1, y0 =
   * 1.5; LTP: w00 += 1.5, w01 += 1, w10 += 1.5, w11 += 1, r10 += x0(t = 0) = 1. t = 2: arrivals of t =
   * 1 depress r10 by y1 = 1 and r01 by y0 = 1.5. The pair form restarts x0 and y0 at 1 instead of 1.5.
   */
  @ParameterizedTest
  @CsvSource({
      "int, false, 6, 0, 2, 5, 0, -2",
      "int, true, 5, 0, 1, 5, 0, -1",
      "float, false, 5.5, 0, 1.5, 5, 0, -1.5",
      "float, true, 5, 0, 1, 5, 0, -1"})
  void threeStepsOfARecurrentPair(String precision, boolean pair, double w00, double w01, double w10, double w11,
      double r10, double r01) {
    boolean integer = precision.equals("int");
    StdpConfig c = new StdpConfig(new int[] {2, 2, 2}, 3, pair, StdpWindows.homogeneous(1, 1), 0, 0, 2,
        new int[] {0, 0}, 1, 1, 1.0, 1, 8, 16, integer ? new StdpConfig.IntParams(0, 2, 0) : null, StdpHomeostasis.NONE);
    try (StdpEngine e = new StdpEngine(c)) {
      e.restore(state(e, integer, new double[] {4, 0, 0, 4}));
      e.train(SpikeRaster.of(2, new int[][] {{0}, {0, 1}, {}}), 0, 0, 0);
      double[] w = weights(e.state(), integer);
      assertArrayEquals(new double[] {w00, w01, w10, w11, 0, r01, r10, 0}, w);
    }
  }

  /** A state of the engine with feed-forward weights {@code ff} (row-major), no recurrent weights, an empty readout. */
  static byte[] state(StdpEngine e, boolean integer, double[] ff) {
    ByteBuffer b = ByteBuffer.wrap(e.state().clone());
    for (int i = 0; i < 8; i++) {
      double w = i < ff.length ? ff[i] : 0;
      if (integer) {
        b.putInt((int) w);
      } else {
        b.putDouble(w);
      }
    }
    return b.array();
  }

  /** The feed-forward then recurrent weights of a 2-2 state, row-major. */
  static double[] weights(byte[] state, boolean integer) {
    ByteBuffer b = ByteBuffer.wrap(state);
    double[] w = new double[8];
    for (int i = 0; i < 8; i++) {
      w[i] = integer ? b.getInt() : b.getDouble();
    }
    return w;
  }

  /**
   * Homeostasis by hand (docs/learning.md Part IV §2.1, §3.1), integer form: 4 inputs, 2 neurons, E =
   * 2 (B + E = 10 bits, −512..511), inhibition 3, target rate 2, H = −1 (δ = excess·2^(H+E) = 2·excess
   * shadow LSBs), scaling shift L = 2 (2^2 ≥ 4 inputs). Counts {5, 1}:
   * neuron 0, excess 3, δ = 6: {8, −4, −510, 508} → {2, −10, −512 (saturated), 502}, r01 −12 → −18,
   * target 10 − 4·6 = −14; sum −18, drift −4, c = shr_2(−4) = −1 → {3, −9, −511, 503}, forward
   * shr^HALF_UP_2: {1, −2, −128, 126}. Neuron 1, excess −1, δ = −2: {1, 2, 3, 4} → {3, 4, 5, 6}, r10 −12 →
   * −10, target 20 + 8 = 28; sum 18, drift −10, c = shr^HALF_EVEN_2(−10) = −2.5 → −2 (even) → {5, 6, 7, 8}.
   */
  @Test
  void homeostasisByHandInteger() {
    StdpConfig c = StdpConfig.intForm(new int[] {4, 2, 2}, 1).withIntParams(new StdpConfig.IntParams(2, 2, 0))
        .withHomeostasis(new StdpHomeostasis(3, 2, -1, true));
    IntStdpLayer l = new IntStdpLayer(c);
    assertArrayEquals(new int[] {0, -12}, l.recShadow[0]); // inhibition 3 = 12 shadow LSBs; no self-connection
    assertArrayEquals(new int[] {-12, 0}, l.recShadow[1]);
    assertArrayEquals(new int[] {-3, 0}, l.recWeight[1]);
    l.shadow[0] = new int[] {8, -4, -510, 508};
    l.shadow[1] = new int[] {1, 2, 3, 4};
    l.target[0] = 10;
    l.target[1] = 20;
    l.homeostasis(new int[] {5, 1});
    assertArrayEquals(new int[] {3, -9, -511, 503}, l.shadow[0]);
    assertArrayEquals(new int[] {1, -2, -128, 126}, l.weight[0]);
    assertArrayEquals(new int[] {0, -18}, l.recShadow[0]);
    assertArrayEquals(new int[] {5, 6, 7, 8}, l.shadow[1]);
    assertArrayEquals(new int[] {-10, 0}, l.recShadow[1]);
    assertArrayEquals(new long[] {-14, 28}, l.target);
    // the two rounding shifts on their own: HALF_EVEN at a tie, an exact left shift when H + E ≥ 0
    assertEquals(0, StdpInt.rateStep(2, -3, 1)); // 2·2^−2 = 0.5 → 0
    assertEquals(2, StdpInt.rateStep(6, -3, 1)); // 1.5 → 2
    assertEquals(-24, StdpInt.rateStep(-3, 1, 2)); // −3·2^3
    assertEquals(126, StdpInt.scalingStep(502, 2)); // 125.5 → 126
    assertEquals(-2, StdpInt.scalingStep(-6, 2)); // −1.5 → −2
    assertEquals(10, StdpHomeostasis.scalingShift(784));
    assertEquals(0, StdpHomeostasis.scalingShift(1));
    assertEquals(2, StdpHomeostasis.scalingShift(4));
  }

  /**
   * The float twin of {@link #homeostasisByHandInteger}, bound 127, δ = excess/2: neuron 0, δ = 1.5:
   * {2, −1, −127, 127} → {0.5, −2.5, −127 (clipped), 125.5}, r01 −3 → −4.5, target 4.5 − 6 = −1.5; sum
   * −3.5, drift −2, c = −0.5 → {1, −2, −126.5, 126}. Neuron 1, δ = −0.5: {1, 2, 3, 4} → {1.5, 2.5, 3.5,
   * 4.5}, r10 −2.5, target 6 + 2 = 8; sum 12, drift 4, c = 1 → {0.5, 1.5, 2.5, 3.5}.
   */
  @Test
  void homeostasisByHandFloat() {
    StdpConfig c = StdpConfig.floatForm(new int[] {4, 2, 2}, 1).withHomeostasis(new StdpHomeostasis(3, 2, -1, true));
    FloatStdpLayer l = new FloatStdpLayer(c);
    assertArrayEquals(new double[] {0, -3}, l.recWeight[0]);
    l.weight[0] = new double[] {2, -1, -127, 127};
    l.weight[1] = new double[] {1, 2, 3, 4};
    l.target[0] = 4.5;
    l.target[1] = 6;
    l.homeostasis(new int[] {5, 1});
    assertArrayEquals(new double[] {1, -2, -126.5, 126}, l.weight[0]);
    assertArrayEquals(new double[] {0, -4.5}, l.recWeight[0]);
    assertArrayEquals(new double[] {0.5, 1.5, 2.5, 3.5}, l.weight[1]);
    assertArrayEquals(new double[] {-2.5, 0}, l.recWeight[1]);
    assertArrayEquals(new double[] {-1.5, 8}, l.target);
  }

  /** A sample that learns runs the homeostasis after its last step; one that does not learn leaves every weight. */
  @Test
  void homeostasisFollowsALearningSampleOnly() {
    StdpConfig c = StdpConfig.intForm(new int[] {4, 2, 2}, 1).withLrLog2(-24, -24)
        .withHomeostasis(new StdpHomeostasis(0, 0, 0, false));
    IntStdpLayer l = new IntStdpLayer(c);
    l.shadow[0] = new int[] {1 << 14, 0, 0, 0}; // forward weight 64 = the threshold: a spike per input spike
    l.weight[0] = new int[] {64, 0, 0, 0};
    l.shadow[1] = new int[4];
    l.weight[1] = new int[4];
    SpikeRaster in = SpikeRaster.of(4, new int[][] {{0}, {0}, {0}});
    int[] frozen = l.shadow[0].clone();
    assertArrayEquals(new int[] {3, 0}, l.run(in, false, null));
    assertArrayEquals(frozen, l.shadow[0]);
    l.run(in, true, null); // the rates 2^−24 round every STDP step to 0: only the rate term moves, δ = 3·2^8
    assertArrayEquals(new int[] {(1 << 14) - 768, -768, -768, -768}, l.shadow[0]);
    assertArrayEquals(new int[] {0, 0, 0, 0}, l.shadow[1]);
  }
}
