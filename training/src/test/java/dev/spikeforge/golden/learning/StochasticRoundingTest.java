package dev.spikeforge.golden.learning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.numerics.Lfsr;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The streams and draws of the stochastically rounded desire update (docs/learning.md §4.2), and its mean. */
@Tag("unit")
class StochasticRoundingTest {
  @Test
  void streamLayout() {
    assertEquals(1L << 56, StochasticRounding.stream(0, 0, 0));
    assertEquals((2L << 56) + (3L << 32) + 7, StochasticRounding.stream(3, 7, 1));
    // never a dropout stream (e·2^32 + p has a zero top byte)
    assertNotEquals(DropoutMask.stream(0, 0), StochasticRounding.stream(0, 0, 0));
    assertTrue(StochasticRounding.stream(0, 0, 0) >>> 56 != 0);
    assertThrows(IllegalArgumentException.class, () -> StochasticRounding.stream(-1, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> StochasticRounding.stream(0, 1L << 32, 0));
    assertThrows(IllegalArgumentException.class, () -> StochasticRounding.stream(0, 0, 127));
  }

  /** Pinned first draws (K = 3) of seed 1, epoch 0, position 0: a change of definition shows up here. */
  @Test
  void pinnedDraws() {
    int[] r = new int[4];
    StochasticRounding.draw(StochasticRounding.generator(1, 0, 0, 0), 3, r, 4);
    assertArrayEquals(new int[] {3, 7, 5, 2}, r);
    StochasticRounding.draw(StochasticRounding.generator(1, 0, 0, 1), 3, r, 4);
    assertArrayEquals(new int[] {6, 4, 3, 0}, r);
    // the same as nextBits on Lfsr.seeded(seed, (l+1)·2^56 + e·2^32 + p)
    Lfsr g = Lfsr.seeded(1, (2L << 56) + (5L << 32) + 9);
    int[] s = new int[50];
    StochasticRounding.draw(StochasticRounding.generator(1, 5, 9, 1), 32, s, 50);
    for (int k = 0; k < 50; k++) {
      assertEquals(g.nextBits(32), Integer.toUnsignedLong(s[k]));
    }
  }

  /**
   * The mean of the rounded update over all 2^K random values is the exact update U/2^R when 0 ≤ R ≤ K
   * (and floor(U/2^(R−K))/2^K when R &gt; K); for R &lt; 0 the update is U·2^−R whatever r. Exhaustive
   * over small U, R, K.
   */
  @Test
  void meanOfTheRoundedUpdateIsTheExactUpdate() {
    for (int k = 1; k <= 8; k++) {
      for (int shift = -3; shift <= 11; shift++) {
        for (long u = 0; u <= 700; u++) {
          long sum = 0;
          for (long r = 0; r < 1L << k; r++) {
            long d = DesireBackpropInt.shiftUpdateStochastic(u, shift, r, k);
            if (shift < 0) {
              assertEquals(u << -shift, d);
            } else {
              assertTrue(d == u >> shift || d == (u >> shift) + 1, u + " " + shift + " " + r);
            }
            sum += d;
          }
          long expected = shift < 0 ? (u << -shift) << k : shift <= k ? u << (k - shift) : u >> (shift - k);
          assertEquals(expected, sum, "U=" + u + " R=" + shift + " K=" + k);
        }
      }
    }
  }

  @Test
  void updatedShadowSignsAndSaturates() {
    // U = 13, R = 2, K = 4: floor(3.25 + r/16); r = 12 → 4
    assertEquals(104, DesireBackpropInt.updatedShadowStochastic(100, 1, 13, 2, 8, 12, 4));
    assertEquals(96, DesireBackpropInt.updatedShadowStochastic(100, -1, 13, 2, 8, 12, 4));
    assertEquals(97, DesireBackpropInt.updatedShadowStochastic(100, -1, 13, 2, 8, 11, 4));
    assertEquals(127, DesireBackpropInt.updatedShadowStochastic(126, 1, 13, 2, 8, 0, 4));
    assertEquals(-128, DesireBackpropInt.updatedShadowStochastic(-126, -1, 13, 2, 8, 0, 4));
  }

  @Test
  void paramsValidateK() {
    DesireIntParams p = new DesireIntParams(4, 0, 16, 6, new int[] {4, 5});
    assertEquals(0, p.roundingBits());
    assertEquals(16, p.withRoundingBits(16).roundingBits());
    assertEquals(16, p.withRoundingBits(16).withShadowBits(2).roundingBits());
    assertNotEquals(p, p.withRoundingBits(16));
    assertThrows(dev.spikeforge.golden.spec.SpecException.class, () -> p.withRoundingBits(33));
    assertThrows(dev.spikeforge.golden.spec.SpecException.class, () -> p.withRoundingBits(-1));
  }
}
