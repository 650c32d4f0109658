package dev.spikeforge.golden.train.na;

/**
 * Adam (Kingma &amp; Ba) over rows of weights: {@code m ← β1·m + (1−β1)·ĝ}, {@code v ← β2·v + (1−β2)·ĝ²},
 * {@code w ← w − α·(m/(1−β1^n)) / (sqrt(v/(1−β2^n)) + ε)} with ĝ the gradient summed over the batch
 * divided by its size and n the update's number (1, 2, …). The summed gradient is cleared.
 */
final class Adam {
  static final double BETA1 = 0.9;
  static final double BETA2 = 0.999;
  static final double EPSILON = 1e-8;

  private Adam() {}

  /** One update of {@code w} (one row) from the summed gradient of {@code samples} samples. */
  static void step(double[] w, double[] m, double[] v, double[] grad, int samples, long n, double alpha) {
    double c1 = 1.0 - Math.pow(BETA1, n);
    double c2 = 1.0 - Math.pow(BETA2, n);
    for (int i = 0; i < w.length; i++) {
      double gi = grad[i] / samples;
      m[i] = BETA1 * m[i] + (1 - BETA1) * gi;
      v[i] = BETA2 * v[i] + (1 - BETA2) * gi * gi;
      w[i] -= alpha * (m[i] / c1) / (Math.sqrt(v[i] / c2) + EPSILON);
      grad[i] = 0;
    }
  }
}
