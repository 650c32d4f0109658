package dev.spikeforge.flow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spikeforge.boards.Boards;
import dev.spikeforge.boards.flow.CoreClock;
import dev.spikeforge.boards.flow.ResourceUse;
import dev.spikeforge.compiler.build.Manifest;
import dev.spikeforge.flow.report.Activity;
import dev.spikeforge.flow.report.HtmlPage;
import dev.spikeforge.flow.report.ReportDocument;
import dev.spikeforge.flow.report.ReportDocument.Absent;
import dev.spikeforge.flow.report.ReportDocument.Block;
import dev.spikeforge.flow.report.ReportDocument.Paragraph;
import dev.spikeforge.flow.report.ReportDocument.Section;
import dev.spikeforge.flow.report.ReportDocument.Table;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A build's HTML report ({@link Flow#report}): its records read ({@link BuildRecords}), the spike rates
 * and membranes measured on its own images ({@link ActivityImages}), the sections assembled and the
 * page written atomically. The page carries no time or date: the same build gives the same bytes.
 */
final class HtmlReportRun {
  private HtmlReportRun() {}

  /** The report of {@code q}; {@code test} is the flow's test split when the caller holds it, else null. */
  static HtmlReport run(HtmlReportRequest q, Dataset test) {
    Path out = q.outputFile();
    ConfigException.require(!Files.isDirectory(out), "output", out + " is a directory; give a file such as "
        + out.resolve(HtmlReport.FILE));
    BuildRecords r = BuildRecords.read(q.build());
    ActivityImages images = ActivityImages.of(r, test);
    Activity a = Activity.measure(r.network, images.inputs());
    String html = HtmlPage.render(document(r, images, a));
    try {
      AtomicFiles.writeString(out, html);
    } catch (IOException e) {
      throw new ConfigException("output", "cannot be written: " + out + " (" + e.getClass().getSimpleName() + ": "
          + e.getMessage() + "); give a writable file", e);
    }
    List<String> absent = new ArrayList<>();
    r.absent.forEach((what, why) -> absent.add(what + ": " + why));
    return new HtmlReport(out, r.kind.name().toLowerCase(Locale.ROOT), absent, images.description(), r.changed);
  }

  static ReportDocument document(BuildRecords r, ActivityImages images, Activity a) {
    Clock clock = clock(r);
    BuildReport figures = BuildReport.of(r.verifyOutcome(), r.bitstream, clock.mhz);
    String lead = "'" + r.dir.getFileName() + "' is " + (r.kind == BuildRecords.Kind.FLOW ? "the output directory of"
        + " a spikeforge build flow (train, quantize, compile, verify, bitstream, report)"
        : "a build directory of 'spikeforge compile'") + ". Every figure comes from the build's own records,"
        + " each named where it is shown,"
        + " except the spike rates and membranes, measured here with the golden model on " + images.description()
        + ". The page records no time or date: the same build gives the same page.";
    List<Section> sections = new ArrayList<>();
    sections.add(summary(r, figures));
    sections.add(ModelSections.network(r));
    sections.add(ModelSections.training(r));
    sections.add(ModelSections.quantization(r));
    sections.add(HardwareSections.verification(r));
    sections.add(HardwareSections.fpga(r));
    sections.add(HardwareSections.latency(r, figures, clock.source));
    sections.add(ModelSections.activity(r, images, a));
    sections.add(spikerPlus(r, figures));
    sections.add(versions(r));
    return new ReportDocument("spikeforge build report: " + r.network.name() + " ("
        + ResultsJson.architecture(r.network) + ")", lead, sections);
  }

