package dev.spikeforge.boards.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spikeforge.golden.files.AtomicFiles;
import dev.spikeforge.golden.json.JsonMappers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The checked-in hardware-cost baselines ({@code boards/cost-baselines.json}, docs/hardware.md,
 * "Hardware-cost baselines"): per preset the last accepted {@link Cost}, and per metric a relative
 * tolerance. A new measurement regresses when a resource grows above {@code baseline · (1 + tolerance)}
 * or Fmax falls below {@code baseline · (1 − tolerance)}; improvements never fail (the update script
 * records them).
 *
 * @param tolerances metric to relative tolerance (0.02 = 2 %)
 * @param presets preset name to its baseline cost
 * @param tools the tool versions the baselines were measured with (informational)
 */
public record CostBaselines(Map<String, Double> tolerances, Map<String, Cost> presets, String tools) {
  /** The baseline file, relative to the boards module (Maven's working directory for its tests). */
  public static final Path FILE = Path.of("cost-baselines.json");
  private static final ObjectMapper JSON = JsonMappers.pretty();

  public CostBaselines {
    tolerances = Map.copyOf(tolerances);
    presets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(presets));
    for (String m : Cost.METRICS) {
      Double t = tolerances.get(m);
      if (t == null || !(t >= 0 && t < 1)) {
        throw new IllegalArgumentException("tolerance of " + m + " must be in [0, 1), got " + t);
      }
    }
  }

  public static CostBaselines read(Path file) throws IOException {
    JsonNode root = JSON.readTree(file.toFile());
    Map<String, Double> tol = new LinkedHashMap<>();
    root.path("tolerances").fields().forEachRemaining(e -> tol.put(e.getKey(), e.getValue().asDouble()));
    Map<String, Cost> presets = new LinkedHashMap<>();
    root.path("presets").fields().forEachRemaining(e -> {
      Map<String, Double> v = new LinkedHashMap<>();
      e.getValue().fields().forEachRemaining(m -> v.put(m.getKey(), m.getValue().asDouble()));
      presets.put(e.getKey(), new Cost(v));
    });
    return new CostBaselines(tol, presets, root.path("tools").asText());
  }

  /** Writes the file (fixed key order, resources as integers, Fmax to 0.01 MHz). */
  public void write(Path file) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("about", "Hardware-cost baselines (docs/hardware.md, \"Hardware-cost baselines\"). "
        + "Do not edit by hand: scripts/update-cost-baselines.sh rewrites this file from fresh yosys/nextpnr runs.");
    root.put("tools", tools);
    ObjectNode tol = root.putObject("tolerances");
    for (String m : Cost.METRICS) {
      tol.put(m, tolerances.get(m));
    }
    ObjectNode ps = root.putObject("presets");
    for (Map.Entry<String, Cost> e : presets.entrySet()) {
      ObjectNode p = ps.putObject(e.getKey());
      for (String m : Cost.METRICS) {
        double v = e.getValue().get(m);
        if (m.equals("fmaxMhz")) {
          p.put(m, Math.round(v * 100) / 100.0);
        } else {
          p.put(m, Math.round(v));
        }
      }
    }
    AtomicFiles.writeString(file, JSON.writeValueAsString(root) + "\n");
  }

  /** These baselines with {@code preset}'s cost replaced (or added). */
  public CostBaselines with(String preset, Cost cost, String toolVersions) {
    Map<String, Cost> p = new LinkedHashMap<>(presets);
    p.put(preset, cost);
    return new CostBaselines(tolerances, p, toolVersions);
  }

  /**
   * The regressions of {@code fresh} against {@code preset}'s baseline, one message each, naming
   * preset, metric, baseline, new value and tolerance; empty when within tolerance.
   *
   * @throws IllegalArgumentException when the preset has no baseline
   */
  public List<String> regressions(String preset, Cost fresh) {
    Cost base = presets.get(preset);
    if (base == null) {
      throw new IllegalArgumentException("no baseline for preset " + preset + " in " + FILE
          + "; record one with scripts/update-cost-baselines.sh");
    }
    List<String> out = new ArrayList<>();
    for (String m : Cost.METRICS) {
      double b = base.get(m);
      double n = fresh.get(m);
      double t = tolerances.get(m);
      boolean worse = Cost.higherIsWorse(m) ? n > b * (1 + t) : n < b * (1 - t);
      if (worse) {
        out.add(String.format(Locale.ROOT,
            "preset %s: %s %s, baseline %s, tolerance %s %.1f %% (limit %s); if intended, run "
                + "scripts/update-cost-baselines.sh",
            preset, m, fmt(m, n), fmt(m, b), Cost.higherIsWorse(m) ? "+" : "-", 100 * t,
            fmt(m, Cost.higherIsWorse(m) ? b * (1 + t) : b * (1 - t))));
      }
    }
    return out;
  }

  private static String fmt(String metric, double v) {
    return metric.equals("fmaxMhz") ? String.format(Locale.ROOT, "%.2f MHz", v)
        : String.format(Locale.ROOT, "%.0f", v);
  }
}
