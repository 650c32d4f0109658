package dev.spikeforge.golden.analysis.rtd;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Representation topology divergence between two representations of the same n inputs (rows of
 * {@code a} and {@code b}: the same input in the same row; the widths may differ), after Barannikov
 * et al. (arXiv 2201.00058) and their reference code:
 *
 * <ol>
 *   <li>Euclidean distances within each representation, each matrix divided by its 0.9 quantile (over
 *       all n² entries, linear interpolation), so that RTD does not see scale;
 *   <li>the R-Cross-Barcode(A, B) is the Vietoris–Rips barcode of the 2n-vertex graph whose distance
 *       matrix is {@code [[0, Aᵀ], [A, min(A, B)]]}: the first copy of the inputs collapsed to one
 *       point, the second joined to it by A and within itself by the smaller of the two distances;
 *   <li>{@code RTD(A, B)} is the sum of its H1 bar lengths; the symmetric divergence is {@code
 *       (RTD(A, B) + RTD(B, A)) / 2}, averaged over {@code trials} random subsets of {@code batch}
 *       inputs (the reference code's defaults: 10 trials of 500).
 * </ol>
 *
 * {@link #divergence(double[][], double[][], int, int, long)} also gives an H0 comparison (the
 * cross barcode has no H0 bars: {@link Divergence#h0()}), reported beside it. Identical representations (up to scale) give 0: the cross barcode of {@code A = B} is
 * empty.
 */
public final class Rtd {
  private Rtd() {}

  /**
   * The divergences of two representations, averaged over the trials.
   *
   * @param h0 the H0 comparison: the R-Cross-Barcode has no H0 bars (every vertex of the second copy
   *     is joined to the collapsed first copy at 0), so this is the 1-Wasserstein distance between the
   *     two representations' own H0 barcodes (normalized distances; n − 1 bars born at 0 each, the
   *     minimum-spanning-tree edge lengths, matched in sorted order): {@code Σ_k |a_(k) − b_(k)|}
   * @param h1 RTD: {@code (Σ H1 bar lengths of R-Cross-Barcode(A, B) + of (B, A)) / 2}
   */
  public record Divergence(double h0, double h1) {}

  /**
   * The symmetric divergences of two representations.
   *
   * @param batch inputs per trial (all when at least n)
   * @param trials random subsets averaged (1 with {@code batch >= n}: the whole set once)
   * @param seed seed of the subsets
   */
  public static Divergence divergence(double[][] a, double[][] b, int batch, int trials, long seed) {
    int n = checkPair(a, b);
    if (batch < 3 || trials < 1) {
      throw new IllegalArgumentException("RTD needs batch >= 3 and trials >= 1, got " + batch + ", " + trials);
    }
    int m = Math.min(batch, n);
    int runs = m == n ? 1 : trials;
    SplittableRandom rnd = new SplittableRandom(seed);
    double h0 = 0;
    double h1 = 0;
    for (int t = 0; t < runs; t++) {
      int[] rows = m == n ? identity(n) : subset(n, m, rnd);
      double[][] da = distances(a, rows);
      double[][] db = distances(b, rows);
      h0 += h0Distance(da, db);
      h1 += (crossBarcode(da, db).totalLength(1) + crossBarcode(db, da).totalLength(1)) / 2;
    }
    return new Divergence(h0 / runs, h1 / runs);
  }

  /** The symmetric RTD (H1) of two representations on all their rows. */
  public static double divergence(double[][] a, double[][] b) {
    return divergence(a, b, Integer.MAX_VALUE, 1, 0).h1();
  }

  /**
   * The R-Cross-Barcode(A, B) of two distance matrices of the same inputs, each normalized by its 0.9
   * quantile here.
   */
  public static Barcode crossBarcode(double[][] distA, double[][] distB) {
    int n = distA.length;
    if (distB.length != n) {
      throw new IllegalArgumentException("the two distance matrices describe " + n + " and " + distB.length
          + " inputs; RTD compares representations of the same inputs");
    }
    double qa = quantile(distA, 0.9);
    double qb = quantile(distB, 0.9);
    double[][] m = new double[2 * n][2 * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double x = normalized(distA[i][j], qa);
        double y = normalized(distB[i][j], qb);
        m[n + i][j] = x;
        m[j][n + i] = x;
        m[n + i][n + j] = Math.min(x, y);
      }
    }
    return VietorisRips.barcode(m);
  }

  /** {@code Σ_k |a_(k) − b_(k)|} over the sorted minimum-spanning-tree edge lengths of the normalized matrices. */
  static double h0Distance(double[][] distA, double[][] distB) {
    double[] a = spanningTreeLengths(distA, quantile(distA, 0.9));
    double[] b = spanningTreeLengths(distB, quantile(distB, 0.9));
    double s = 0;
    for (int k = 0; k < a.length; k++) {
      s += Math.abs(a[k] - b[k]);
    }
    return s;
  }

  /** The n − 1 edge lengths of a minimum spanning tree (Prim), divided by q, ascending: the H0 deaths. */
  static double[] spanningTreeLengths(double[][] d, double q) {
    int n = d.length;
    double[] best = new double[n];
    boolean[] in = new boolean[n];
    Arrays.fill(best, Double.POSITIVE_INFINITY);
    best[0] = 0;
    double[] out = new double[n - 1];
    for (int step = 0; step < n; step++) {
      int v = -1;
      for (int u = 0; u < n; u++) {
        if (!in[u] && (v < 0 || best[u] < best[v])) {
          v = u;
        }
      }
      in[v] = true;
      if (step > 0) {
        out[step - 1] = normalized(best[v], q);
      }
      for (int u = 0; u < n; u++) {
        if (!in[u] && d[v][u] < best[u]) {
          best[u] = d[v][u];
        }
      }
    }
    Arrays.sort(out);
    return out;
  }

  private static double normalized(double d, double q) {
    return q > 0 ? d / q : d;
  }

  /** The q-quantile of all n² entries, numpy's default linear interpolation. */
  static double quantile(double[][] d, double q) {
    int n = d.length;
    double[] all = new double[n * n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(d[i], 0, all, i * n, n);
    }
    Arrays.sort(all);
    double pos = q * (all.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, all.length - 1);
    return all[lo] + (pos - lo) * (all[hi] - all[lo]);
  }

  /** Euclidean distances between the given rows of {@code x}. */
  static double[][] distances(double[][] x, int[] rows) {
    int m = rows.length;
    double[][] d = new double[m][m];
    for (int i = 0; i < m; i++) {
      for (int j = i + 1; j < m; j++) {
        double s = 0;
        double[] p = x[rows[i]];
        double[] q = x[rows[j]];
        for (int k = 0; k < p.length; k++) {
          double t = p[k] - q[k];
          s += t * t;
        }
        d[i][j] = Math.sqrt(s);
        d[j][i] = d[i][j];
      }
    }
    return d;
  }

  private static int checkPair(double[][] a, double[][] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("the representations hold " + a.length + " and " + b.length
          + " inputs; RTD compares representations of the same inputs, row for row");
    }
    if (a.length < 3) {
      throw new IllegalArgumentException("RTD needs at least 3 inputs, got " + a.length);
    }
    for (double[][] r : new double[][][] {a, b}) {
      for (double[] row : r) {
        if (row.length != r[0].length) {
          throw new IllegalArgumentException("every row of a representation has the same width");
        }
        for (double v : row) {
          if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("a representation holds " + v);
          }
        }
      }
    }
    return a.length;
  }

  private static int[] identity(int n) {
    int[] r = new int[n];
    for (int i = 0; i < n; i++) {
      r[i] = i;
    }
    return r;
  }

  /** m distinct rows of n, ascending (partial Fisher–Yates). */
  private static int[] subset(int n, int m, SplittableRandom rnd) {
    int[] p = identity(n);
    for (int i = 0; i < m; i++) {
      int j = i + rnd.nextInt(n - i);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    int[] r = Arrays.copyOf(p, m);
    Arrays.sort(r);
    return r;
  }
}
