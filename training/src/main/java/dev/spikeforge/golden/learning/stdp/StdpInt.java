package dev.spikeforge.golden.learning.stdp;

import dev.spikeforge.golden.learning.ottt.OtttInt;
import dev.spikeforge.golden.numerics.Fx;

/**
 * The integer form of STDP's per-step arithmetic (docs/learning.md Part IV §3). Traces carry F
 * fraction bits (a spike is {@code 2^F}); shadow weights carry E bits below the forward weight's
 * LSB; the learning rate is {@code 2^lrLog2} forward-weight LSBs per unit of trace.
 */
public final class StdpInt {
  private StdpInt() {}

  /**
   * One step of a trace with window shift k: the trace form adds, {@code x' = x − (x >> k) + 2^F·s};
   * the pair (nearest-spike) form restarts, {@code x' = 2^F} on a spike and {@code x − (x >> k)}
   * otherwise, so that {@code x'} is the window {@code 2^F·(1 − 2^−k)^Δ} of the last spike Δ steps ago
   * (each factor rounded down by the shift).
   */
  public static long trace(long x, int k, int fracBits, boolean spike, boolean pair) {
    if (pair && spike) {
      return 1L << fracBits;
    }
    return OtttInt.trace(x, k, fracBits, spike);
  }

  /**
   * The magnitude of one weight step, {@code Δ = shr_R(x)} with {@code R = F − E − lrLog2}
   * ({@link OtttInt#updateShift}): HALF_EVEN when {@code roundingBits} is 0, else stochastic with the
   * K LFSR bits {@code random}; a negative R is an exact left shift.
   */
  public static long step(long trace, int shift, long random, int roundingBits) {
    return OtttInt.stepSize(1, trace, shift, random, roundingBits);
  }

  /** Potentiation (LTP): {@code sat_{B+E}(sh + Δ)}. */
  public static int potentiate(int shadow, long step, int shadowWidth) {
    return (int) Fx.saturate(shadow + step, shadowWidth, true);
  }

  /** Depression (LTD): {@code sat_{B+E}(sh − Δ)}. */
  public static int depress(int shadow, long step, int shadowWidth) {
    return OtttInt.shadowStep(shadow, step, shadowWidth);
  }
}
