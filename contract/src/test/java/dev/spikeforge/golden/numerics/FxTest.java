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

  @Test
  void widthsFor() {
    assertEquals(8, Fx.signedWidthFor(-128, 127));
    assertEquals(9, Fx.signedWidthFor(-128, 128));
    assertEquals(1, Fx.signedWidthFor(-1, 0));
    assertEquals(1, Fx.unsignedWidthFor(0));
    assertEquals(8, Fx.unsignedWidthFor(255));
  }
}
