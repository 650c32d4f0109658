package dev.spikeforge.golden.numerics;

/**
 * How a value is rounded when fraction bits are dropped (a right shift by {@code k}).
 *
 * <p>Every rounding in spikeforge is one of these, applied by {@link Fx#shiftRight(long, int,
 * Rounding)}; the hardware generators implement exactly the same rule.
 */
public enum Rounding {
  /** Round toward minus infinity: the plain arithmetic shift {@code v >> k}. Free in hardware. */
  FLOOR,
  /** Round to nearest, ties toward plus infinity: {@code (v + 2^(k-1)) >> k}. One adder. */
  HALF_UP,
  /** Round to nearest, ties to even (banker's rounding). */
  HALF_EVEN,
  /** Round toward zero (truncation of the magnitude). */
  TOWARD_ZERO
}
