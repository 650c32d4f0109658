package dev.spikeforge.golden.learning.threefactor;

import dev.spikeforge.golden.numerics.Fx;
import dev.spikeforge.golden.numerics.Rounding;

/**
 * The weight update {@code ΔW_ji = −η_W · L_j · ē^W_ji}, applied once per sample.
 *
 * <p>Float: the weight is real, clipped to the range of the integer weight format so that the
 * trained network stays quantizable. Integer: a shadow weight {@code w̃} with {@code F} extra
 * fraction bits (signed, {@code weightWidth + F} bits, saturating) takes {@code w̃ ← sat(w̃ −
 * shr^HALF_EVEN_s(L·ē))} (η = 2^−s in shadow units); the forward pass uses {@code w = sat_W(
 * shr^HALF_UP_F(w̃))}.
 */
public final class WeightUpdate {
  private WeightUpdate() {}

  /** Float: {@code clamp(w − η·L·ē, lo, hi)}. */
  public static double apply(double w, double eta, double l, double ebar, double lo, double hi) {
    double n = w - eta * l * ebar;
    return n < lo ? lo : (n > hi ? hi : n);
  }

  /** Integer shadow update: {@code sat_{width}(w̃ − shr^HALF_EVEN_shift(L·ē))}. */
  public static long applyShadow(long shadow, long l, long ebar, int shift, int shadowWidth) {
    return applyShadow(shadow, l, ebar, shift, UpdateRounding.halfEven(), shadowWidth);
  }

  /** Integer shadow update with the layer's rounding: {@code sat_{width}(w̃ − round_shift(L·ē))}. */
  public static long applyShadow(long shadow, long l, long ebar, int shift, UpdateRounding rounding, int shadowWidth) {
    return Fx.saturate(shadow - rounding.shift(Math.multiplyExact(l, ebar), shift), shadowWidth, true);
  }

  /** The forward weight of a shadow weight: {@code sat_W(shr^HALF_UP_F(w̃))}. */
  public static int forward(long shadow, int fracBits, int weightWidth) {
    return (int) Fx.saturate(Fx.shiftRight(shadow, fracBits, Rounding.HALF_UP), weightWidth, true);
  }
}
