package dev.spikeforge.golden.analysis.rtd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** RTD of a representation with itself is 0 (also up to scale), and it grows with a known perturbation. */
@Tag("unit")
class RtdTest {
  static double[][] cloud(int n, int width, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[][] x = new double[n][width];
    for (double[] row : x) {
      for (int k = 0; k < width; k++) {
        row[k] = rnd.nextDouble();
      }
    }
    return x;
  }

  static double[][] perturbed(double[][] x, double sigma, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[][] y = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      y[i] = x[i].clone();
      for (int k = 0; k < y[i].length; k++) {
        y[i][k] += sigma * (rnd.nextDouble() - 0.5);
      }
    }
    return y;
  }

  @Test
  void aRepresentationAgainstItselfIsZero() {
    double[][] a = cloud(40, 6, 1);
    assertEquals(0.0, Rtd.divergence(a, a));
    assertEquals(new Rtd.Divergence(0, 0), Rtd.divergence(a, a, 500, 10, 1));
    double[][] scaled = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      scaled[i] = a[i].clone();
      for (int k = 0; k < scaled[i].length; k++) {
        scaled[i][k] *= 3;
      }
    }
    assertEquals(0.0, Rtd.divergence(a, scaled), 1e-12);
  }

  @Test
  void growsWithTheNoiseAdded() {
    double[][] a = cloud(50, 6, 2);
    double previous = 0;
    for (double sigma : new double[] {0.05, 0.3, 1.0, 3.0}) {
      double r = Rtd.divergence(a, perturbed(a, sigma, 3));
      assertTrue(r > previous, "RTD at noise " + sigma + " is " + r + ", not above " + previous);
      previous = r;
    }
  }

  /** By hand: the unit square (MST edges 1, 1, 1; 0.9 quantile √2) against points 0, 1, 2, 4 on a line (MST 1, 1, 2; quantile 3.5). */
  @Test
  void theH0ComparisonIsTheDistanceOfSortedSpanningTrees() {
    double[][] square = VietorisRipsTest.distances(new double[][] {{0, 0}, {1, 0}, {1, 1}, {0, 1}});
    double[][] line = VietorisRipsTest.distances(new double[][] {{0}, {1}, {2}, {4}});
    double qs = Rtd.quantile(square, 0.9);
    double ql = Rtd.quantile(line, 0.9);
    assertEquals(Math.sqrt(2), qs, 1e-12); // 16 entries: 4 zeros, 8 ones, 4 diagonals √2; 0.9·15 = 13.5 → √2
    assertEquals(3.5, ql, 1e-12); // sorted: 0×4, 1,1,1,1, 2,2, 3,3, 4,4 ... position 13.5 between 3 and 4
    double expected = Math.abs(1 / qs - 1 / ql) * 2 + Math.abs(1 / qs - 2 / ql);
    assertEquals(expected, Rtd.h0Distance(square, line), 1e-12);
    assertEquals(0.0, Rtd.h0Distance(square, square));
  }

  @Test
  void comparesTheSameInputsOnly() {
    assertThrows(IllegalArgumentException.class, () -> Rtd.divergence(cloud(10, 2, 1), cloud(11, 2, 1)));
  }

  @Test
  void subsetsAreDrawnFromTheSeed() {
    double[][] a = cloud(60, 4, 5);
    double[][] b = perturbed(a, 0.5, 6);
    Rtd.Divergence d = Rtd.divergence(a, b, 30, 3, 7);
    assertEquals(d, Rtd.divergence(a, b, 30, 3, 7));
    assertTrue(d.h1() > 0 && d.h0() > 0, d.toString());
  }
}
