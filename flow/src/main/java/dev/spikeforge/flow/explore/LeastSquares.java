package dev.spikeforge.flow.explore;

import java.util.List;

/** Ordinary least squares by the normal equations, with a vanishing ridge so a rank-deficient design still solves. */
final class LeastSquares {
  private LeastSquares() {}

  /** The coefficients b minimizing Σ (y − x·b)²; rows {@code xs}, targets {@code ys}. */
  static double[] solve(List<double[]> xs, List<Double> ys) {
    if (xs.isEmpty()) {
      throw new IllegalArgumentException("no rows to fit");
    }
    int k = xs.get(0).length;
    double[][] a = new double[k][k + 1];
    for (int r = 0; r < xs.size(); r++) {
      double[] x = xs.get(r);
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          a[i][j] += x[i] * x[j];
        }
        a[i][k] += x[i] * ys.get(r);
      }
    }
    for (int i = 0; i < k; i++) {
      a[i][i] += 1e-6 * (1 + a[i][i]);
    }
    for (int c = 0; c < k; c++) { // Gauss-Jordan with partial pivoting
      int p = c;
      for (int r = c + 1; r < k; r++) {
        if (Math.abs(a[r][c]) > Math.abs(a[p][c])) {
          p = r;
        }
      }
      double[] t = a[c];
      a[c] = a[p];
      a[p] = t;
      for (int r = 0; r < k; r++) {
        if (r != c && a[c][c] != 0) {
          double f = a[r][c] / a[c][c];
          for (int j = c; j <= k; j++) {
            a[r][j] -= f * a[c][j];
          }
        }
      }
    }
    double[] b = new double[k];
    for (int i = 0; i < k; i++) {
      b[i] = a[i][i] == 0 ? 0 : a[i][k] / a[i][i];
    }
    return b;
  }
}
