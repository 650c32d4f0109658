package dev.spikeforge.boards.cost;

import dev.spikeforge.boards.flow.FlowResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hardware cost of one placed-and-routed design, as tracked by the cost baselines: the
 * resources from yosys and nextpnr ({@code Utilization} names) and Fmax.
 *
 * @param values metric name to value, in {@link #METRICS} order
 */
public record Cost(Map<String, Double> values) {
  /** The tracked metrics: resource names of {@code Utilization}, then {@code fmaxMhz}. */
  public static final java.util.List<String> METRICS =
      java.util.List.of("logicCells", "lut4", "flipFlops", "blockRams", "sprams", "fmaxMhz");

  public Cost {
    values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    if (!values.keySet().equals(new java.util.HashSet<>(METRICS))) {
      throw new IllegalArgumentException("a cost has the metrics " + METRICS + ", got " + values.keySet());
    }
  }

  /** The cost a flow run measured. */
  public static Cost of(FlowResult r) {
    Map<String, Double> v = new LinkedHashMap<>();
    for (String m : METRICS) {
      v.put(m, m.equals("fmaxMhz") ? r.timing().worstFmaxMhz() : (double) r.utilization().get(m).used());
    }
    return new Cost(v);
  }

  public double get(String metric) {
    Double v = values.get(metric);
    if (v == null) {
      throw new IllegalArgumentException("unknown metric " + metric + "; metrics: " + METRICS);
    }
    return v;
  }

  /** Whether a larger value is worse (resources), or a smaller one (Fmax). */
  public static boolean higherIsWorse(String metric) {
    return !metric.equals("fmaxMhz");
  }
}
