package dev.spikeforge.golden.learning;

import dev.spikeforge.golden.neuron.Lif;
import dev.spikeforge.golden.numerics.FixedFormat;
import dev.spikeforge.golden.numerics.Fx;
import dev.spikeforge.golden.numerics.Overflow;
import dev.spikeforge.golden.numerics.Rounding;
import dev.spikeforge.golden.spec.NeuronSpec;

/**
 * Desire backpropagation, integer form: the functions an on-chip learning unit executes, bit for
 * bit. Only shifts, adds, compares, saturation ({@link Fx}) and a 5-bit by B-bit product in the
 * desire sum; every width is in {@code docs/learning.md} §3. Forward weights are flat and
 * input-major ({@code w[i·out + j]}), as in {@link DesireBackprop}.
 *
 * <p>Units: a layer's membrane, threshold and weights are integers with threshold {@code θ = 2^q};
 * traces have {@code F} fraction bits (a spike adds {@code 2^F}); errors are in units of {@code
 * 1/T_eff}; shadow weights have {@code E} more fraction bits than forward weights.
 */
public final class DesireBackpropInt {
  /** Fraction bits of the dropout rescale factor S. */
  public static final int DROPOUT_SCALE_FRAC_BITS = 8;
  /** S for p = 0: the identity. */
  public static final int UNIT_DROPOUT_SCALE = 1 << DROPOUT_SCALE_FRAC_BITS;

  private static final FixedFormat DROPOUT_SCALE_FORMAT =
      new FixedFormat(12, DROPOUT_SCALE_FRAC_BITS, false, Rounding.HALF_UP, Overflow.SATURATE);

  private DesireBackpropInt() {}

  /** Presynaptic trace step {@code x' = x − (x >> k) + (s ? 2^F : 0)}; never exceeds {@code 2^(F+k)}. */
  public static int traceStep(int x, int leakShift, int traceFracBits, boolean spike) {
    return (int) Fx.leak(x, leakShift) + (spike ? 1 << traceFracBits : 0);
  }

  /**
   * Membrane after leak and integration, {@code v1 = sat_M((v − (v >> k)) + I)}: {@link Lif#integrate},
   * the numerics contract's LIF steps 2 and 3.
   */
  public static long integrate(NeuronSpec neuron, long v, long current) {
    return Lif.integrate(neuron, v, current);
  }

  /** Fire decision {@code v1 ≥ θ} of a neuron that is not dropped. */
  public static boolean fires(long integrated, long threshold, boolean keep) {
    return integrated >= threshold && keep;
  }

  /** Output-desire threshold in counts: {@code D_out = floor(threshold · T_eff)} (error {@code > threshold ⟺ T_eff·error > D_out}). */
  public static int outputThresholdCount(double threshold, int tEff) {
    return (int) Math.floor(threshold * tEff);
  }

  /**
   * Ternary desire of an output neuron with count {@code c}: label: +1 if {@code T_eff − c > D_out};
   * other: −1 if {@code c > D_out}; else 0. Equal to {@link DesireBackprop#outputDesire} for every count.
   */
  public static int outputDesire(int count, boolean isLabel, int tEff, int thresholdCount) {
    if (isLabel) {
      return tEff - count > thresholdCount ? 1 : 0;
    }
    return count > thresholdCount ? -1 : 0;
  }

  /** Error in units of {@code 1/T_eff}: {@code ε' = |T_eff · target − c|}, target 1 for desire +1, else 0. */
  public static int scaledError(int count, int desire, int tEff) {
    return Math.abs((desire > 0 ? tEff : 0) - count);
  }

  /**
   * Hidden-desire threshold of the layer whose weights carry the sum: {@code D = ceil(threshold ·
   * T_eff · 2^q)}, so that {@code |A| ≥ D ⟺ |A / (T_eff 2^q)| ≥ threshold} for integer sums A.
   */
  public static long desireThreshold(double threshold, int tEff, int thresholdShift) {
    return Math.max(1, (long) Math.ceil(threshold * tEff * Math.scalb(1.0, thresholdShift)));
  }

  /** Ternary desire from an integer desire sum: {@code sign(A)} if {@code |A| ≥ D}, else 0. */
  public static int hiddenDesire(long sum, long threshold) {
    if (Math.abs(sum) < threshold) {
      return 0;
    }
    return sum > 0 ? 1 : -1;
  }

  /**
   * Integer desire sum of input {@code i}: {@code A_i = Σ_j w_ji · g_j} with {@code g_j = d_j · ε'_j},
   * over the {@code n} neurons in {@code js}; exact (a {@code long}).
   */
  public static long desireSum(short[] w, int out, int i, int[] g, int[] js, int n) {
    int row = i * out;
    long a = 0;
    for (int k = 0; k < n; k++) {
      int j = js[k];
      a += w[row + j] * g[j];
    }
    return a;
  }

  /**
   * Learning-rate exponent of the float rate η: {@code s = round(−log2 η)} (half up), so that the
   * integer rate is {@code 2^−s}.
   */
  public static int learningRateExponent(double eta) {
    return (int) Math.floor(-StrictMath.log(eta) / StrictMath.log(2.0) + 0.5);
  }

