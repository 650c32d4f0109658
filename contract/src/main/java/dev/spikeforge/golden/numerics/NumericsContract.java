package dev.spikeforge.golden.numerics;

/**
 * The version of the numeric semantics (order of operations, widths, rounding, LFSR) that the
 * golden model implements and {@code docs/numerics.md} specifies. Every model file and manifest
 * records the version it was made for; a file made for another version is refused.
 */
public final class NumericsContract {
  /** Bump whenever any bit of any result could change. */
  public static final int VERSION = 1;

  private NumericsContract() {}
}
