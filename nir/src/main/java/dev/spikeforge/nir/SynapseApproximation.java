package dev.spikeforge.nir;

/**
 * The error of replacing a CubaLIF synapse (a current that decays by {@code alpha} per step) by an
 * instantaneous one carrying the same total charge, delayed by {@code delay} steps; {@link #best}
 * picks the delay with the smallest error (near the current's centroid, {@code tau_syn / dt}
 * steps, a little earlier because the membrane leaks).
 *
 * <p>Kernels, normalised to a total charge of 1 and following NIR's reference discretisation of
 * CubaLIF (the membrane integrates the current of the previous step): a unit input at step 0 gives
 * the membrane {@code h[n] = beta h[n-1] + (1 - alpha) alpha^(n-1)} for n >= 1, {@code h[0] = 0};
 * the approximation gives {@code g[n] = beta^(n - delay)} for n >= delay, 0 before. By linearity,
 * as long as neither model has spiked, the membrane of neuron j differs by at most
 * {@link #l1()} times the sum of the absolute effective weights into j (one spike per input and
 * step).
 *
 * @param delay the delay of the instantaneous synapse, in steps
 * @param l1 {@code sum_n |h[n] - g[n]|}
 * @param peak {@code max_n |h[n] - g[n]|}
 */
record SynapseApproximation(long delay, double l1, double peak) {
  private static final int MAX_STEPS = 1_000_000;

  /** The delay in 0 .. 2 x the centroid + 2 with the smallest {@link #l1()} (the smaller delay on a tie). */
  static SynapseApproximation best(double alpha, double beta) {
    long centroid = (long) Math.ceil(1 / (1 - alpha));
    SynapseApproximation best = of(alpha, beta, 0);
    for (long d = 1; d <= 2 * centroid + 2 && d <= dev.spikeforge.golden.spec.LayerSpec.MAX_DELAY; d++) {
      SynapseApproximation a = of(alpha, beta, d);
      if (a.l1() < best.l1()) {
        best = a;
      }
    }
    return best;
  }

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
    return new SynapseApproximation(delay, l1, peak);
  }
}
