package dev.spikeforge.flow.explore;

import java.nio.file.Path;
import java.util.List;

/**
 * What a sweep produced.
 *
 * @param sweep    the sweep
 * @param points   every point's result, in sweep order
 * @param feasible per point: evaluated and meeting every constraint
 * @param front    per point: on the Pareto front
 * @param computed points computed by this run (the rest read back from {@code points/})
 * @param real     points synthesized for real (by this run or an earlier one)
 * @param files    the files written: pareto.json, pareto.csv, the plots
 * @param seconds  wall time of this run
 */
public record ExploreReport(Sweep sweep, List<PointResult> points, boolean[] feasible, boolean[] front, int computed,
    int real, List<Path> files, double seconds) {

  /** Points that failed. */
  public long failed() {
    return points.stream().filter(p -> !p.ok()).count();
  }

  /** Indices of the front, in sweep order. */
  public List<Integer> frontIndices() {
    java.util.ArrayList<Integer> out = new java.util.ArrayList<>();
    for (int i = 0; i < front.length; i++) {
      if (front[i]) {
        out.add(i);
      }
    }
    return out;
  }
}
