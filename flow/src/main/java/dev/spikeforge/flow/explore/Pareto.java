package dev.spikeforge.flow.explore;

import java.util.List;
import java.util.Map;

/**
 * The Pareto front of a sweep's feasible points over its objectives: a point is on the front when no
 * other feasible point is at least as good on every objective and better on one. Points with an
 * objective missing (NaN) are never on it.
 */
final class Pareto {
  private Pareto() {}

  /** Whether {@code a} dominates {@code b} (vectors already oriented: larger is better). */
  static boolean dominates(double[] a, double[] b) {
    boolean better = false;
    for (int i = 0; i < a.length; i++) {
      if (a[i] < b[i]) {
        return false;
      }
      if (a[i] > b[i]) {
        better = true;
      }
    }
    return better;
  }

  /** {@code p}'s objectives, each oriented so that larger is better; null if one is missing. */
  static double[] oriented(PointResult p, Map<Metric, Boolean> objectives) {
    double[] v = new double[objectives.size()];
    int i = 0;
    for (Map.Entry<Metric, Boolean> o : objectives.entrySet()) {
      double x = p.value(o.getKey());
      if (Double.isNaN(x)) {
        return null;
      }
      v[i++] = o.getValue() ? x : -x;
    }
    return v;
  }

  /** The front among the points where {@code feasible} is true. */
  static boolean[] front(List<PointResult> points, boolean[] feasible, Map<Metric, Boolean> objectives) {
    int n = points.size();
    double[][] v = new double[n][];
    for (int i = 0; i < n; i++) {
      v[i] = feasible[i] ? oriented(points.get(i), objectives) : null;
    }
    boolean[] front = new boolean[n];
    for (int i = 0; i < n; i++) {
      if (v[i] == null) {
        continue;
      }
      boolean dominated = false;
      for (int j = 0; j < n && !dominated; j++) {
        dominated = j != i && v[j] != null && dominates(v[j], v[i]);
      }
      front[i] = !dominated;
    }
    return front;
  }

  /**
   * Points within {@code fraction} of the front: made better by that fraction on every objective
   * (×(1+f) what is maximized, ÷(1+f) what is minimized), no front point dominates them.
   */
  static boolean[] near(List<PointResult> points, boolean[] feasible, boolean[] front, Map<Metric, Boolean> objectives,
      double fraction) {
    int n = points.size();
    boolean[] near = new boolean[n];
    for (int i = 0; i < n; i++) {
      if (!feasible[i] || front[i]) {
        continue;
      }
      double[] v = oriented(points.get(i), objectives);
      if (v == null) {
        continue;
      }
      for (int k = 0; k < v.length; k++) {
        v[k] = v[k] >= 0 ? v[k] * (1 + fraction) : v[k] / (1 + fraction);
      }
      boolean dominated = false;
      for (int j = 0; j < n && !dominated; j++) {
        if (front[j]) {
          dominated = dominates(oriented(points.get(j), objectives), v);
        }
      }
      near[i] = !dominated;
    }
    return near;
  }
}
