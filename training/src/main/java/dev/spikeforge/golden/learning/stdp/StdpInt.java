package dev.spikeforge.golden.learning.stdp;

import dev.spikeforge.golden.learning.ottt.OtttInt;
import dev.spikeforge.golden.numerics.Fx;
import dev.spikeforge.golden.numerics.Rounding;

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

  /**
   * Rate homeostasis (docs/learning.md Part IV §3.1): the shadow LSBs by which every incoming weight
   * of a neuron falls after a sample with {@code excess = c − R} spikes over the target, {@code
   * δ = excess·2^(H+E)}: an exact left shift when {@code H + E ≥ 0}, else {@code shr^HALF_EVEN_{−(H+E)}}.
   */
  public static long rateStep(long excess, int rateLog2, int shadowBits) {
    int s = rateLog2 + shadowBits;
    return s >= 0 ? Math.multiplyExact(excess, 1L << s) : Fx.shiftRight(excess, -s, Rounding.HALF_EVEN);
  }

  /**
   * Synaptic scaling (docs/learning.md Part IV §3.1): the shadow LSBs subtracted from each
   * feed-forward weight of a neuron whose shadow sum is {@code drift} above its target, {@code
   * shr^HALF_EVEN_L(drift)}.
   */
  public static long scalingStep(long drift, int shift) {
    return Fx.shiftRight(drift, shift, Rounding.HALF_EVEN);
  }

  /** A homeostatic move of a shadow weight: {@code sat_{B+E}(sh − δ)}. */
  public static int lower(int shadow, long delta, int shadowWidth) {
    return (int) Fx.saturate(shadow - delta, shadowWidth, true);
  }
}
