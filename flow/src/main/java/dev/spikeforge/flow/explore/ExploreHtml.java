package dev.spikeforge.flow.explore;

import dev.spikeforge.flow.report.HtmlPage;
import dev.spikeforge.flow.report.ReportDocument;
import dev.spikeforge.flow.report.ReportDocument.Block;
import dev.spikeforge.flow.report.ReportDocument.Figure;
import dev.spikeforge.flow.report.ReportDocument.Paragraph;
import dev.spikeforge.flow.report.ReportDocument.Section;
import dev.spikeforge.flow.report.ReportDocument.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sweep's HTML report ({@code report.html}), drawn by the build report's page model and renderer
 * ({@link ReportDocument}, {@link HtmlPage}): one self-contained page with the summary, the three plots
 * inline (the same JFreeChart charts as the SVG and PNG files), the Pareto front, every point with each
 * figure's source and links to its cached result and, for a point built for real, its build directory and
 * reports, the failed points with their reasons, the estimator's measured error and each metric's method.
 * Equal sweeps give equal bytes.
 */
final class ExploreHtml {
  static final String FILE = "report.html";

  private ExploreHtml() {}

  /** The page of a finished sweep. */
  static String render(Sweep sweep, List<PointResult> points, boolean[] feasible, boolean[] front, String modelHash,
      CostEstimator estimator, int testImages, int cycleImages) {
    List<Section> sections = new ArrayList<>();
    sections.add(new Section("summary", "Summary", summary(sweep, points, feasible, front, modelHash, testImages,
        cycleImages)));
    List<Block> plots = new ArrayList<>();
    for (Metric x : ExploreFiles.PLOTS) {
      plots.add(new Figure("Accuracy against " + x.key() + " (" + x.unit() + "): the Pareto front over all objectives"
          + " in red, feasible dominated points in blue, points that break a constraint in grey; also "
          + ExploreFiles.plotName(x, "svg") + " and " + ExploreFiles.plotName(x, "png") + " beside this page.",
          ParetoPlots.inlineSvg("plot-" + x.key(), x, points, feasible, front)));
    }
    sections.add(new Section("plots", "Plots", plots));
    sections.add(new Section("front", "Pareto front", List.of(pointTable(
        "The " + count(front) + " points no feasible point beats on every objective ("
            + String.join(", ", objectives(sweep)) + ")", points, feasible, front, true))));
    sections.add(new Section("points", "Every point", List.of(new Paragraph("Source of each hardware figure: e ="
        + " the estimator, r = yosys/nextpnr (the estimate beside it in pareto.json). Fmax of a point built for real is"
        + " the median over its placement seeds, the best in brackets. Links: the point's cached result (points/),"
        + " and for a point built for real its build directory and its utilization and timing reports."),
        pointTable("All " + points.size() + " points, in sweep order", points, feasible, front, false))));
    sections.add(new Section("failed", "Failed points", failed(points)));
    sections.add(new Section("estimator", "Estimator and its error", estimator(estimator, points)));
    List<List<String>> methods = new ArrayList<>();
    for (Metric m : Metric.values()) {
      methods.add(List.of(m.key(), m.unit(), m.method()));
    }
    sections.add(new Section("methods", "Metrics and their methods", List.of(new Table("", List.of("metric", "unit",
        "how"), methods))));
    String lead = "Design-space sweep '" + sweep.name() + "': " + points.size() + " points, "
        + points.stream().filter(p -> p.realDir() != null).count() + " synthesized for real (yosys, nextpnr-ice40), the"
        + " rest estimated; accuracy from the integer golden model on " + testImages + " " + sweep.data().dataset()
        + " test images. Written by spikeforge explore (docs/explore.md).";
    return HtmlPage.render(new ReportDocument("spikeforge explore: " + sweep.name(), lead, sections));
  }

