package dev.spikeforge.golden.train;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.ReadoutSpec;
import dev.spikeforge.golden.spec.ResetMode;
import java.util.List;

/**
 * A one-layer spiking classifier fitted in closed form: ridge regression from pixel intensities
 * (in [0,1]) to one-hot targets, {@code W = (XᵀX + λI)⁻¹ XᵀY}, used as the weights of a single
 * layer of non-leaky integrate-and-fire output neurons with threshold 1 and reset by subtraction.
 *
 * <p>With deterministic rate coding an input of intensity p delivers p·T spikes over T steps, so
 * neuron k's spike count approximates {@code T · max(0, Σ_i W_ki p_i)}: the spike-count readout
 * approximates the linear classifier's argmax. This is not spike-based learning (the on-device
 * rules live in their own trainers); it is the quickest honest network for demos and smoke tests.
 */
public final class LinearReadoutFit {
  private LinearReadoutFit() {}

  /**
   * Fits the readout on an intensity dataset.
   *
   * @param train training samples
   * @param timesteps T of the resulting network
   * @param ridge λ, the L2 regularisation (e.g. 1.0 for a few thousand samples)
   */
  public static FloatNetwork fit(Dataset train, int timesteps, double ridge) {
    if (train.isTemporal()) {
      throw new IllegalArgumentException("dataset '" + train.name() + "' is temporal; the linear readout needs intensities");
    }
    int n = train.sampleLength();
    int c = train.classes();
    double[] xtx = new double[n * n];
    double[] xty = new double[n * c];
    double[] x = new double[n];
    for (int s = 0; s < train.size(); s++) {
      byte[] px = train.sample(s);
      int nz = 0;
      int[] idx = new int[n];
      for (int i = 0; i < n; i++) {
        x[i] = (px[i] & 0xFF) / 255.0;
        if (x[i] != 0) {
          idx[nz++] = i;
        }
      }
      // rank-1 update of the upper triangle over the non-zero pixels only
      for (int a = 0; a < nz; a++) {
        int i = idx[a];
        double xi = x[i];
        int row = i * n;
        for (int b = a; b < nz; b++) {
          int j = idx[b];
          xtx[row + j] += xi * x[j];
        }
        xty[i * c + train.label(s)] += xi;
      }
    }
    double[][] w = ridge(xtx, xty, n, c, ridge);
    FloatLayer out = new FloatLayer("readout", LayerKind.DENSE, n, c, 1.0, 1.0, ResetMode.SUBTRACT, w, 0, null, null,
        null, null);
    return new FloatNetwork("linear_readout", n, timesteps, List.of(out), ReadoutSpec.spikeCount());
  }

  /**
   * The ridge-regression weights {@code W = (XᵀX + λI)⁻¹ XᵀY}, {@code [c][n]}, from the upper
   * triangle of {@code XᵀX} ({@code n × n}, row-major; overwritten) and {@code XᵀY} ({@code n × c},
   * row-major).
   *
   * @throws ArithmeticException if {@code XᵀX + λI} is not positive definite
   */
  public static double[][] ridge(double[] xtx, double[] xty, int n, int c, double ridge) {
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        xtx[i * n + j] = xtx[j * n + i];
      }
      xtx[i * n + i] += ridge;
    }
    choleskyInPlace(xtx, n);
    double[][] w = new double[c][n];
    double[] col = new double[n];
    for (int k = 0; k < c; k++) {
      for (int i = 0; i < n; i++) {
        col[i] = xty[i * c + k];
      }
      solveCholesky(xtx, n, col);
      System.arraycopy(col, 0, w[k], 0, n);
    }
    return w;
  }

  /** Lower-triangular Cholesky factor L (A = L·Lᵀ), stored in the lower triangle of {@code a}. */
  static void choleskyInPlace(double[] a, int n) {
    for (int j = 0; j < n; j++) {
      double d = a[j * n + j];
      for (int k = 0; k < j; k++) {
        d -= a[j * n + k] * a[j * n + k];
      }
      if (d <= 0) {
        throw new ArithmeticException("matrix is not positive definite (increase the ridge)");
      }
      double ljj = Math.sqrt(d);
      a[j * n + j] = ljj;
      for (int i = j + 1; i < n; i++) {
        double s = a[i * n + j];
        int ri = i * n;
        int rj = j * n;
        for (int k = 0; k < j; k++) {
          s -= a[ri + k] * a[rj + k];
        }
        a[ri + j] = s / ljj;
      }
    }
  }

  /** Solves L·Lᵀ·x = b in place. */
  static void solveCholesky(double[] l, int n, double[] b) {
    for (int i = 0; i < n; i++) {
      double s = b[i];
      for (int k = 0; k < i; k++) {
        s -= l[i * n + k] * b[k];
      }
      b[i] = s / l[i * n + i];
    }
    for (int i = n - 1; i >= 0; i--) {
      double s = b[i];
      for (int k = i + 1; k < n; k++) {
        s -= l[k * n + i] * b[k];
      }
      b[i] = s / l[i * n + i];
    }
  }
}
