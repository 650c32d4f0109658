package dev.spikeforge.golden.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
@net.jqwik.api.Tag("unit")
class FxTest {
  @Test
  void saturationCorners() {
    assertEquals(127, Fx.saturate(128, 8, true));
    assertEquals(-128, Fx.saturate(-129, 8, true));
    assertEquals(127, Fx.saturate(127, 8, true));
    assertEquals(-128, Fx.saturate(-128, 8, true));
    assertEquals(255, Fx.saturate(1000, 8, false));
    assertEquals(0, Fx.saturate(-1, 8, false));
    assertEquals(Integer.MAX_VALUE, Fx.saturateSigned(1L << 40, 32));
    assertEquals(Integer.MIN_VALUE, Fx.saturateSigned(-(1L << 40), 32));
    assertEquals(-1, Fx.saturate(-5, 1, true));
    assertEquals(0, Fx.saturate(5, 1, true));
  }

  @Test
  void wrapCorners() {
    assertEquals(-128, Fx.wrap(128, 8, true));
    assertEquals(127, Fx.wrap(-129, 8, true));
    assertEquals(0, Fx.wrap(256, 8, false));
    assertEquals(255, Fx.wrap(-1, 8, false));
  }

  @Test
  void arithmeticShiftRoundsTowardMinusInfinity() {
    assertEquals(-1, Fx.sra(-1, 1));
    assertEquals(-2, Fx.sra(-3, 1));
    assertEquals(1, Fx.sra(3, 1));
    assertEquals(-64, Fx.sra(-128, 1));
  }

  @Test
  void leakCorners() {
    assertEquals(0, Fx.leak(-1, 1)); // -1 - (-1 >> 1) = -1 - (-1) = 0
    assertEquals(-96, Fx.leak(-128, 2));
    assertEquals(96, Fx.leak(127, 2)); // 127 - 31
    assertEquals(1, Fx.leak(1, 1)); // 1 - 0
    assertEquals(55, Fx.leak(55, 0));
  }

