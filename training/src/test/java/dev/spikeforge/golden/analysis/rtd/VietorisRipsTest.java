package dev.spikeforge.golden.analysis.rtd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Vietoris–Rips barcodes checked against hand-computed ones (square, regular hexagon, equilateral
 * triangle) and against an independent textbook homology reduction on random small clouds.
 */
@Tag("unit")
class VietorisRipsTest {
  static double[][] distances(double[][] p) {
    int[] rows = new int[p.length];
    for (int i = 0; i < p.length; i++) {
      rows[i] = i;
    }
    return Rtd.distances(p, rows);
  }

  static double[][] polygon(int k) {
    double[][] p = new double[k][];
    double r = 1 / (2 * Math.sin(Math.PI / k)); // side 1
    for (int i = 0; i < k; i++) {
      p[i] = new double[] {r * Math.cos(2 * Math.PI * i / k), r * Math.sin(2 * Math.PI * i / k)};
    }
    return p;
  }

  @Test
  void unitSquareHasOneLoopFromSideToDiagonal() {
    Barcode b = VietorisRips.barcode(distances(new double[][] {{0, 0}, {1, 0}, {1, 1}, {0, 1}}));
    assertEquals(3, b.h0().size());
    b.h0().forEach(bar -> assertEquals(1.0, bar.death(), 1e-12));
    assertEquals(1, b.h1().size());
    assertEquals(1.0, b.h1().get(0).birth(), 1e-12);
    assertEquals(Math.sqrt(2), b.h1().get(0).death(), 1e-12);
  }

  /** The hexagon's loop is born at the side 1 and filled at the short diagonal √3 (the octahedron appears). */
  @Test
  void regularHexagonLoopDiesAtTheShortDiagonal() {
    Barcode b = VietorisRips.barcode(distances(polygon(6)));
    assertEquals(5, b.h0().size());
    assertEquals(1, b.h1().size());
    assertEquals(1.0, b.h1().get(0).birth(), 1e-9);
    assertEquals(Math.sqrt(3), b.h1().get(0).death(), 1e-9);
  }

  @Test
  void aTriangleHasNoLoop() {
    Barcode b = VietorisRips.barcode(distances(polygon(3)));
    assertEquals(2, b.h0().size());
    assertTrue(b.h1().isEmpty());
    assertEquals(2.0, b.totalLength(0), 1e-9);
  }

  @Test
  void agreesWithTheTextbookReductionOnRandomClouds() {
    SplittableRandom rnd = new SplittableRandom(11);
    int loops = 0;
    for (int trial = 0; trial < 30; trial++) {
      int n = 5 + rnd.nextInt(5);
      double[][] p = new double[n][2];
      for (double[] q : p) {
        q[0] = rnd.nextDouble();
        q[1] = rnd.nextDouble();
      }
      double[][] d = distances(p);
      List<double[]> expected = textbookH1(d);
      List<double[]> got = new ArrayList<>();
      VietorisRips.barcode(d).h1().forEach(bar -> got.add(new double[] {bar.birth(), bar.death()}));
      assertEquals(sorted(expected), sorted(got), "cloud " + trial);
      loops += got.size();
    }
    assertTrue(loops > 5, "the random clouds must have loops for the comparison to mean something: " + loops);
  }

  @Test
  void refusesAMatrixThatIsNotADissimilarity() {
    assertThrows(IllegalArgumentException.class, () -> VietorisRips.barcode(new double[][] {{0, 1}, {2, 0}}));
    assertThrows(IllegalArgumentException.class, () -> VietorisRips.barcode(new double[][] {{0, -1}, {-1, 0}}));
  }

  private static List<String> sorted(List<double[]> bars) {
    return bars.stream().map(b -> String.format("%.9f-%.9f", b[0], b[1])).sorted().toList();
  }

  /**
   * Homology by the standard column reduction of the boundary matrix of all triangles (columns) over
   * all edges (rows), both in the same filtration order as VietorisRips (edges by length then index;
   * triangles by longest-edge rank then triple).
   */
  private static List<double[]> textbookH1(double[][] d) {
    int n = d.length;
    List<int[]> edges = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        edges.add(new int[] {i, j});
      }
    }
    List<int[]> byLength = new ArrayList<>(edges);
    byLength.sort((a, b) -> {
      int c = Double.compare(d[a[0]][a[1]], d[b[0]][b[1]]);
      return c != 0 ? c : Integer.compare(edges.indexOf(a), edges.indexOf(b));
    });
    Map<String, Integer> rank = new HashMap<>();
    for (int r = 0; r < byLength.size(); r++) {
      rank.put(byLength.get(r)[0] + "," + byLength.get(r)[1], r);
    }
    List<int[]> tri = new ArrayList<>();
    for (int a = 0; a < n; a++) {
      for (int b = a + 1; b < n; b++) {
        for (int c = b + 1; c < n; c++) {
          int r = Math.max(rank.get(a + "," + b), Math.max(rank.get(a + "," + c), rank.get(b + "," + c)));
          tri.add(new int[] {r, a, b, c});
        }
      }
    }
    tri.sort((x, y) -> Arrays.compare(x, y));
    Map<Integer, boolean[]> low = new HashMap<>();
    List<double[]> bars = new ArrayList<>();
    for (int[] t : tri) {
      boolean[] col = new boolean[edges.size()];
      col[rank.get(t[1] + "," + t[2])] = true;
      col[rank.get(t[1] + "," + t[3])] = true;
      col[rank.get(t[2] + "," + t[3])] = true;
      int l = lowest(col);
      while (l >= 0 && low.containsKey(l)) {
        boolean[] o = low.get(l);
        for (int k = 0; k < col.length; k++) {
          col[k] ^= o[k];
        }
        l = lowest(col);
      }
      if (l >= 0) {
        low.put(l, col);
        int[] e = byLength.get(l);
        double birth = d[e[0]][e[1]];
        int[] m = byLength.get(t[0]);
        double death = d[m[0]][m[1]];
        if (death > birth) {
          bars.add(new double[] {birth, death});
        }
      }
    }
    return bars;
  }

  private static int lowest(boolean[] col) {
    for (int k = col.length - 1; k >= 0; k--) {
      if (col[k]) {
        return k;
      }
    }
    return -1;
  }
}
