package dev.spikeforge.golden.learning.stdp;

/**
 * The float form of STDP's per-step arithmetic (docs/learning.md Part IV §2): the integer form's
 * equations without rounding or saturation, a spike adding 1 to a trace, weights clipped to
 * {@code ±bound}.
 */
public final class StdpFloat {
  private StdpFloat() {}

  /**
   * One step of a trace with window shift k, decay {@code λ = 1 − 2^−k}: trace form {@code x' = λx +
   * s}; pair (nearest-spike) form {@code x' = 1} on a spike and {@code λx} otherwise.
   */
  public static double trace(double x, int k, boolean spike, boolean pair) {
    if (pair && spike) {
      return 1.0;
    }
    return x * (1.0 - Math.scalb(1.0, -k)) + (spike ? 1.0 : 0.0);
  }

  /** The weight after potentiation by {@code rate·x}, clipped to {@code ±bound}. */
  public static double potentiate(double w, double rate, double trace, double bound) {
    return Math.min(bound, w + rate * trace);
  }

  /** The weight after depression by {@code rate·y}, clipped to {@code ±bound}. */
  public static double depress(double w, double rate, double trace, double bound) {
    return Math.max(-bound, w - rate * trace);
  }

  /** Rate homeostasis: every incoming weight falls by {@code excess·2^H} (the integer form unrounded). */
  public static double rateStep(double excess, int rateLog2) {
    return Math.scalb(excess, rateLog2);
  }

  /** Synaptic scaling: each feed-forward weight falls by {@code drift·2^−L}. */
  public static double scalingStep(double drift, int shift) {
    return Math.scalb(drift, -shift);
  }

  /** A homeostatic move of a weight, {@code w − δ} clipped to {@code ±bound}. */
  public static double lower(double w, double delta, double bound) {
    return Math.max(-bound, Math.min(bound, w - delta));
  }
}
