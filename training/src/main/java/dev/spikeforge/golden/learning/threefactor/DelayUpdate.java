package dev.spikeforge.golden.learning.threefactor;

import dev.spikeforge.golden.numerics.FixedFormat;
import dev.spikeforge.golden.numerics.Fx;
import dev.spikeforge.golden.numerics.Overflow;
import dev.spikeforge.golden.numerics.Rounding;

/**
 * The delay update on a continuous shadow delay, clipped to {@code [lo, hi]} and rounded (half up)
 * for the forward pass. With the delay eligibility {@code e^d_ji = −W_ji ψ_j ȳ_ji}, the step
 * {@code Δd = −η_d·L·ē^d} becomes {@code Δd_ji = +η_d · L_j · W_ji · ē^ȳ_ji} (synaptic delay) and
 * {@code ΔD_i = +η_d · Σ_j L_j W_ji ē^ȳ_ji} (axonal delay: a fan-out reduction over the targets j).
 * The caller forms the gradient term {@code G = L·W·ē^ȳ} (or its sum over j).
 *
 * <p>Integer: the shadow delay {@code d̃} is unsigned with {@code F} fraction bits; {@code d̃ ←
 * clamp(d̃ + shr^HALF_EVEN_s(G), lo·2^F, hi·2^F)}; forward delay {@code shr^HALF_UP_F(d̃)}.
 */
public final class DelayUpdate {
  private static final FixedFormat HALF_UP_INT = new FixedFormat(16, 0, false, Rounding.HALF_UP, Overflow.SATURATE);

  private DelayUpdate() {}

  /** Float: {@code clamp(d + η·G, lo, hi)}. */
  public static double apply(double d, double eta, double gradientTerm, double lo, double hi) {
    double n = d + eta * gradientTerm;
    return n < lo ? lo : (n > hi ? hi : n);
  }

  /** Float forward delay: {@code d} rounded half up ({@link FixedFormat#quantize}), clipped. */
  public static int forward(double d, int lo, int hi) {
    long r = HALF_UP_INT.quantize(d);
    return (int) Math.max(lo, Math.min(hi, r));
  }

  /** Integer shadow update {@code clamp(d̃ + shr^HALF_EVEN_s(G), lo·2^F, hi·2^F)}. */
  public static long applyShadow(long shadow, long gradientTerm, int shift, int fracBits, int lo, int hi) {
    return applyShadow(shadow, gradientTerm, shift, UpdateRounding.halfEven(), fracBits, lo, hi);
  }

  /** Integer shadow update with the layer's rounding: {@code clamp(d̃ + round_s(G), lo·2^F, hi·2^F)}. */
  public static long applyShadow(long shadow, long gradientTerm, int shift, UpdateRounding rounding, int fracBits,
      int lo, int hi) {
    long n = shadow + rounding.shift(gradientTerm, shift);
    long min = (long) lo << fracBits;
    long max = (long) hi << fracBits;
    return n < min ? min : (n > max ? max : n);
  }

  /** Integer forward delay {@code shr^HALF_UP_F(d̃)}. */
  public static int forward(long shadow, int fracBits) {
    return (int) Fx.shiftRight(shadow, fracBits, Rounding.HALF_UP);
  }
}