  /**
   * Right shift R applied to the trace sum U of a layer with threshold shift q: {@code R = s + F − q
   * − E}, because one unit of U is {@code 2^−F} trace and one shadow LSB is {@code 2^−(q+E)} thresholds.
   * R may be negative (a left shift).
   */
  public static int updateShift(int rateExponent, int traceFracBits, int thresholdShift, int shadowBits) {
    return rateExponent + traceFracBits - thresholdShift - shadowBits;
  }

  /** {@code U >> R} (floor) for R ≥ 0, {@code U << −R} otherwise. */
  public static long shiftUpdate(long u, int shift) {
    return shift >= 0 ? Fx.shiftRight(u, shift, Rounding.FLOOR) : u << -shift;
  }

  /** Shadow weight after one sample: {@code sat_{B+E}(sh + d · shift(U, R))}. */
  public static int updatedShadow(int shadow, int desire, long traceSum, int shift, int shadowWidth) {
    long delta = shiftUpdate(traceSum, shift);
    return Fx.saturateSigned(shadow + (desire > 0 ? delta : -delta), shadowWidth);
  }

  /**
   * The stochastically rounded update magnitude {@code floor(U·2^−R + r/2^K)} for K random bits r:
   * {@code shr_R^SR(U; r, K)} ({@link Fx#shiftRightStochastic}) for R ≥ 0, {@code U << −R} for R &lt; 0
   * (exact; r is drawn but has no effect). Its mean over r is {@code U/2^R} exactly when R ≤ K.
   */
  public static long shiftUpdateStochastic(long u, int shift, long r, int bits) {
    return shift >= 0 ? Fx.shiftRightStochastic(u, shift, r, bits) : u << -shift;
  }

  /**
   * Shadow weight after one sample with stochastic rounding: {@code sat_{B+E}(sh + d ·
   * floor(U/2^R + r/2^K))} (docs/learning.md §3.6); the magnitude is rounded, then signed by the desire.
   */
  public static int updatedShadowStochastic(int shadow, int desire, long traceSum, int shift, int shadowWidth,
      long r, int bits) {
    long delta = shiftUpdateStochastic(traceSum, shift, r, bits);
    return Fx.saturateSigned(shadow + (desire > 0 ? delta : -delta), shadowWidth);
  }

  /** Forward weight of a shadow weight: {@code sat_B(shr_E^HALF_UP(sh))}. */
  public static int forwardWeight(int shadow, int shadowBits, int weightBits) {
    return Fx.saturateSigned(Fx.shiftRight(shadow, shadowBits, Rounding.HALF_UP), weightBits);
  }

  /** Initial shadow weight of a float weight: {@code sat_{B+E}(round_half_even(w · 2^(q+E)))}. */
  public static int initialShadow(double w, int thresholdShift, int shadowBits, int shadowWidth) {
    return (int) new FixedFormat(shadowWidth, thresholdShift + shadowBits, true, Rounding.HALF_EVEN, Overflow.SATURATE)
        .quantize(w);
  }

  /**
   * Dropout rescale factor {@code S = round_half_up(2^8 / (1 − p))} (8 fraction bits; S = 256 for p = 0).
   */
  public static int dropoutScale(double p) {
    return (int) DROPOUT_SCALE_FORMAT.quantize(1.0 / (1.0 - p));
  }

  /** Training-time current with dropout rescale: {@code shr_8^HALF_UP(S · I)}; the identity when S = 256. */
  public static long scaledCurrent(long current, int scale) {
    return scale == UNIT_DROPOUT_SCALE ? current
        : Fx.shiftRight(current * scale, DROPOUT_SCALE_FRAC_BITS, Rounding.HALF_UP);
  }

  // ---- binarized layers (straight-through estimator), docs/learning.md §11 ----

  /** Forward weight of a shadow (latent) weight in a binarized layer: {@code +1} if {@code sh ≥ 0}, else {@code −1}. */
  public static int binarizedWeight(int shadow) {
    return shadow >= 0 ? 1 : -1;
  }

  /**
   * Integer threshold of a binarized layer whose ±1 weights stand for {@code ±α}, α = the mean
   * {@code |w|} of its B-bit forward weights in units of {@code 2^−q} thresholds: {@code θ_b =
   * round_half_up(2^q / α) = ⌊(2^(q+1)·n + S) / (2S)⌋} with {@code S = Σ|w|} over n weights,
   * clamped to {@code 1 .. 2^(M−1) − 1}. Exact integer arithmetic.
   */
  public static long binarizedThreshold(long sumAbs, long n, int thresholdShift, int membraneBits) {
    long max = (1L << (membraneBits - 1)) - 1;
    if (sumAbs <= 0) {
      return max;
    }
    long t = Math.floorDiv(Math.addExact(Math.multiplyExact(n, 1L << (thresholdShift + 1)), sumAbs), 2 * sumAbs);
    return Math.max(1, Math.min(max, t));
  }

  /**
   * Hidden-desire threshold of a layer with integer threshold θ_l (weights in units of {@code 1/θ_l}
   * thresholds): {@code D = max(1, ceil(threshold · T_eff · θ_l))}; for {@code θ_l = 2^q} this is
   * {@link #desireThreshold}.
   */
  public static long desireThresholdOf(double threshold, int tEff, long layerThreshold) {
    return Math.max(1, (long) Math.ceil(threshold * tEff * layerThreshold));
  }
}
