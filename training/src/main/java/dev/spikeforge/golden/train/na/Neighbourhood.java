package dev.spikeforge.golden.train.na;

/**
 * The neighbourhood-aggregation estimate of one neuron (docs/learning.md Part V §2). For every step t
 * the neuron's pre-reset membrane {@code v'[t]} is kicked by each of the 2K values {@code δ_n = ±h,
 * ±2h, …, ±Kh}; the kicked waveform is re-simulated forward from t with the neuron's recorded input
 * currents (leak, threshold 1, reset by subtraction), which changes its spike train by {@code Δs_n}
 * (entries −1, 0, +1 from step t on); the loss difference {@code ΔL_n} of that change comes from a
 * {@link LossChange}; the estimate is the least-squares slope of {@code ΔL} against the membrane
 * distance {@code δ} over the neighbourhood:
 *
 * <pre>
 *   g[t] = Σ_n ΔL_n·δ_n / Σ_n δ_n²
 * </pre>
 *
 * a neighbour whose kick flips no spike contributes {@code ΔL = 0} (and its δ² to the denominator).
 * Stateless apart from its parameters and a scratch spike-change buffer: one instance per thread.
 */
final class Neighbourhood {
  /** The loss difference of a change {@code ds} of the neuron's spike train, which is 0 before step {@code from}. */
  interface LossChange {
    double of(int[] ds, int from);
  }

  private final double leak;
  private final double[] kicks;
  private final double denominator;
  private final int[] ds;

  /**
   * @param leak λ
   * @param neighbours K
   * @param step h
   * @param timesteps T
   */
  Neighbourhood(double leak, int neighbours, double step, int timesteps) {
    this.leak = leak;
    kicks = new double[2 * neighbours];
    double d = 0;
    for (int n = 1; n <= neighbours; n++) {
      kicks[2 * n - 2] = n * step;
      kicks[2 * n - 1] = -n * step;
      d += 2 * (n * step) * (n * step);
    }
    denominator = d;
    ds = new int[timesteps];
  }

  /**
   * Writes into {@code g} the estimate of {@code dL/dv'[t]} for every step of a neuron whose forward
   * pass had input currents {@code current[t]}, pre-reset membranes {@code pre[t]} and spikes
   * {@code spikes[t]}.
   */
  void estimate(double[] current, double[] pre, boolean[] spikes, LossChange loss, double[] g) {
    int steps = pre.length;
    for (int t = 0; t < steps; t++) {
      double sum = 0;
      for (double delta : kicks) {
        if (kick(current, pre, spikes, t, delta, ds)) {
          sum += loss.of(ds, t) * delta;
        }
      }
      g[t] = sum / denominator;
    }
  }

  /**
   * Re-simulates from step {@code t} with {@code v'[t]} raised by {@code delta}: fills {@code ds[τ]}
   * (τ ≥ t) with the kicked spike minus the recorded one; returns whether any spike changed.
   */
  boolean kick(double[] current, double[] pre, boolean[] spikes, int t, double delta, int[] ds) {
    boolean changed = false;
    double u = pre[t] + delta;
    for (int tau = t; ; tau++) {
      boolean s = u >= 1.0;
      int d = (s ? 1 : 0) - (spikes[tau] ? 1 : 0);
      ds[tau] = d;
      changed |= d != 0;
      if (tau + 1 == pre.length) {
        return changed;
      }
      u = leak * (s ? u - 1.0 : u) + current[tau + 1];
    }
  }
}
