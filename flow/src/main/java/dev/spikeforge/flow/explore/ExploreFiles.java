package dev.spikeforge.flow.explore;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spikeforge.golden.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sweep's outputs: {@code pareto.json} (every point, dominated or not, with its hash, settings, each
 * metric with its source, feasibility and front membership; the estimator's measured error; the methods),
 * {@code pareto.csv} (the same, one row per point), the plots {@code accuracy-vs-<metric>.svg} and {@code .png}
 * and the HTML report ({@link ExploreHtml}). Same sweep, same seed: same bytes (wall time goes to
 * {@code timing.json} only).
 */
final class ExploreFiles {
  static final String JSON = "pareto.json";
  static final String CSV = "pareto.csv";
  static final String TIMING = "timing.json";
  /** The x axes of the plots (accuracy is the y axis of each). */
  static final Metric[] PLOTS = {Metric.LOGIC_CELLS, Metric.LATENCY_US, Metric.ENERGY_UJ};

  private ExploreFiles() {}

  static List<Path> write(Path out, Sweep sweep, List<PointResult> points, boolean[] feasible, boolean[] front,
      String modelHash, CostEstimator estimator, int testImages, int cycleImages) {
    List<Path> files = new ArrayList<>();
    try {
      Path json = out.resolve(JSON);
      AtomicFiles.writeString(json, Explore.Json.write(document(sweep, points, feasible, front, modelHash, estimator,
          testImages, cycleImages)));
      files.add(json);
      Path csv = out.resolve(CSV);
      AtomicFiles.writeString(csv, csv(sweep, points, feasible, front));
      files.add(csv);
      for (Metric x : PLOTS) {
        Path svg = out.resolve(plotName(x, "svg"));
        AtomicFiles.writeString(svg, ParetoPlots.accuracyAgainst("p-" + x.key(), x, points, feasible, front));
        files.add(svg);
        Path png = out.resolve(plotName(x, "png"));
        AtomicFiles.writeBytes(png, ParetoPlots.png(x, points, feasible, front));
        files.add(png);
      }
      Path html = out.resolve(ExploreHtml.FILE);
      AtomicFiles.writeString(html, ExploreHtml.render(sweep, points, feasible, front, modelHash, estimator, testImages,
          cycleImages));
      files.add(html);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /**
   * Removes the outputs of an earlier run ({@code pareto.json}, {@code pareto.csv}, the plots, the report,
   * {@code timing.json}), so a run that stops before writing its own leaves none describing another run.
   * The point cache, the model and the real builds stay: they are what a rerun resumes from.
   */
  static void discardStale(Path out) {
    List<String> names = new ArrayList<>(List.of(JSON, CSV, TIMING, ExploreHtml.FILE));
    for (Metric x : PLOTS) {
      names.add(plotName(x, "svg"));
      names.add(plotName(x, "png"));
    }
    try {
      for (String n : names) {
        Files.deleteIfExists(out.resolve(n));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file name of the plot of accuracy against {@code x}, e.g. {@code accuracy-vs-logicCells.svg}. */
  static String plotName(Metric x, String extension) {
    return "accuracy-vs-" + x.key() + "." + extension;
  }

  static void writeTiming(Path out, double seconds, int computed, int points) {
    ObjectNode o = Explore.object();
    o.put("about", "wall time of the last run: the one output that differs between runs");
    o.put("seconds", PointEvaluator.round(seconds, 2));
    o.put("pointsComputed", computed);
    o.put("points", points);
    try {
      AtomicFiles.writeString(out.resolve(TIMING), Explore.Json.write(o));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode document(Sweep sweep, List<PointResult> points, boolean[] feasible, boolean[] front,
      String modelHash, CostEstimator estimator, int testImages, int cycleImages) {
    ObjectNode o = Explore.object();
    o.put("format", "spikeforge.explore");
    o.put("version", Explore.FORMAT_VERSION);
    o.put("sweep", sweep.name());
    o.put("seed", sweep.seed());
    o.put("points", points.size());
    o.put("evaluated", points.stream().filter(PointResult::ok).count());
    o.put("failed", points.stream().filter(p -> !p.ok()).count());
    int nf = 0;
    ArrayNode frontIdx = Explore.Json.MAPPER.createArrayNode();
    ArrayNode realIdx = Explore.Json.MAPPER.createArrayNode();
    for (int i = 0; i < points.size(); i++) {
      nf += feasible[i] ? 1 : 0;
      if (front[i]) {
        frontIdx.add(i);
      }
      if (points.get(i).realDir() != null) {
        realIdx.add(i);
      }
    }
    o.put("feasible", nf);
    o.set("front", frontIdx);
    o.set("synthesizedForReal", realIdx);
    ObjectNode obj = o.putObject("objectives");
    sweep.objectives().forEach((m, max) -> obj.put(m.key(), max ? "max" : "min"));
    ArrayNode cons = o.putArray("constraints");
    sweep.constraints().forEach(c -> cons.add(c.text()));
    ObjectNode synth = o.putObject("synthesis");
    synth.put("real", sweep.synthesis().real());
    synth.put("seeds", sweep.synthesis().seeds());
    synth.put("fmax", "a point built for real: nextpnr-ice40 run with placement seeds 1.." + sweep.synthesis().seeds()
        + "; fmaxMhz.value is the median over them, fmaxMhz.best the best, fmaxMhz.seeds each seed's (seed 1 first);"
        + " the resource counts are seed 1's");
    ObjectNode model = o.putObject("model");
    model.put("file", sweep.model().file() == null ? null : sweep.model().file().getFileName().toString());
    Sweep.ModelSource src = sweep.model();
    model.put("source", src.file() != null ? "file" : src.fitLinear() ? "fitLinear" : "train");
    if (src.fitLinear()) {
      model.put("fitLinear", "784-10 ridge readout, " + src.trainSamples() + " images, T " + src.timesteps() + ", ridge "
          + src.ridge());
    } else if (src.file() == null) {
      model.put("train", src.arch() + ", " + src.epochs() + " epoch(s), " + src.trainSamples() + " images, seed "
          + src.seed() + ", T " + src.timesteps());
    }
    model.put("sha256", modelHash);
    ObjectNode data = o.putObject("data");
    data.put("dataset", sweep.data().dataset());
    data.put("testImages", testImages);
    data.put("calibrationImages", sweep.data().calibrationImages());
    data.put("cycleModelImages", cycleImages);
    ObjectNode est = o.putObject("estimator");
    est.put("method", "logic cells, LUT4, flip-flops: least squares on hardware-spec features; Fmax: least squares"
        + " on the clock period; block RAMs: Yosys' memory_libmap re-enacted on the core's memories; SPRAMs: exact."
        + " Fitted to " + estimator.runs().size()
        + " recorded real runs (" + estimator.tools() + ")");
    est.put("error", "leave-one-out over the recorded runs: each predicted by a fit that never saw it");
    errors(est.putObject("errors"), estimator.errors());
    if (!estimator.heldOutErrors().isEmpty()) {
      est.put("heldOut", "the fit's error on " + CostEstimator.HELD_OUT + ": real runs of random configurations"
          + " (" + CostEstimator.HELD_OUT_CONFIGS + ") that the fit never saw");
      errors(est.putObject("heldOutErrors"), estimator.heldOutErrors());
    }
    Map<String, CostEstimator.Error> sweepErrors = CostEstimator.errorsOnRealPoints(points);
    if (!sweepErrors.isEmpty()) {
      est.put("realPoints", "the estimate against this sweep's real runs (Fmax: the median over the seeds)");
      errors(est.putObject("realPointErrors"), sweepErrors);
    }
    ObjectNode methods = o.putObject("methods");
    for (Metric m : Metric.values()) {
      methods.put(m.key(), m.method());
    }
    ArrayNode arr = o.putArray("results");
    for (int i = 0; i < points.size(); i++) {
      PointResult p = points.get(i);
      ObjectNode r = arr.addObject();
      r.put("index", i);
      r.put("hash", p.hash());
      r.put("label", p.settings().label());
      ObjectNode st = r.putObject("settings");
      for (Parameter k : Parameter.values()) {
        st.set(k.key(), Explore.tree(p.settings().get(k)));
      }
      r.put("status", p.status());
      if (p.reason() != null) {
        r.put("reason", p.reason());
      }
      r.put("feasible", feasible[i]);
      ArrayNode v = r.putArray("violated");
      p.violated(sweep.constraints()).forEach(v::add);
      r.put("front", front[i]);
      if (p.ok()) {
        r.put("membraneBits", p.membraneBits());
        ObjectNode ms = r.putObject("metrics");
        for (Map.Entry<String, Measure> e : p.metrics().entrySet()) {
          ObjectNode x = ms.putObject(e.getKey());
          if (Double.isNaN(e.getValue().value())) {
            x.putNull("value"); // not known for this point (source says why)
          } else {
            x.put("value", e.getValue().value());
          }
          x.put("source", e.getValue().source());
          if (e.getValue().estimate() != null) {
            x.put("estimate", e.getValue().estimate());
          }
          if (e.getValue().seeds() != null) {
            x.put("statistic", "median over placement seeds");
            x.put("best", e.getValue().best());
            ArrayNode seeds = x.putArray("seeds");
            e.getValue().seeds().forEach(seeds::add);
          }
        }
        ObjectNode fits = r.putObject("fits");
        p.fits().forEach(fits::put);
        r.put("network", p.network().get("hash"));
      }
      if (p.realDir() != null) {
        r.put("realBuild", p.realDir());
      }
    }
    return o;
  }

  static String csv(Sweep sweep, List<PointResult> points, boolean[] feasible, boolean[] front) {
    StringBuilder sb = new StringBuilder("index,hash");
    for (Parameter k : Parameter.values()) {
      sb.append(',').append(k.key());
    }
    sb.append(",status,feasible,front,membraneBitsUsed");
    for (Metric m : Metric.values()) {
      sb.append(',').append(m.key()).append(',').append(m.key()).append("Source");
    }
    sb.append(",fmaxMhzBest,fmaxMhzSeeds,reason\n");
    for (int i = 0; i < points.size(); i++) {
      PointResult p = points.get(i);
      sb.append(i).append(',').append(p.hash(), 0, 16);
      for (Parameter k : Parameter.values()) {
        Object v = p.settings().get(k);
        sb.append(',').append(v instanceof List<?> l ? String.join("+", l.stream().map(Object::toString).toList())
            : v.toString());
      }
      sb.append(',').append(p.status()).append(',').append(feasible[i]).append(',').append(front[i]).append(',')
          .append(p.ok() ? Integer.toString(p.membraneBits()) : "");
      for (Metric m : Metric.values()) {
        Measure x = p.ok() ? p.metrics().get(m.key()) : null;
        sb.append(',').append(x == null || Double.isNaN(x.value()) ? "" : number(x.value())).append(',')
            .append(x == null ? "" : x.source());
      }
      Measure fmax = p.ok() ? p.metrics().get(Metric.FMAX_MHZ.key()) : null;
      boolean seeded = fmax != null && fmax.seeds() != null;
      sb.append(',').append(seeded ? number(fmax.best()) : "").append(',')
          .append(seeded ? String.join(" ", fmax.seeds().stream().map(ExploreFiles::number).toList()) : "");
      sb.append(',').append(p.reason() == null ? "" : quote(p.reason())).append('\n');
    }
    return sb.toString();
  }

  private static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%s", v);
  }

  private static String quote(String s) {
    return "\"" + s.replace("\"", "\"\"").replace("\n", " ") + "\"";
  }

  private static void errors(ObjectNode into, Map<String, CostEstimator.Error> errors) {
    for (CostEstimator.Error e : errors.values()) {
      ObjectNode x = into.putObject(e.metric());
      x.put("runs", e.runs());
      x.put("medianRelative", PointEvaluator.round(e.median(), 4));
      x.put("worstRelative", PointEvaluator.round(e.worst(), 4));
      x.put("exact", e.exact());
    }
  }
}
