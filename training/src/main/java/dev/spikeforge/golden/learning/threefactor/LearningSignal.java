package dev.spikeforge.golden.learning.threefactor;

/**
 * The third factor of hidden neuron j: {@code L_j = Σ_k B_jk δ_k}, the output errors broadcast
 * through a feedback matrix B ({@code [hidden][outputs]}). Output neurons use their own error
 * ({@code L_k = δ_k}). The integer sum is exact.
 */
public final class LearningSignal {
  private LearningSignal() {}

  /** Float {@code L = B·δ}. */
  public static double[] of(double[][] b, double[] delta) {
    double[] l = new double[b.length];
    for (int j = 0; j < b.length; j++) {
      double s = 0;
      for (int k = 0; k < delta.length; k++) {
        s += b[j][k] * delta[k];
      }
      l[j] = s;
    }
    return l;
  }

  /** Integer {@code L = B·δ}, exact. */
  public static long[] of(int[][] b, long[] delta) {
    long[] l = new long[b.length];
    for (int j = 0; j < b.length; j++) {
      long s = 0;
      for (int k = 0; k < delta.length; k++) {
        s += (long) b[j][k] * delta[k];
      }
      l[j] = s;
    }
    return l;
  }

  /** Symmetric feedback from float output weights {@code w[k][j]}: {@code B_jk = w[k][j]}. */
  public static double[][] symmetric(double[][] outputWeights) {
    int c = outputWeights.length;
    int h = outputWeights[0].length;
    double[][] b = new double[h][c];
    for (int k = 0; k < c; k++) {
      for (int j = 0; j < h; j++) {
        b[j][k] = outputWeights[k][j];
      }
    }
    return b;
  }

  /** Symmetric feedback from integer output weights. */
  public static int[][] symmetric(int[][] outputWeights) {
    int c = outputWeights.length;
    int h = outputWeights[0].length;
    int[][] b = new int[h][c];
    for (int k = 0; k < c; k++) {
      for (int j = 0; j < h; j++) {
        b[j][k] = outputWeights[k][j];
      }
    }
    return b;
  }
}
