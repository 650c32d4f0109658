package dev.spikeforge.golden.learning.threefactor;

import dev.spikeforge.golden.numerics.Fx;

/**
 * Low-pass traces of the eligibility computation, float and integer. Every trace of the rule is a
 * first-order filter {@code x̄ ← α·x̄ + input}: the presynaptic trace (input = the delayed spike),
 * the delay trace (input = the smoothed derivative of the delayed train) and the κ-filtered
 * eligibilities. The integer filter is the LIF leak of the numeric contract, {@code x̄ ← (x̄ − (x̄ >>
 * k)) + input} ({@link Fx#leak}, floor shift; k = 0 means α = 1), so α = 1 − 2^−k.
 */
public final class Traces {
  private Traces() {}

  /** Float filter step {@code α·trace + input}. */
  public static double step(double trace, double alpha, double input) {
    return alpha * trace + input;
  }

  /** Integer filter step {@code leak_k(trace) + input}, exact (the caller bounds the width). */
  public static long step(long trace, int leakShift, long input) {
    return Fx.leak(trace, leakShift) + input;
  }

  /** Integer spike input of a trace with {@code fracBits} fraction bits: {@code 2^fracBits} or 0. */
  public static long spike(boolean spike, int fracBits) {
    return spike ? 1L << fracBits : 0L;
  }
}
