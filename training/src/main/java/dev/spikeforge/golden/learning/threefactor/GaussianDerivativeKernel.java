package dev.spikeforge.golden.learning.threefactor;

/**
 * The float smoothed time-derivative of a spike train, the core of the delay eligibility. A spike
 * train {@code x(τ) = Σ_s δ(τ − s)} is smoothed with the unnormalised Gaussian {@code g(u) =
 * exp(−u²/(2σ²))} (peak 1), truncated to {@code |u| ≤ radius}; its derivative is {@code g'(u) =
 * −(u/σ²)·g(u)}. The derivative of the delayed, smoothed train at step {@code t} for a continuous
 * delay {@code d} is {@code ẋ(t − d) = Σ_{s ≤ t} g'(t − d − s)} over the spikes {@code s} of the train
 * (only spikes already emitted, {@code s ≤ t}: the FIR is causal, which truncates the anticipating
 * half of the kernel when {@code d < radius}; see docs/learning.md (Part II)).
 *
 * @param sigma σ in steps, positive
 * @param radius kernel support in steps, at least 1
 */
public record GaussianDerivativeKernel(double sigma, int radius) {
  public GaussianDerivativeKernel {
    if (!(sigma > 0) || !Double.isFinite(sigma) || radius < 1) {
      throw new IllegalArgumentException("derivative kernel: sigma > 0 and radius >= 1; got " + sigma + ", " + radius);
    }
  }

  /** The smoothing kernel {@code g(u)}, 0 outside the support. */
  public double g(double u) {
    return Math.abs(u) > radius ? 0 : Math.exp(-u * u / (2 * sigma * sigma));
  }

  /** Its derivative {@code g'(u)}, 0 outside the support. */
  public double dg(double u) {
    return Math.abs(u) > radius ? 0 : -(u / (sigma * sigma)) * Math.exp(-u * u / (2 * sigma * sigma));
  }

  /**
   * {@code Σ_{s ≤ t, |t − d − s| ≤ radius} g'(t − d − s)} over the spikes of {@code history}
   * ({@code history[s]} = spike at step s; steps ≥ {@code history.length} are absent).
   */
  public double derivative(boolean[] history, int t, double d) {
    return sum(history, t, d, true);
  }

  /** The smoothed delayed train {@code Σ_{s ≤ t} g(t − d − s)} (used by tests and the smoothed model). */
  public double smoothed(boolean[] history, int t, double d) {
    return sum(history, t, d, false);
  }

  /** {@code Σ g'(t − d − s)} or {@code Σ g(t − d − s)} over the spikes s ≤ t of the window, in order of s. */
  private double sum(boolean[] history, int t, double d, boolean derivative) {
    double centre = t - d;
    int lo = Math.max(0, (int) Math.ceil(centre - radius));
    int hi = Math.min(Math.min(t, history.length - 1), (int) Math.floor(centre + radius));
    double sum = 0;
    for (int s = lo; s <= hi; s++) {
      if (history[s]) {
        sum += derivative ? dg(centre - s) : g(centre - s);
      }
    }
    return sum;
  }
}