  @Test
  void badWidthIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> Fx.saturate(0, 0, true));
    assertThrows(IllegalArgumentException.class, () -> Fx.saturate(0, 63, true));
  }

  @Property
  void saturateIsClampAndIdempotent(@ForAll long v, @ForAll @IntRange(min = 1, max = 62) int width, @ForAll boolean signed) {
    long s = Fx.saturate(v, width, signed);
    assertTrue(Fx.fits(s, width, signed));
    assertEquals(s, Fx.saturate(s, width, signed));
    if (Fx.fits(v, width, signed)) {
      assertEquals(v, s);
    }
  }

  @Property
  void wrapKeepsLowBits(@ForAll long v, @ForAll @IntRange(min = 1, max = 62) int width, @ForAll boolean signed) {
    long w = Fx.wrap(v, width, signed);
    assertTrue(Fx.fits(w, width, signed));
    assertEquals(0, (w - v) & ((1L << width) - 1));
  }

  @Property
  void leakStaysBetweenZeroAndV(@ForAll @LongRange(min = -(1L << 40), max = 1L << 40) long v,
      @ForAll @IntRange(min = 0, max = 40) int k) {
    long l = Fx.leak(v, k);
    assertTrue(v >= 0 ? (l >= 0 && l <= v) : (l <= 0 && l >= v), "leak(" + v + "," + k + ")=" + l);
  }

  @Property
  void shiftRightMatchesBigDecimalRounding(@ForAll @LongRange(min = -(1L << 50), max = 1L << 50) long v,
      @ForAll @IntRange(min = 0, max = 20) int k) {
    BigDecimal exact = new BigDecimal(BigInteger.valueOf(v)).divide(BigDecimal.valueOf(1L << k));
    assertEquals(exact.setScale(0, RoundingMode.FLOOR).longValueExact(), Fx.shiftRight(v, k, Rounding.FLOOR));
    assertEquals(exact.setScale(0, RoundingMode.HALF_EVEN).longValueExact(), Fx.shiftRight(v, k, Rounding.HALF_EVEN));
    assertEquals(exact.setScale(0, RoundingMode.DOWN).longValueExact(), Fx.shiftRight(v, k, Rounding.TOWARD_ZERO));
    // HALF_UP here means ties toward +infinity, i.e. floor(x + 1/2)
    assertEquals(exact.add(new BigDecimal("0.5")).setScale(0, RoundingMode.FLOOR).longValueExact(),
        Fx.shiftRight(v, k, Rounding.HALF_UP));
  }

  /** Hand examples of {@code floor(v/2^k + r/2^n)}. */
  @Test
  void stochasticShiftByHand() {
    // 13 / 4 = 3.25: r/16 = 11/16 → 3.9375 → 3; 12/16 → 4.0 → 4 (k = 2 < n = 4: r >>> 2 is added)
    assertEquals(3, Fx.shiftRightStochastic(13, 2, 11, 4));
    assertEquals(4, Fx.shiftRightStochastic(13, 2, 12, 4));
    // −13 / 4 = −3.25: floor(−3.25 + 11/16) = −3, floor(−3.25 + 0) = −4, floor(−3.25 + 3/16) = −4
    assertEquals(-3, Fx.shiftRightStochastic(-13, 2, 11, 4));
    assertEquals(-4, Fx.shiftRightStochastic(-13, 2, 0, 4));
    assertEquals(-4, Fx.shiftRightStochastic(-13, 2, 3, 4));
  }

  @Test
  void stochasticShiftKGreaterThanN() {
    // 1000 / 2^10 = 0.9765625; n = 4: r << 6 added; r = 1: 1064 >> 10 = 1; r = 0: 0
    assertEquals(0, Fx.shiftRightStochastic(1000, 10, 0, 4));
    assertEquals(1, Fx.shiftRightStochastic(1000, 10, 1, 4));
    assertEquals(7, Fx.shiftRightStochastic(7, 0, 0xFFFF, 16)); // k = 0: r/2^n < 1 never carries
  }

  @Test
  void stochasticShiftRejectsBadArguments() {
    assertThrows(IllegalArgumentException.class, () -> Fx.shiftRightStochastic(1, 3, 16, 4));
    assertThrows(IllegalArgumentException.class, () -> Fx.shiftRightStochastic(1, 3, -1, 4));
    assertThrows(IllegalArgumentException.class, () -> Fx.shiftRightStochastic(1, 3, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> Fx.shiftRightStochastic(1, 3, 0, 33));
    assertThrows(IllegalArgumentException.class, () -> Fx.shiftRightStochastic(1, 63, 0, 4));
  }

  /**
   * Exhaustive over narrow widths: the result is {@code floor(v/2^k + r/2^n)} (BigDecimal), and its sum
   * over all 2^n values of r is {@code v·2^(n−k)} exactly when k ≤ n (mean = v/2^k), else {@code
   * floor(v/2^(k−n))} (mean = that / 2^n).
   */
  @Test
  void stochasticShiftExhaustiveMeanIsExact() {
    for (int n = 1; n <= 6; n++) {
      for (int k = 0; k <= 9; k++) {
        for (long v = -300; v <= 300; v++) {
          long sum = 0;
          for (long r = 0; r < 1L << n; r++) {
            long got = Fx.shiftRightStochastic(v, k, r, n);
            BigDecimal exact = new BigDecimal(BigInteger.valueOf(v)).divide(BigDecimal.valueOf(1L << k))
                .add(new BigDecimal(BigInteger.valueOf(r)).divide(BigDecimal.valueOf(1L << n)));
            assertEquals(exact.setScale(0, RoundingMode.FLOOR).longValueExact(), got, v + "," + k + "," + r + "," + n);
            long floor = v >> k;
            assertTrue(got == floor || got == floor + 1);
            sum += got;
          }
          long expected = k <= n ? v << (n - k) : v >> (k - n);
          assertEquals(expected, sum, "sum over r of shr_" + k + "^SR(" + v + "; r, " + n + ")");
        }
      }
    }
  }

  @Property
  void stochasticShiftMatchesBigDecimal(@ForAll @LongRange(min = -(1L << 40), max = 1L << 40) long v,
      @ForAll @IntRange(min = 0, max = 40) int k, @ForAll @IntRange(min = 1, max = 32) int n,
      @ForAll @LongRange(min = 0, max = (1L << 32) - 1) long rr) {
    long r = rr & ((1L << n) - 1);
    BigDecimal exact = new BigDecimal(BigInteger.valueOf(v)).divide(BigDecimal.valueOf(1L << k))
        .add(new BigDecimal(BigInteger.valueOf(r)).divide(BigDecimal.valueOf(1L << n)));
    assertEquals(exact.setScale(0, RoundingMode.FLOOR).longValueExact(), Fx.shiftRightStochastic(v, k, r, n));
  }

  @Test
  void widthsFor() {
    assertEquals(8, Fx.signedWidthFor(-128, 127));
    assertEquals(9, Fx.signedWidthFor(-128, 128));
    assertEquals(1, Fx.signedWidthFor(-1, 0));
    assertEquals(1, Fx.unsignedWidthFor(0));
    assertEquals(8, Fx.unsignedWidthFor(255));
  }
}
