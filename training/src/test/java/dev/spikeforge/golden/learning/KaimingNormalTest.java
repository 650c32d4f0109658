package dev.spikeforge.golden.learning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Kaiming-normal weights: the spread of N(0, 2/fan_in), reproducible, pinned. */
@Tag("unit")
class KaimingNormalTest {
  @Test
  void spreadAndDeterminism() {
    double[][][] w = KaimingNormal.weights(new int[] {400, 300, 10}, 5);
    double s = 0;
    double s2 = 0;
    int n = 0;
    for (double[] row : w[0]) {
      for (double x : row) {
        s += x;
        s2 += x * x;
        n++;
      }
    }
    assertEquals(0, s / n, 0.002);
    assertEquals(Math.sqrt(2.0 / 400), Math.sqrt(s2 / n), 0.02 * Math.sqrt(2.0 / 400));
    assertEquals(10, w[1].length);
    assertEquals(300, w[1][0].length);
    assertArrayEquals(w[1][3], KaimingNormal.weights(new int[] {400, 300, 10}, 5)[1][3]);
    assertEquals(PINNED, KaimingNormal.weights(new int[] {2, 1}, 1)[0][0][0],
        "the initialisation changed: update docs/learning.md and this value");
  }

  static final double PINNED = -0.034267321791851144;
}
