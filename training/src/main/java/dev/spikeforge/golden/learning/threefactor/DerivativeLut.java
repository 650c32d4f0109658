package dev.spikeforge.golden.learning.threefactor;

import dev.spikeforge.golden.numerics.FixedFormat;
import dev.spikeforge.golden.numerics.Overflow;
import dev.spikeforge.golden.numerics.Rounding;

/**
 * The integer smoothed time-derivative of a delayed spike train: a short FIR over the spike
 * history with taps from a lookup table. For an integer delay {@code d}, {@code ẋ[t] = Σ_{Δ} tap[Δ]
 * · x[t − d − Δ]} over {@code Δ = max(−radius, −d) .. radius} and {@code t − d − Δ ≥ 0}: the taps
 * read the history buffer at offsets {@code d + Δ ≥ 0} back from now, so only spikes already
 * emitted contribute (causal truncation, as in the float {@link GaussianDerivativeKernel}).
 * {@code tap[Δ] = round_HALF_EVEN(2^fracBits · g'(Δ))}, signed, width {@link #tapWidth()}.
 */
public final class DerivativeLut {
  private final int radius;
  private final int fracBits;
  private final int[] taps;

  private DerivativeLut(int radius, int fracBits, int[] taps) {
    this.radius = radius;
    this.fracBits = fracBits;
    this.taps = taps;
  }

  /** Quantizes the float kernel's derivative at the integer offsets {@code −radius..radius}. */
  public static DerivativeLut of(GaussianDerivativeKernel kernel, int fracBits) {
    if (fracBits < 1 || fracBits > 16) {
      throw new IllegalArgumentException("derivative LUT fracBits must be 1..16, got " + fracBits);
    }
    FixedFormat f = new FixedFormat(fracBits + 4, fracBits, true, Rounding.HALF_EVEN, Overflow.SATURATE);
    int r = kernel.radius();
    int[] t = new int[2 * r + 1];
    for (int k = -r; k <= r; k++) {
      t[k + r] = (int) f.quantize(kernel.dg(k));
    }
    return new DerivativeLut(r, fracBits, t);
  }

  /** Tap for offset {@code delta} ({@code −radius..radius}). */
  public int tap(int delta) {
    return taps[delta + radius];
  }

  /**
   * The FIR at step {@code t} for integer delay {@code d ≥ 0}: {@code history[s]} is the spike of
   * step s (only {@code s ≤ t} is read).
   */
  public long derivative(boolean[] history, int t, int d) {
    long sum = 0;
    for (int delta = Math.max(-radius, -d); delta <= radius; delta++) {
      int s = t - d - delta;
      if (s >= 0 && history[s]) {
        sum += taps[delta + radius];
      }
    }
    return sum;
  }

  public int radius() {
    return radius;
  }

  public int fracBits() {
    return fracBits;
  }

  /** Signed width of one tap: {@code fracBits + 4} (|g'| ≤ 1/σ·e^−½ < 8 for σ ≥ 0.1). */
  public int tapWidth() {
    return fracBits + 4;
  }

  /** Copy of the taps, index {@code Δ + radius}. */
  public int[] taps() {
    return taps.clone();
  }
}
