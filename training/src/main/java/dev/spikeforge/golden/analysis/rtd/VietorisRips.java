package dev.spikeforge.golden.analysis.rtd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The H0 and H1 persistence barcode of the Vietoris–Rips filtration of a finite metric space (or any
 * symmetric matrix of non-negative dissimilarities): every vertex enters at 0, an edge at its
 * length, a triangle at its longest edge, coefficients in Z/2.
 *
 * <p>Edges are ordered by (length, index of the pair); a triangle by (rank of its longest edge,
 * index of the triple), a filtration order that refines the lengths. H0: Kruskal's union–find over
 * the edges in that order (an edge that merges two components ends a bar {@code [0, length)}). H1:
 * persistent cohomology (de Silva, Morozov, Vejdemo-Johansson 2011; the scheme Ripser uses): the
 * coboundary columns of the edges, latest first, each reduced by the stored columns until its pivot
 * (its earliest triangle) is new; a column with pivot t pairs its edge e into the bar {@code
 * [length(e), diameter(t))}. The edges that ended an H0 bar are skipped ("clearing": their columns
 * reduce to zero). With every triangle present every loop dies, so H1 has no infinite bars.
 *
 * <p>Cost: {@code O(n²)} memory for the edges and the stored columns, at most {@code n − 2} entries
 * each before reduction; a few seconds for n = 200 vertices.
 */
public final class VietorisRips {
  private VietorisRips() {}

  /**
   * The barcode of {@code d}.
   *
   * @throws IllegalArgumentException if {@code d} is not square, symmetric, with a zero diagonal and
   *     finite non-negative entries
   */
  public static Barcode barcode(double[][] d) {
    int n = check(d);
    int edges = n * (n - 1) / 2;
    long[] order = new long[edges];
    // edge index e(i, j) for i < j: row-major over the upper triangle
    int[] ei = new int[edges];
    int[] ej = new int[edges];
    double[] len = new double[edges];
    int e = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        ei[e] = i;
        ej[e] = j;
        len[e] = d[i][j];
        e++;
      }
    }
    Integer[] idx = new Integer[edges];
    for (int k = 0; k < edges; k++) {
      idx[k] = k;
    }
    Arrays.sort(idx, (a, b) -> {
      int c = Double.compare(len[a], len[b]);
      return c != 0 ? c : Integer.compare(a, b);
    });
    int[] rank = new int[edges];
    for (int r = 0; r < edges; r++) {
      rank[idx[r]] = r;
      order[r] = idx[r];
    }
    List<Barcode.Bar> h0 = new ArrayList<>();
    boolean[] death0 = new boolean[edges];
    int[] parent = new int[n];
    for (int v = 0; v < n; v++) {
      parent[v] = v;
    }
    for (int r = 0; r < edges; r++) {
      int x = (int) order[r];
      int a = find(parent, ei[x]);
      int b = find(parent, ej[x]);
      if (a != b) {
        parent[Math.max(a, b)] = Math.min(a, b);
        death0[x] = true;
        if (len[x] > 0) {
          h0.add(new Barcode.Bar(0, len[x]));
        }
      }
    }
    Cofaces cof = new Cofaces(n, ei, ej, rank, len);
    List<Barcode.Bar> h1 = new ArrayList<>();
    Map<Long, long[]> reduced = new HashMap<>();
    for (int r = edges - 1; r >= 0; r--) {
      int x = (int) order[r];
      if (death0[x]) {
        continue;
      }
      long[] col = cof.of(x);
      while (col.length > 0) {
        long[] other = reduced.get(col[0]);
        if (other == null) {
          break;
        }
        col = xor(col, other);
      }
      if (col.length == 0) {
        continue; // an essential class: impossible with every triangle present, kept for safety
      }
      reduced.put(col[0], col);
      double death = cof.diameter(col[0]);
      if (death > len[x]) {
        h1.add(new Barcode.Bar(len[x], death));
      }
    }
    return new Barcode(h0, h1);
  }

  private static int check(double[][] d) {
    int n = d.length;
    for (int i = 0; i < n; i++) {
      if (d[i] == null || d[i].length != n) {
        throw new IllegalArgumentException("the distance matrix must be square: row " + i + " of " + n);
      }
      for (int j = 0; j < n; j++) {
        double v = d[i][j];
        if (!(v >= 0) || Double.isInfinite(v) || v != d[j][i] || (i == j && v != 0)) {
          throw new IllegalArgumentException("distance [" + i + "][" + j + "] = " + v + " is not a symmetric, "
              + "finite, non-negative dissimilarity with a zero diagonal");
        }
      }
    }
    return n;
  }

  private static int find(int[] p, int v) {
    while (p[v] != v) {
      p[v] = p[p[v]];
      v = p[v];
    }
    return v;
  }

  /** Symmetric difference of two ascending arrays (Z/2 column addition). */
  static long[] xor(long[] a, long[] b) {
    long[] out = new long[a.length + b.length];
    int i = 0;
    int j = 0;
    int k = 0;
    while (i < a.length && j < b.length) {
      if (a[i] < b[j]) {
        out[k++] = a[i++];
      } else if (a[i] > b[j]) {
        out[k++] = b[j++];
      } else {
        i++;
        j++;
      }
    }
    while (i < a.length) {
      out[k++] = a[i++];
    }
    while (j < b.length) {
      out[k++] = b[j++];
    }
    return Arrays.copyOf(out, k);
  }

  /**
   * The triangles containing an edge, as filtration keys {@code rank(longest edge)·n³ + triple
   * index} (ascending key = filtration order), and a triangle's diameter from its key.
   */
  private static final class Cofaces {
    private final int n;
    private final int[] ei;
    private final int[] ej;
    private final int[] rank;
    private final double[] lenByRank;
    private final long cube;

    Cofaces(int n, int[] ei, int[] ej, int[] rank, double[] len) {
      this.n = n;
      this.ei = ei;
      this.ej = ej;
      this.rank = rank;
      lenByRank = new double[len.length];
      for (int x = 0; x < len.length; x++) {
        lenByRank[rank[x]] = len[x];
      }
      cube = (long) n * n * n;
    }

    private int edge(int a, int b) {
      int i = Math.min(a, b);
      int j = Math.max(a, b);
      return i * n - i * (i + 1) / 2 + (j - i - 1);
    }

    long[] of(int x) {
      int a = ei[x];
      int b = ej[x];
      long[] keys = new long[n - 2];
      int k = 0;
      for (int w = 0; w < n; w++) {
        if (w == a || w == b) {
          continue;
        }
        int r = Math.max(rank[x], Math.max(rank[edge(a, w)], rank[edge(b, w)]));
        int[] t = {a, b, w};
        Arrays.sort(t);
        keys[k++] = r * cube + ((long) t[0] * n + t[1]) * n + t[2];
      }
      Arrays.sort(keys);
      return keys;
    }

    double diameter(long key) {
      return lenByRank[(int) (key / cube)];
    }
  }
}
