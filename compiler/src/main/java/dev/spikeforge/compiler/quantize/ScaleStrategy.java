package dev.spikeforge.compiler.quantize;

import dev.spikeforge.golden.spec.SpecException;

/**
 * How the real scale {@code s} of a DENSE layer is chosen from its weights (integer weight {@code =
 * Q(s · w)}). With {@code W = 2^(width-1) - 1}, the largest positive weight code:
 *
 * <ul>
 *   <li>{@link Kind#MAX_ABS}: {@code s = W / max|w|}; no weight is clipped.
 *   <li>{@link Kind#PERCENTILE}: {@code s = W / c}, where {@code c} is the {@code percentile}-th
 *       percentile (nearest rank) of the layer's non-zero {@code |w|}; weights beyond {@code c}
 *       saturate (are clipped). Trades a few large weights for finer steps for all the others.
 *   <li>{@link Kind#POWER_OF_TWO}: the largest {@code 2^n} not exceeding the MAX_ABS scale, so the
 *       integer weights are the real ones with {@code n} fraction bits ({@code n} may be negative).
 * </ul>
 *
 * The feedforward and recurrent weights of a layer share one scale (they feed the same membrane).
 *
 * @param kind MAX_ABS, PERCENTILE or POWER_OF_TWO
 * @param percentile for PERCENTILE: in (0, 100]; 100 for the other kinds
 */
public record ScaleStrategy(Kind kind, double percentile) {

  /** The scale rules. */
  public enum Kind {
    /** {@code s = (2^(width-1) - 1) / max|w|}. */
    MAX_ABS,
    /** {@code s = (2^(width-1) - 1) / percentile(|w|)}, clipping the weights above the percentile. */
    PERCENTILE,
    /** The largest power of two not exceeding the MAX_ABS scale. */
    POWER_OF_TWO
  }

  public ScaleStrategy {
    SpecException.check(kind != null, "scaleStrategy.kind", "missing; one of MAX_ABS, PERCENTILE, POWER_OF_TWO");
    if (kind == Kind.PERCENTILE) {
      SpecException.check(
          percentile > 0 && percentile <= 100, "scaleStrategy.percentile",
          percentile + " is outside (0, 100]; e.g. 99.9 clips the largest 0.1% of the weights");
    } else {
      SpecException.check(
          percentile == 100, "scaleStrategy.percentile", "only used by PERCENTILE; leave it at 100 for " + kind);
    }
  }

  public static ScaleStrategy maxAbs() {
    return new ScaleStrategy(Kind.MAX_ABS, 100);
  }

  public static ScaleStrategy percentile(double percentile) {
    return new ScaleStrategy(Kind.PERCENTILE, percentile);
  }

  public static ScaleStrategy powerOfTwo() {
    return new ScaleStrategy(Kind.POWER_OF_TWO, 100);
  }

  /**
   * The scale for weights whose non-zero magnitudes are {@code sortedMagnitudes} (ascending, at
   * least one, all positive and finite) stored in {@code width}-bit signed integers. May be
   * infinite when the magnitudes are tiny; the caller rejects that.
   */
  double scale(double[] sortedMagnitudes, int width) {
    double top = (double) ((1L << (width - 1)) - 1);
    double maxAbs = sortedMagnitudes[sortedMagnitudes.length - 1];
    switch (kind) {
      case MAX_ABS:
        return top / maxAbs;
      case PERCENTILE:
        return top / sortedMagnitudes[nearestRank(sortedMagnitudes.length)];
      case POWER_OF_TWO:
        double s = top / maxAbs;
        return Double.isFinite(s) ? Math.scalb(1.0, Math.getExponent(s)) : s;
      default:
        throw new AssertionError(kind);
    }
  }

  /** Index of the nearest-rank percentile in a sorted array of {@code n} values. */
  int nearestRank(int n) {
    int rank = (int) Math.ceil(percentile / 100.0 * n);
    return Math.min(n, Math.max(1, rank)) - 1;
  }

  @Override
  public String toString() {
    return kind == Kind.PERCENTILE ? "PERCENTILE(" + percentile + ")" : kind.name();
  }
}
