package dev.spikeforge.flow.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Properties of the Pareto front on random point sets (with ties and infeasible points). */
@Tag("unit")
class ParetoTest {
  private static final Map<Metric, Boolean> OBJ = new LinkedHashMap<>();

  static {
    OBJ.put(Metric.ACCURACY, true);
    OBJ.put(Metric.LOGIC_CELLS, false);
    OBJ.put(Metric.LATENCY_US, false);
  }

  private static PointResult point(double acc, double lc, double lat) {
    Map<String, Measure> m = new LinkedHashMap<>();
    m.put("accuracy", Measure.of(acc, "golden-model"));
    m.put("logicCells", Measure.of(lc, "estimate"));
    m.put("latencyUs", Measure.of(lat, "derived"));
    PointSettings s = new PointSettings(4, null, 1, "auto", List.of(), 0, "rate", 20, "icebreaker", "none");
    return new PointResult("h", s, "ok", null, Map.of(), 8, m, Map.of("icebreaker", true), null);
  }

  private static List<PointResult> random(Random r, int n) {
    List<PointResult> p = new ArrayList<>();
    for (int i = 0; i < n; i++) { // few distinct values: many ties
      p.add(point(r.nextInt(6) / 10.0, 1000 + 100 * r.nextInt(6), 10 * (1 + r.nextInt(6))));
    }
    return p;
  }

  @Test
  void theFrontIsExactlyTheUndominatedFeasiblePoints() {
    Random r = new Random(7);
    for (int trial = 0; trial < 200; trial++) {
      List<PointResult> p = random(r, 1 + r.nextInt(40));
      boolean[] feasible = new boolean[p.size()];
      for (int i = 0; i < feasible.length; i++) {
        feasible[i] = r.nextInt(5) > 0;
      }
      boolean[] front = Pareto.front(p, feasible, OBJ);
      boolean any = false;
      for (int i = 0; i < p.size(); i++) {
        double[] vi = Pareto.oriented(p.get(i), OBJ);
        boolean dominated = false;
        for (int j = 0; j < p.size(); j++) {
          dominated |= feasible[j] && Pareto.dominates(Pareto.oriented(p.get(j), OBJ), vi);
        }
        if (!feasible[i]) {
          assertFalse(front[i], "an infeasible point is never on the front");
          continue;
        }
        any = true;
        assertTrue(front[i] == !dominated, "point " + i + " of trial " + trial);
        if (dominated) { // some front point dominates it (domination is transitive and the set finite)
          boolean byFront = false;
          for (int j = 0; j < p.size(); j++) {
            byFront |= front[j] && Pareto.dominates(Pareto.oriented(p.get(j), OBJ), vi);
          }
          assertTrue(byFront, "a dominated point is dominated by a front point");
        }
      }
      if (any) {
        boolean nonEmpty = false;
        for (boolean f : front) {
          nonEmpty |= f;
        }
        assertTrue(nonEmpty, "feasible points give a non-empty front");
      }
    }
  }

  @Test
  void theFrontDoesNotDependOnTheOrderOrOnDominatedPointsAdded() {
    Random r = new Random(11);
    for (int trial = 0; trial < 100; trial++) {
      List<PointResult> p = random(r, 2 + r.nextInt(30));
      boolean[] all = new boolean[p.size()];
      java.util.Arrays.fill(all, true);
      boolean[] front = Pareto.front(p, all, OBJ);
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < p.size(); i++) {
        order.add(i);
      }
      Collections.shuffle(order, r);
      List<PointResult> q = new ArrayList<>();
      for (int i : order) {
        q.add(p.get(i));
      }
      boolean[] f2 = Pareto.front(q, all, OBJ);
      for (int k = 0; k < order.size(); k++) {
        assertTrue(f2[k] == front[order.get(k)]);
      }
      List<PointResult> more = new ArrayList<>(p);
      more.add(point(-1, 1e9, 1e9)); // dominated by everything
      boolean[] all2 = new boolean[more.size()];
      java.util.Arrays.fill(all2, true);
      boolean[] f3 = Pareto.front(more, all2, OBJ);
      assertArrayEquals(front, java.util.Arrays.copyOf(f3, p.size()));
      assertFalse(f3[p.size()]);
    }
  }

  @Test
  void nearTheFrontGrowsWithTheFraction() {
    List<PointResult> p = List.of(point(0.80, 1000, 100), point(0.79, 1010, 101), point(0.5, 3000, 300));
    boolean[] all = {true, true, true};
    boolean[] front = Pareto.front(p, all, OBJ);
    assertArrayEquals(new boolean[] {true, false, false}, front);
    assertArrayEquals(new boolean[] {false, false, false}, Pareto.near(p, all, front, OBJ, 0));
    assertArrayEquals(new boolean[] {false, true, false}, Pareto.near(p, all, front, OBJ, 0.02));
    assertArrayEquals(new boolean[] {false, true, true}, Pareto.near(p, all, front, OBJ, 2.0));
  }
}
