package dev.spikeforge.golden.numerics;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A fixed-point number format with every rule explicit: a raw integer {@code r} of {@code width}
 * bits (two's complement if {@code signed}) stands for the real value {@code r * 2^-fracBits}.
 * {@code rounding} applies when a finer value is converted into this format, {@code overflow} when
 * the result does not fit.
 */
public record FixedFormat(
    @JsonProperty("width") int width,
    @JsonProperty("fracBits") int fracBits,
    @JsonProperty("signed") boolean signed,
    @JsonProperty("rounding") Rounding rounding,
    @JsonProperty("overflow") Overflow overflow) {

  public FixedFormat {
    if (width < 1 || width > Fx.MAX_WIDTH) {
      throw new IllegalArgumentException("width must be in 1.." + Fx.MAX_WIDTH + ", got " + width);
    }
    if (fracBits < -Fx.MAX_WIDTH || fracBits > Fx.MAX_WIDTH) {
      throw new IllegalArgumentException("fracBits out of range: " + fracBits);
    }
    if (rounding == null || overflow == null) {
      throw new IllegalArgumentException("rounding and overflow must be given");
    }
  }

  /** Signed integer format (no fraction bits), round to floor, saturate. */
  public static FixedFormat signedInt(int width) {
    return new FixedFormat(width, 0, true, Rounding.FLOOR, Overflow.SATURATE);
  }

  public long minRaw() {
    return Fx.min(width, signed);
  }

  public long maxRaw() {
    return Fx.max(width, signed);
  }

  public boolean fits(long raw) {
    return Fx.fits(raw, width, signed);
  }

  /** Applies this format's overflow rule to a raw value. */
  public long fit(long raw) {
    return Fx.fit(raw, width, signed, overflow);
  }

  /** The real value a raw integer stands for. */
  public double toReal(long raw) {
    return Math.scalb((double) raw, -fracBits);
  }

  /**
   * Converts a real value into this format: scale by {@code 2^fracBits}, round with this format's
   * rounding, then apply the overflow rule. Rounding of reals uses the same definitions as {@link
   * Fx#shiftRight} (it is computed on the value scaled by 2^32 first, which is exact for every
   * double with at most 32 fraction bits below the target LSB).
   */
  public long quantize(double real) {
    if (Double.isNaN(real)) {
      throw new IllegalArgumentException("cannot quantize NaN");
    }
    double scaled = Math.scalb(real, fracBits);
    if (scaled >= 0x1p61) {
      return fit(Long.MAX_VALUE >> 1);
    }
    if (scaled <= -0x1p61) {
      return fit(Long.MIN_VALUE >> 1);
    }
    double floor = Math.floor(scaled);
    double rem = scaled - floor;
    long f = (long) floor;
    long r;
    switch (rounding) {
      case FLOOR:
        r = f;
        break;
      case HALF_UP:
        r = rem >= 0.5 ? f + 1 : f;
        break;
      case HALF_EVEN:
        r = rem > 0.5 ? f + 1 : (rem < 0.5 ? f : ((f & 1) == 0 ? f : f + 1));
        break;
      case TOWARD_ZERO:
        r = (scaled < 0 && rem != 0) ? f + 1 : f;
        break;
      default:
        throw new AssertionError(rounding);
    }
    return fit(r);
  }

  /** Short human-readable name, e.g. {@code s8.0} or {@code u16.4}. */
  public String shortName() {
    return (signed ? "s" : "u") + width + "." + fracBits;
  }
}
