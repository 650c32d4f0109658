package dev.spikeforge.golden.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class LfsrTest {
  @Test
  void firstStepsFromStateOneAreHandComputed() {
    Lfsr l = new Lfsr(1);
    assertEquals(1, l.nextBit()); // out = 1, state = 0 ^ MASK
    assertEquals(Lfsr.MASK, l.state());
    assertEquals(1, l.nextBit()); // MASK is odd
    assertEquals((Lfsr.MASK >>> 1) ^ Lfsr.MASK, l.state());
  }

  @Test
  void nextBitsIsLsbFirst() {
    Lfsr a = new Lfsr(0x12345678);
    Lfsr b = new Lfsr(0x12345678);
    long v = a.nextBits(8);
    long expect = 0;
    for (int i = 0; i < 8; i++) {
      expect |= ((long) b.nextBit()) << i;
    }
    assertEquals(expect, v);
    assertEquals(a.state(), b.state());
  }

  @Test
  void byteStepsEqualBitSteps() {
    for (long seed = 0; seed < 200; seed++) {
      Lfsr fast = Lfsr.seeded(seed);
      Lfsr slow = Lfsr.seeded(seed);
      for (int k = 0; k < 50; k++) {
        int n = 1 + (int) ((seed + k) % 32);
        long expect = 0;
        for (int i = 0; i < n; i++) {
          expect |= ((long) slow.nextBit()) << i;
        }
        assertEquals(expect, fast.nextBits(n), "seed " + seed + " draw " + k + " n " + n);
        assertEquals(slow.state(), fast.state());
      }
    }
  }

  @Test
  void sameSeedSameStreamDifferentStreamsDiffer() {
    assertEquals(Lfsr.seeded(42, 3).nextBits(32), Lfsr.seeded(42, 3).nextBits(32));
    assertNotEquals(Lfsr.seeded(42, 3).state(), Lfsr.seeded(42, 4).state());
    assertNotEquals(0, Lfsr.seeded(0).state());
  }

  @Test
  void zeroStateIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> new Lfsr(0));
  }

  @Test
  void noShortCycleAndBalancedBits() {
    Lfsr l = new Lfsr(1);
    int ones = 0;
    int n = 1 << 20;
    for (int i = 0; i < n; i++) {
      ones += l.nextBit();
      if (l.state() == 1) {
        throw new AssertionError("state returned to 1 after " + (i + 1) + " steps");
      }
    }
    assertTrue(Math.abs(ones - n / 2) < n / 100, "ones = " + ones);
  }

  /**
   * The feedback polynomial x^32 + x^22 + x^2 + x + 1 is primitive, so the period is 2^32 - 1: the
   * order of x modulo the polynomial is exactly 2^32 - 1 = 3 * 5 * 17 * 257 * 65537.
   */
  @Test
  void polynomialIsPrimitive() {
    long poly = (1L << 32) | ((Lfsr.MASK & 0xFFFFFFFFL) << 1 & 0xFFFFFFFFL) | 1L;
    assertEquals((1L << 32) | (1L << 22) | (1L << 2) | (1L << 1) | 1L, poly);
    long order = (1L << 32) - 1;
    assertEquals(1L, powX(order, poly));
    for (long q : new long[] {3, 5, 17, 257, 65537}) {
      assertNotEquals(1L, powX(order / q, poly), "x^(order/" + q + ") = 1");
    }
  }

  private static long mulMod(long a, long b, long poly) {
    long r = 0;
    while (b != 0) {
      if ((b & 1) != 0) {
        r ^= a;
      }
      b >>>= 1;
      a <<= 1;
      if ((a & (1L << 32)) != 0) {
        a ^= poly;
      }
    }
    return r;
  }

  private static long powX(long e, long poly) {
    long result = 1;
    long base = 2; // x
    while (e > 0) {
      if ((e & 1) != 0) {
        result = mulMod(result, base, poly);
      }
      base = mulMod(base, base, poly);
      e >>>= 1;
    }
    return result;
  }
}
