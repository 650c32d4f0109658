package dev.spikeforge.golden.numerics;

/** What happens when a result does not fit its {@link FixedFormat}. */
public enum Overflow {
  /** Clamp to the nearest representable value. */
  SATURATE,
  /** Keep the low {@code width} bits (two's complement wrap-around). */
  WRAP
}
