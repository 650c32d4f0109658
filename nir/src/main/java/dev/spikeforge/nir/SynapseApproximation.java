package dev.spikeforge.nir;

/**
 * The error of replacing a CubaLIF synapse (a current that decays by {@code alpha} per step) by an
 * instantaneous one carrying the same total charge, delayed by {@code delay} steps (the rounded
 * centroid of the current, {@code tau_syn / dt}).
 *
 * <p>Kernels, normalised to a total charge of 1 and following NIR's reference discretisation of
 * CubaLIF (the membrane integrates the current of the previous step): a unit input at step 0 gives
 * the membrane {@code h[n] = beta h[n-1] + (1 - alpha) alpha^(n-1)} for n >= 1, {@code h[0] = 0};
 * the approximation gives {@code g[n] = beta^(n - delay)} for n >= delay, 0 before. By linearity,
 * as long as neither model has spiked, the membrane of neuron j differs by at most
 * {@link #l1()} times the sum of the absolute effective weights into j (one spike per input and
 * step).
 *
 * @param l1 {@code sum_n |h[n] - g[n]|}
 * @param peak {@code max_n |h[n] - g[n]|}
 */
record SynapseApproximation(double l1, double peak) {
  private static final int MAX_STEPS = 1_000_000;

  static SynapseApproximation of(double alpha, double beta, long delay) {
    double h = 0;
    double g = 0;
    double alphaPow = 1; // alpha^(n-1) for the step being computed
    double l1 = 0;
    double peak = 0;
    for (int n = 0; n < MAX_STEPS; n++) {
      if (n >= 1) {
        h = beta * h + (1 - alpha) * alphaPow;
        alphaPow *= alpha;
      }
      if (n == delay) {
        g = 1;
      } else if (n > delay) {
        g *= beta;
      }
      double e = Math.abs(h - g);
      l1 += e;
      peak = Math.max(peak, e);
      if (n > delay + 10 && alphaPow < 1e-16 && e < 1e-16 * Math.max(1, l1)) {
        break;
      }
    }
    return new SynapseApproximation(l1, peak);
  }
}
