package dev.spikeforge.flow.explore;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one point, cached as {@code points/<hash>.json} under the content hash of everything
 * it depends on ({@link #hash}): a rerun or a resumed sweep reads it back instead of computing it.
 *
 * @param hash       SHA-256 of the point's settings, the model's hash, the data settings and the
 *                   estimator's calibration file
 * @param settings   the point's settings
 * @param status     {@code ok} or {@code failed}
 * @param reason     why it failed (does not map, unknown layer, tool crash, …), or null
 * @param network    the quantized network's name and content hash, or null
 * @param membraneBits the membrane width used (the calibrated one for {@code calibrate}), or 0
 * @param metrics    metric key → figure, in {@link Metric} order
 * @param fits       board → whether the core fits that board's part (the point's board and those of
 *                   {@code fits:} constraints)
 * @param realDir    the build directory of a real run, relative to the sweep's output, or null
 */
public record PointResult(String hash, PointSettings settings, String status, String reason,
    Map<String, String> network, int membraneBits, Map<String, Measure> metrics, Map<String, Boolean> fits,
    String realDir) {

  /** Whether the point was evaluated. */
  public boolean ok() {
    return status.equals("ok");
  }

  /** The value of {@code m}, NaN if absent. */
  public double value(Metric m) {
    Measure x = metrics == null ? null : metrics.get(m.key());
    return x == null ? Double.NaN : x.value();
  }

  /**
   * The point as the estimator alone saw it: every figure a real run replaced goes back to its estimate.
   * Real runs are chosen on this view, so a rerun chooses the same points.
   */
  PointResult estimatedView() {
    if (metrics == null || metrics.values().stream().allMatch(m -> m.estimate() == null)) {
      return this;
    }
    Map<String, Measure> m = new java.util.LinkedHashMap<>();
    metrics.forEach((k, v) -> m.put(k, v.estimate() == null ? v : Measure.of(v.estimate(), "estimate")));
    return new PointResult(hash, settings, status, reason, network, membraneBits, m, fits, null);
  }

  /** The point before any real run: the estimates back in place of the real figures, no build directory. */
  PointResult estimatedOnly() {
    PointResult e = estimatedView();
    Map<String, Measure> m = new java.util.LinkedHashMap<>(e.metrics == null ? Map.of() : e.metrics);
    Measure energy = metrics == null ? null : metrics.get(Metric.ENERGY_UJ.key());
    if (energy != null && energy.estimate() != null) {
      m.put(Metric.ENERGY_UJ.key(), new Measure(energy.estimate(), energy.source(), null));
    }
    return new PointResult(hash, settings, status, reason, network, membraneBits, m, fits, null);
  }

  /** A failed point. */
  static PointResult failed(String hash, PointSettings s, String reason) {
    return new PointResult(hash, s, "failed", reason, null, 0, Map.of(), Map.of(), null);
  }

  /** The same with the hardware metrics measured for real in {@code dir}. */
  PointResult withReal(Map<String, Measure> measured, String dir) {
    return new PointResult(hash, settings, status, reason, network, membraneBits, measured, fits, dir);
  }

  /** Constraints of {@code sweep} this point breaks (empty: feasible); a failed point breaks "evaluated". */
  List<String> violated(List<Constraint> constraints) {
    if (!ok()) {
      return List.of("evaluated");
    }
    java.util.ArrayList<String> out = new java.util.ArrayList<>();
    for (Constraint c : constraints) {
      boolean ok = c.metric() == null ? Boolean.TRUE.equals(fits.get(c.board())) : c.holds(value(c.metric()));
      if (!ok) {
        out.add(c.text());
      }
    }
    return out;
  }
}
