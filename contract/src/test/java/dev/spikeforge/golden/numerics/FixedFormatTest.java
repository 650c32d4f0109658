package dev.spikeforge.golden.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
@net.jqwik.api.Tag("unit")
class FixedFormatTest {
  @Test
  void quantizeRoundsAndSaturates() {
    FixedFormat f = new FixedFormat(8, 4, true, Rounding.HALF_EVEN, Overflow.SATURATE);
    assertEquals(8, f.quantize(0.5));
    assertEquals(2, f.quantize(0.09375)); // 1.5 LSB -> 2 (even)
    assertEquals(2, f.quantize(0.15625)); // 2.5 LSB -> 2 (even)
    assertEquals(127, f.quantize(100.0));
    assertEquals(-128, f.quantize(-100.0));
    FixedFormat wrap = new FixedFormat(8, 0, true, Rounding.FLOOR, Overflow.WRAP);
    assertEquals(-128, wrap.quantize(128.0));
    assertEquals(-1, wrap.quantize(-0.5));
    assertEquals("s8.4", f.shortName());
    assertThrows(IllegalArgumentException.class, () -> f.quantize(Double.NaN));
  }

  @Property
  void quantizeAgreesWithShiftRightOnDyadics(@ForAll @IntRange(min = -100000, max = 100000) int raw,
      @ForAll @IntRange(min = 0, max = 6) int extra, @ForAll Rounding rounding) {
    // raw * 2^-(4+extra) quantized to 4 fraction bits must equal shiftRight(raw, extra) with the same rounding
    FixedFormat f = new FixedFormat(40, 4, true, rounding, Overflow.SATURATE);
    double real = Math.scalb((double) raw, -(4 + extra));
    assertEquals(Fx.shiftRight(raw, extra, rounding), f.quantize(real));
  }

  @Property
  void quantizeErrorIsAtMostHalfLsb(@ForAll @DoubleRange(min = -7.9, max = 7.9) double x) {
    FixedFormat f = new FixedFormat(8, 4, true, Rounding.HALF_UP, Overflow.SATURATE);
    assertTrue(Math.abs(f.toReal(f.quantize(x)) - x) <= 0.5 / 16 + 1e-12);
  }
}
