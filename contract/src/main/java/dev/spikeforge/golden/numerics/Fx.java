package dev.spikeforge.golden.numerics;

/**
 * The one implementation of spikeforge's integer arithmetic: saturation, wrap-around, arithmetic
 * shifts and rounding shifts. The golden model, the compiler and the testbenches call these; the
 * Chisel generators implement the same definitions (see {@code docs/numerics.md}).
 *
 * <p>All values are carried in {@code long}; widths are 1..62 bits so that intermediate sums of two
 * in-range values never overflow a {@code long}.
 */
public final class Fx {
  /** Largest supported width of any fixed-point quantity. */
  public static final int MAX_WIDTH = 62;

  private Fx() {}

  /** Smallest value of a {@code width}-bit number. */
  public static long min(int width, boolean signed) {
    checkWidth(width);
    return signed ? -(1L << (width - 1)) : 0L;
  }

  /** Largest value of a {@code width}-bit number. */
  public static long max(int width, boolean signed) {
    checkWidth(width);
    return signed ? (1L << (width - 1)) - 1 : (1L << width) - 1;
  }

  /** Whether {@code v} is representable in {@code width} bits. */
  public static boolean fits(long v, int width, boolean signed) {
    return v >= min(width, signed) && v <= max(width, signed);
  }

  /** Clamps {@code v} into the range of a {@code width}-bit number. */
  public static long saturate(long v, int width, boolean signed) {
    long lo = min(width, signed);
    long hi = max(width, signed);
    return v < lo ? lo : (v > hi ? hi : v);
  }

  /** Clamps a signed value into {@code width} bits; the hot-path form of {@link #saturate}. */
  public static int saturateSigned(long v, int width) {
    long hi = (1L << (width - 1)) - 1;
    long lo = -hi - 1;
    return (int) (v < lo ? lo : (v > hi ? hi : v));
  }

  /** Keeps the low {@code width} bits of {@code v}, sign-extended if {@code signed}. */
  public static long wrap(long v, int width, boolean signed) {
    checkWidth(width);
    long mask = (1L << width) - 1;
    long low = v & mask;
    if (signed && (low & (1L << (width - 1))) != 0) {
      low -= 1L << width;
    }
    return low;
  }

  /** Applies an overflow rule. */
  public static long fit(long v, int width, boolean signed, Overflow overflow) {
    return overflow == Overflow.SATURATE ? saturate(v, width, signed) : wrap(v, width, signed);
  }

  /** Saturating addition of two values into {@code width} bits. */
  public static long addSat(long a, long b, int width, boolean signed) {
    return saturate(a + b, width, signed);
  }

  /** Arithmetic shift right (rounds toward minus infinity); {@code k >= 0}. */
  public static long sra(long v, int k) {
    if (k < 0 || k > 63) {
      throw new IllegalArgumentException("shift must be in 0..63, got " + k);
    }
    return v >> k;
  }

  /**
   * The leak of a LIF neuron: {@code v - (v >> k)}, or {@code v} when {@code k == 0} (no leak).
   * Never overflows: the result lies between 0 and {@code v}.
   */
  public static long leak(long v, int k) {
    return k == 0 ? v : v - (v >> k);
  }

  /** Shift right by {@code k} bits with the given rounding. */
  public static long shiftRight(long v, int k, Rounding rounding) {
    if (k < 0 || k > 62) {
      throw new IllegalArgumentException("shift must be in 0..62, got " + k);
    }
    if (k == 0) {
      return v;
    }
    long floor = v >> k;
    long rem = v - (floor << k); // 0 .. 2^k - 1
    long half = 1L << (k - 1);
    switch (rounding) {
      case FLOOR:
        return floor;
      case HALF_UP:
        return rem >= half ? floor + 1 : floor;
      case HALF_EVEN:
        if (rem > half) {
          return floor + 1;
        }
        if (rem < half) {
          return floor;
        }
        return (floor & 1) == 0 ? floor : floor + 1;
      case TOWARD_ZERO:
        return (v < 0 && rem != 0) ? floor + 1 : floor;
      default:
        throw new AssertionError(rounding);
    }
  }

  /**
   * Stochastic rounding shift: {@code floor(v / 2^k + r / 2^n)} for a random {@code n}-bit value
   * {@code r} (uniform over {@code 0 .. 2^n − 1}, e.g. {@code Lfsr.nextBits(n)}). In hardware terms r
   * is added just below the binary point of the shift, then the shift floors:
   *
   * <pre>
   *   k ≥ n:  (v + (r &lt;&lt; (k − n))) &gt;&gt; k        k &lt; n:  (v + (r &gt;&gt;&gt; (n − k))) &gt;&gt; k
   * </pre>
   *
   * (both are {@code floor(v/2^k + r/2^n)} exactly). The result is {@code floor(v/2^k)} or that plus
   * one. Over the 2^n values of r its mean is exactly {@code v / 2^k} when {@code k ≤ n}, and {@code
   * floor(v / 2^(k−n)) / 2^n} when {@code k > n} (the bits of v below {@code 2^(k−n)} are dropped, a bias
   * below {@code 2^−n}). {@code k = 0} returns v. See {@code docs/numerics.md} §2.
   *
   * @param k shift, 0..62
   * @param r random bits, {@code 0 ≤ r < 2^n}
   * @param n number of random bits, 1..32
   */
  public static long shiftRightStochastic(long v, int k, long r, int n) {
    if (k < 0 || k > 62) {
      throw new IllegalArgumentException("shift must be in 0..62, got " + k);
    }
    if (n < 1 || n > 32) {
      throw new IllegalArgumentException("random bits must be in 1..32, got " + n);
    }
    if (r < 0 || r >= 1L << n) {
      throw new IllegalArgumentException("random value " + r + " does not fit " + n + " unsigned bits");
    }
    long aligned = k >= n ? r << (k - n) : r >>> (n - k);
    return Math.addExact(v, aligned) >> k; // throws rather than wraps for v within 2^(k-n) of Long.MAX_VALUE
  }

  /** Number of bits needed to hold every value in {@code [lo, hi]} as a signed number. */
  public static int signedWidthFor(long lo, long hi) {
    int w = 1;
    while (w < 64 && !(lo >= -(1L << (w - 1)) && hi <= (1L << (w - 1)) - 1)) {
      w++;
    }
    return w;
  }

  /** Number of bits needed to hold {@code 0..hi} unsigned (at least 1). */
  public static int unsignedWidthFor(long hi) {
    if (hi < 0) {
      throw new IllegalArgumentException("negative value " + hi);
    }
    return Math.max(1, 64 - Long.numberOfLeadingZeros(hi));
  }

  static void checkWidth(int width) {
    if (width < 1 || width > MAX_WIDTH) {
      throw new IllegalArgumentException("width must be in 1.." + MAX_WIDTH + ", got " + width);
    }
  }
}