  private static Section summary(BuildRecords r, BuildReport f) {
    List<Block> b = new ArrayList<>();
    if (!r.changed.isEmpty()) {
      b.add(new Absent("an intact build directory", String.join(", ", r.changed) + " changed after compile (SHA-256"
          + " differs from manifest.json): the figures below may not describe these files; rebuild it"));
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("network", ResultsJson.architecture(r.network) + ", T = " + r.network.timesteps(),
        "network.json"));
    if (r.quantize != null) {
      rows.add(List.of("accuracy float / integer", ModelSections.pct(r.quantize.floatReport().accuracy()) + " / "
          + ModelSections.pct(r.quantize.intReport().accuracy()) + String.format(Locale.ROOT, " (%,d %s test images)",
          r.quantize.intReport().samples(), dataset(r)), QuantizeStep.OUTCOME));
    } else {
      rows.add(List.of("accuracy", "absent (see Quantization)", "\u2014"));
    }
    VerifyOutcome v = r.verifyOutcome();
    rows.add(List.of("RTL == golden model", v == null ? "absent: not verified" : String.format(Locale.ROOT,
        "%d/%d samples bit-exact (%s)", v.bitExact(), v.samples(), v.simulator()), "reports/verify.json"));
    if (r.bitstream != null) {
      ResourceUse lc = r.bitstream.resource("logicCells");
      rows.add(List.of("logic cells", String.format(Locale.ROOT, "%,d of %,d (%.1f %%)", lc.used(), lc.available(),
          lc.percent()), "reports/utilization.json"));
      rows.add(List.of("Fmax", String.format(Locale.ROOT, "%.2f MHz (%s)", r.bitstream.fmaxMhz(),
          r.bitstream.timingMet() ? "timing met" : "timing MISSED"), "reports/timing.json"));
      rows.add(List.of("power (ESTIMATE)", String.format(Locale.ROOT, "%.2f mW", r.bitstream.powerMw()),
          "reports/power.json"));
    } else {
      rows.add(List.of("logic cells, Fmax, power", "absent: no bitstream", "\u2014"));
    }
    rows.add(List.of("latency per image", Double.isNaN(f.latencyUs()) ? "absent" : String.format(Locale.ROOT,
        "%,.1f \u00b5s (%,.0f clocks)", f.latencyUs(), f.clocksPerImage()), "Latency and energy"));
    rows.add(List.of("energy per image (ESTIMATE)", Double.isNaN(f.energyUj()) ? "absent"
        : String.format(Locale.ROOT, "%.2f \u00b5J", f.energyUj()), "Latency and energy"));
    b.add(new Table("", List.of("figure", "this build", "from"), rows));
    if (r.absent.isEmpty()) {
      b.add(new Paragraph("Every record a build can hold is present."));
    } else {
      b.add(new Paragraph("This build does not hold the following; the sections below say the same where it"
          + " matters:"));
      for (Map.Entry<String, String> e : r.absent.entrySet()) {
        b.add(new Absent(e.getKey(), e.getValue()));
      }
    }
    return new Section("summary", "Summary", b);
  }