  private static List<Block> summary(Sweep sweep, List<PointResult> points, boolean[] feasible, boolean[] front,
      String modelHash, int testImages, int cycleImages) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("points", Integer.toString(points.size())));
    rows.add(List.of("evaluated", Long.toString(points.stream().filter(PointResult::ok).count())));
    rows.add(List.of("failed (reason recorded)", Long.toString(points.stream().filter(p -> !p.ok()).count())));
    rows.add(List.of("feasible", Integer.toString(count(feasible))));
    rows.add(List.of("on the Pareto front", Integer.toString(count(front))));
    rows.add(List.of("synthesized for real", Long.toString(points.stream().filter(p -> p.realDir() != null).count())));
    rows.add(List.of("placement seeds per real run", Integer.toString(sweep.synthesis().seeds())));
    rows.add(List.of("objectives", String.join(", ", objectives(sweep))));
    rows.add(List.of("constraints", sweep.constraints().isEmpty() ? "none"
        : String.join(", ", sweep.constraints().stream().map(Constraint::text).toList())));
    List<String> axes = new ArrayList<>();
    sweep.axes().forEach((p, v) -> axes.add(p.key() + " " + v));
    rows.add(List.of("axes", String.join("; ", axes)));
    rows.add(List.of("model sha256", modelHash));
    rows.add(List.of("data", sweep.data().dataset() + ": " + testImages + " test images (accuracy), "
        + sweep.data().calibrationImages() + " calibration images, cycle model on " + cycleImages));
    return List.of(new Table("", List.of("what", "value"), rows));
  }

  private static List<String> objectives(Sweep sweep) {
    List<String> o = new ArrayList<>();
    sweep.objectives().forEach((m, max) -> o.add((max ? "max " : "min ") + m.key()));
    return o;
  }

  private static Table pointTable(String caption, List<PointResult> points, boolean[] feasible, boolean[] front,
      boolean frontOnly) {
    List<String> header = List.of("#", "settings", "status", "feasible", "front", "accuracy", "logic cells", "LUT4",
        "FF", "EBR", "SPRAM", "Fmax MHz", "clocks / image", "µs / image", "µJ / image (est.)", "point", "build",
        "utilization", "timing");
    List<List<String>> rows = new ArrayList<>();
    List<List<String>> links = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      if (frontOnly && !front[i]) {
        continue;
      }
      PointResult p = points.get(i);
      List<String> r = new ArrayList<>(List.of(Integer.toString(i), p.settings().label(), p.status(),
          feasible[i] ? "yes" : "no", front[i] ? "yes" : ""));
      if (p.ok()) {
        r.add(String.format(Locale.ROOT, "%.2f %%", 100 * p.value(Metric.ACCURACY)));
        for (Metric m : List.of(Metric.LOGIC_CELLS, Metric.LUT4, Metric.FLIP_FLOPS, Metric.BLOCK_RAMS, Metric.SPRAMS)) {
          r.add(hardware(p, m, "%.0f"));
        }
        r.add(fmax(p));
        r.add(String.format(Locale.ROOT, "%.1f", p.value(Metric.CLOCKS_PER_IMAGE)));
        r.add(String.format(Locale.ROOT, "%.2f", p.value(Metric.LATENCY_US)));
        r.add(String.format(Locale.ROOT, "%.3f", p.value(Metric.ENERGY_UJ)));
      } else {
        for (int k = 0; k < 10; k++) {
          r.add("—");
        }
      }
      String cache = Explore.POINTS + "/" + p.hash().substring(0, 16) + ".json";
      List<String> l = new ArrayList<>(java.util.Collections.nCopies(header.size(), ""));
      r.add(p.hash().substring(0, 16));
      l.set(r.size() - 1, cache);
      if (p.realDir() != null) {
        r.add(p.realDir());
        l.set(r.size() - 1, p.realDir() + "/");
        r.add("utilization.json");
        l.set(r.size() - 1, p.realDir() + "/reports/utilization.json");
        r.add("timing.json");
        l.set(r.size() - 1, p.realDir() + "/reports/timing.json");
      } else {
        r.add("—");
        r.add("—");
        r.add("—");
      }
      rows.add(r);
      links.add(l);
    }
    return new Table(caption, header, rows, links);
  }

  /** A hardware figure with its source: e (estimate), r (real), s (spec). */
  private static String hardware(PointResult p, Metric m, String format) {
    Measure x = p.metrics().get(m.key());
    if (x == null || Double.isNaN(x.value())) {
      return "—";
    }
    String tag = switch (x.source()) {
      case "real" -> " r";
      case "estimate" -> " e";
      case "spec" -> " s";
      default -> " (" + x.source() + ")";
    };
    return String.format(Locale.ROOT, format, x.value()) + tag;
  }

  private static String fmax(PointResult p) {
    Measure x = p.metrics().get(Metric.FMAX_MHZ.key());
    if (x == null || Double.isNaN(x.value())) {
      return "—";
    }
    if (x.seeds() == null) {
      return hardware(p, Metric.FMAX_MHZ, "%.1f");
    }
    return String.format(Locale.ROOT, "%.1f r (best %.1f, %d seeds)", x.value(), x.best(), x.seeds().size());
  }

  private static List<Block> failed(List<PointResult> points) {
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      PointResult p = points.get(i);
      if (!p.ok() || (p.reason() != null && !p.reason().isEmpty())) {
        rows.add(List.of(Integer.toString(i), p.settings().label(), p.status(), p.reason()));
      }
    }
    if (rows.isEmpty()) {
      return List.of(new Paragraph("No point failed."));
    }
    return List.of(new Table("Points that failed, or whose real run failed (their estimates kept)",
        List.of("#", "settings", "status", "reason"), rows));
  }

  private static List<Block> estimator(CostEstimator estimator, List<PointResult> points) {
    List<Block> out = new ArrayList<>(List.of(new Paragraph("Logic cells, LUT4 and flip-flops: least squares on"
        + " hardware-spec features; Fmax: least squares on the clock period; block RAMs: Yosys'"
        + " memory_libmap re-enacted on the core's memories; SPRAMs: exact. Fitted to " + estimator.runs().size() + " recorded real runs ("
        + estimator.tools() + "). Leave-one-out: each recorded run predicted by a fit that never saw it; held out:"
        + " real runs of random configurations that no fit saw."),
        errorTable("Estimator error against real yosys/nextpnr runs (leave-one-out)", estimator.errors())));
    if (!estimator.heldOutErrors().isEmpty()) {
      out.add(errorTable("Estimator error on held-out real runs", estimator.heldOutErrors()));
    }
    Map<String, CostEstimator.Error> sweep = CostEstimator.errorsOnRealPoints(points);
    if (!sweep.isEmpty()) {
      out.add(errorTable("Estimator error on this sweep's points built for real (Fmax: median over seeds)", sweep));
    }
    return out;
  }

  private static Table errorTable(String title, Map<String, CostEstimator.Error> errors) {
    List<List<String>> rows = new ArrayList<>();
    for (CostEstimator.Error x : errors.values()) {
      rows.add(List.of(x.metric(), Integer.toString(x.runs()), String.format(Locale.ROOT, "%.1f %%", 100 * x.median()),
          String.format(Locale.ROOT, "%.1f %%", 100 * x.worst()), Integer.toString(x.exact())));
    }
    return new Table(title, List.of("metric", "runs", "median", "worst", "exact"), rows);
  }

  private static int count(boolean[] b) {
    int n = 0;
    for (boolean x : b) {
      n += x ? 1 : 0;
    }
    return n;
  }
}
