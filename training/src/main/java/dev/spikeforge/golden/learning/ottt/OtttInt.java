package dev.spikeforge.golden.learning.ottt;

import dev.spikeforge.golden.numerics.Fx;
import dev.spikeforge.golden.numerics.Rounding;

/**
 * The integer form of OTTT's per-step arithmetic (docs/learning.md Part III §3): every rounding and
 * saturation is {@link Fx}'s. Units: a layer with threshold {@code θ = 2^q} carries membranes,
 * forward weights, surrogates and errors with q fraction bits (one LSB is {@code 2^−q} thresholds),
 * traces with F fraction bits, shadow weights with {@code q + E}.
 */
public final class OtttInt {
  private OtttInt() {}

  /**
   * The triangular surrogate {@code ψ' = max(0, θ − |v2 − θ|)} of the membrane {@code v2} before
   * the threshold: {@code 2^q·ψ} exactly, in 0..θ (unsigned {@code q + 1} bits).
   */
  public static long surrogate(long v2, long theta) {
    return Math.max(0, theta - Math.abs(v2 - theta));
  }

  /** The output error {@code δ' = (z − y)·ψ'} (q fraction bits; z, y ∈ {0, 1}): exact, signed {@code q + 2} bits. */
  public static long outputDelta(boolean spike, boolean label, long psi) {
    return ((spike ? 1 : 0) - (label ? 1 : 0)) * psi;
  }

  /**
   * The hidden error {@code δ' = sat_D(shr^HALF_EVEN_{2·qNext}(ψ'·A))} of a neuron with surrogate ψ'
   * (q fraction bits) and {@code A = Σ_k w_kj·δ'_k} over the next layer (exact; {@code 2·qNext}
   * fraction bits): q fraction bits, saturated to D signed bits.
   */
  public static long hiddenDelta(long psi, long sum, int qNext, int deltaBits) {
    return Fx.saturate(Fx.shiftRight(Math.multiplyExact(psi, sum), 2 * qNext, Rounding.HALF_EVEN), deltaBits, true);
  }

  /** The presynaptic trace {@code x' = x − (x >> k) + 2^F·s} (F fraction bits; never above {@code 2^(F+k)}). */
  public static long trace(long x, int leakShift, int fracBits, boolean spike) {
    return Fx.leak(x, leakShift) + (spike ? 1L << fracBits : 0);
  }

  /**
   * The shift R of the weight step for the learning rate {@code 2^lrLog2}: {@code δ'·x} has {@code q
   * + F} fraction bits, the shadow weight {@code q + E}, so {@code R = F − E − lrLog2} (q cancels).
   */
  public static int updateShift(int fracBits, int shadowBits, int lrLog2) {
    return fracBits - shadowBits - lrLog2;
  }

  /**
   * The magnitude of one weight step, {@code Δ = shr_R(δ'·x)}: HALF_EVEN when {@code roundingBits}
   * is 0, else stochastic {@code ⌊δ'·x·2^−R + r·2^−K⌋} with the K random bits r; {@code R < 0}:
   * the exact left shift (r unused).
   */
  public static long stepSize(long delta, long trace, int shift, long random, int roundingBits) {
    long p = Math.multiplyExact(delta, trace);
    if (shift < 0) {
      return Math.multiplyExact(p, 1L << -shift);
    }
    return roundingBits == 0 ? Fx.shiftRight(p, shift, Rounding.HALF_EVEN)
        : Fx.shiftRightStochastic(p, shift, random, roundingBits);
  }

  /** The shadow weight after a step of size Δ: {@code sat_{B+E}(sh − Δ)} (gradient descent). */
  public static int shadowStep(int shadow, long step, int shadowWidth) {
    return (int) Fx.saturate(shadow - step, shadowWidth, true);
  }

  /** The forward weight of a shadow weight: {@code sat_B(shr^HALF_UP_E(sh))}. */
  public static int forwardWeight(int shadow, int shadowBits, int weightBits) {
    return (int) Fx.saturate(Fx.shiftRight(shadow, shadowBits, Rounding.HALF_UP), weightBits, true);
  }
}