  private static Section spikerPlus(BuildRecords r, BuildReport f) {
    List<Block> b = new ArrayList<>();
    String ds = dataset(r); // the sentence on like with like goes first, then the figures
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("accuracy", r.quantize == null ? "not recorded" : ModelSections.pct(r.quantize.intReport()
        .accuracy()) + " (integer, " + ds + ")", String.format(Locale.ROOT, "%.2f %% (%s)",
        SpikerPlus.ACCURACY_PERCENT, SpikerPlus.DATASET)));
    rows.add(List.of("logic cells", r.bitstream == null ? "no bitstream" : String.format(Locale.ROOT, "%,d (iCE40)",
        r.bitstream.resource("logicCells").used()), String.format(Locale.ROOT, "%,d (%s)", SpikerPlus.LOGIC_CELLS,
        SpikerPlus.FPGA)));
    rows.add(List.of("block RAM", r.bitstream == null ? "no bitstream" : r.bitstream.resource("blockRams").used()
        + " EBR (4 kbit)", SpikerPlus.BLOCK_RAMS + " BRAM (36 kbit)"));
    rows.add(List.of("latency per image", Double.isNaN(f.latencyUs()) ? "not measured" : String.format(Locale.ROOT,
        "%,.0f \u00b5s", f.latencyUs()), String.format(Locale.ROOT, "%.0f \u00b5s", SpikerPlus.LATENCY_US)));
    rows.add(List.of("energy per image", Double.isNaN(f.energyUj()) ? "not estimated" : String.format(Locale.ROOT,
        "%.1f \u00b5J (estimate)", f.energyUj()), String.format(Locale.ROOT,
        "%.0f \u00b5J (%.0f mW \u00d7 %.0f \u00b5s)", SpikerPlus.energyUj(), SpikerPlus.POWER_MW, SpikerPlus.LATENCY_US)));
    String dataset = datasetName(r);
    b.add(new Paragraph(dataset == null || r.quantize == null ? "This build records no accuracy, so nothing is set"
        + " beside Spiker+'s " + SpikerPlus.DATASET + " accuracy." : SpikerPlus.datasetComparison(dataset,
        r.quantize.intReport().samples())));
    b.add(new Table("", List.of("figure", "this build", "Spiker+ (published)"), rows));
    return new Section("spiker", "Beside Spiker+", b);
  }

  private static Section versions(BuildRecords r) {
    List<Block> b = new ArrayList<>();
    JsonNode g = r.manifest.path("generator");
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("this report written by", "spikeforge " + Manifest.SPIKEFORGE_VERSION));
    rows.add(List.of("build made by", "spikeforge " + g.path("spikeforge").asText() + ", hw-gen "
        + g.path("hwGen").asText() + ", Chisel " + g.path("chisel").asText() + ", firtool "
        + g.path("firtool").asText()));
    List<String> opts = new ArrayList<>();
    g.path("firtoolOptions").forEach(o -> opts.add(o.asText()));
    rows.add(List.of("firtool options", String.join(" ", opts)));
    rows.add(List.of("numerics contract", "version " + r.manifest.path("numericsVersion").asText()));
    rows.add(List.of("network hash", r.manifest.path("network").path("hash").asText()));
    if (r.verify != null) {
      List<String> sims = new ArrayList<>();
      r.verify.path("simulators").forEach(s -> sims.add(s.path("simulator").asText() + " "
          + s.path("version").asText()));
      rows.add(List.of("simulators (reports/verify.json)", String.join(", ", sims)));
    }
    if (r.bitstream != null) {
      rows.add(List.of("yosys, nextpnr-ice40, icepack", "versions not recorded by the bitstream reports"));
      if (!r.bitstream.bitstream().isEmpty()) {
        rows.add(List.of("bitstream SHA-256 (" + r.where(Path.of(r.bitstream.bitstream())) + ")",
            BuildRecords.sha256(Path.of(r.bitstream.bitstream()))));
      }
    }
    if (r.kind == BuildRecords.Kind.FLOW) {
      for (String f : List.of(QuantizeStep.MODEL, TrainStep.MODEL)) {
        Path p = r.dir.resolve(f);
        rows.add(List.of(f + " SHA-256", Files.isRegularFile(p) ? BuildRecords.sha256(p) : "absent"));
      }
    }
    if (r.compileConfig != null && r.compileConfig.has("source")) {
      rows.add(List.of("compiled float model SHA-256 (config.json)", r.compileConfig.path("source").path("sha256")
          .asText()));
    }
    b.add(new Table("", List.of("what", "version or hash"), rows));
    List<List<String>> files = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = r.manifest.path("files").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      files.add(List.of(e.getKey(), e.getValue().asText(), r.changed.contains(e.getKey()) ? "CHANGED" : "matches"));
    }
    b.add(new Table("The build's files (manifest.json) against their bytes now", List.of("file", "SHA-256 in the"
        + " manifest", "now"), files));
    return new Section("versions", "Versions and hashes", b);
  }

  /** The dataset of the build's accuracy ({@code fashion-mnist}, …), or null when none is recorded. */
  private static String datasetName(BuildRecords r) {
    if (r.config != null) {
      return r.config.data().dataset();
    }
    if (r.results != null && r.results.has("dataset")) {
      return r.results.path("dataset").asText().replaceFirst("/test$", "");
    }
    return null;
  }

  private static String dataset(BuildRecords r) {
    String d = datasetName(r);
    return d == null ? "unrecorded dataset" : DataConfig.DATASETS.contains(d)
        ? TrainStep.displayName(new DataConfig(d, null, null)) : d;
  }

  /** The core clock of the latency figures and where it comes from. */
  private record Clock(double mhz, String source) {}

  private static Clock clock(BuildRecords r) {
    if (r.bitstream != null) {
      return new Clock(r.bitstream.coreMhz(), r.bitstream.pll() ? "the iCE40 PLL's core clock, reports/timing.json"
          : "the board clock of " + r.bitstream.board());
    }
    try {
      if (r.config != null) {
        CoreClock c = Clocks.coreClock(Boards.byNameOrFile(r.config.hardware().board()),
            r.config.bitstream().freqMhz());
        return new Clock(c.coreMhz(), "the core clock of the build config, " + r.config.hardware().board()
            + (c.usesPll() ? " PLL" : " board clock"));
      }
      if (r.compileBoard() != null) {
        return new Clock(Boards.byNameOrFile(r.compileBoard()).clockMhz(), "the board clock of " + r.compileBoard()
            + ", config.json");
      }
    } catch (RuntimeException e) { // a board file that is gone, or a frequency no longer valid
      return new Clock(Double.NaN, "unknown: " + e.getMessage());
    }
    return new Clock(Double.NaN, "unknown: no board in config.json and no bitstream");
  }
}
