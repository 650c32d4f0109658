package dev.spikeforge.flow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spikeforge.boards.flow.ResourceUse;
import dev.spikeforge.flow.report.ReportDocument.Absent;
import dev.spikeforge.flow.report.ReportDocument.Block;
import dev.spikeforge.flow.report.ReportDocument.Paragraph;
import dev.spikeforge.flow.report.ReportDocument.Section;
import dev.spikeforge.flow.report.ReportDocument.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The report's sections on the hardware: verification, utilization/timing/power, latency and energy. */
final class HardwareSections {
  private HardwareSections() {}

  static Section verification(BuildRecords r) {
    List<Block> b = new ArrayList<>();
    JsonNode v = r.verify;
    if (v == null) {
      b.add(new Absent("RTL verification", r.absent.get("RTL verification")));
      return new Section("verification", "Verification: RTL against the golden model", b);
    }
    b.add(new Paragraph(String.format(Locale.ROOT, "%s: the RTL %s the golden model on %,d samples, every step,"
        + " layer, neuron and decision compared (reports/verify.json; %,d synaptic operations in the golden model).",
        v.path("passed").asBoolean() ? "PASSED" : "FAILED", v.path("passed").asBoolean() ? "matches" : "differs from",
        v.path("samples").asInt(), v.path("synapticOps").asLong())));
    b.add(new Paragraph("Stimulus: " + stimulus(r)));
    List<List<String>> rows = new ArrayList<>();
    for (JsonNode s : v.path("simulators")) {
      int n = Math.max(1, s.path("samples").asInt());
      rows.add(List.of(s.path("simulator").asText(), s.path("version").asText(), s.path("samples").asText(),
          s.path("matching").asText(), String.format(Locale.ROOT, "%,d", s.path("cycles").asLong()),
          String.format(Locale.ROOT, "%,.1f", s.path("cycles").asDouble() / n),
          s.path("passed").asBoolean() ? "bit-exact" : "MISMATCH"));
    }
    b.add(new Table("Per simulator", List.of("simulator", "version", "samples", "identical", "clocks",
        "clocks per sample", "verdict"), rows));
    for (JsonNode s : v.path("simulators")) {
      JsonNode m = s.path("firstMismatch");
      if (!m.isMissingNode()) {
        b.add(new Paragraph(String.format(Locale.ROOT, "%s: first mismatch at sample %s, step %s, layer %s, neuron %s,"
            + " field %s: expected %s, actual %s (%s).", s.path("simulator").asText(), m.path("sample").asText(),
            m.path("step").asText(), m.path("layer").asText(), m.path("neuron").asText(), m.path("field").asText(),
            m.path("expected").asText(), m.path("actual").asText(), m.path("report").asText())));
      }
    }
    return new Section("verification", "Verification: RTL against the golden model", b);
  }

  /** What the verification ran on, as far as the build records it. */
  private static String stimulus(BuildRecords r) {
    if (r.config != null) {
      return String.format(Locale.ROOT, "the first %,d %s test images, rate-coded at T = %d (the flow's verify step).",
          r.config.verify().images(), TrainStep.displayName(r.config.data()), r.network.timesteps());
    }
    return "not recorded by the build directory (the build's smoke vectors unless 'spikeforge verify' was given"
        + " --images or --dataset).";
  }

  static Section fpga(BuildRecords r) {
    List<Block> b = new ArrayList<>();
    BitstreamOutcome o = r.bitstream;
    if (o == null) {
      String why = r.absent.getOrDefault("utilization report", r.absent.getOrDefault("timing report",
          r.absent.getOrDefault("power estimate", "incomplete reports")));
      b.add(new Absent("utilization, timing and power", why));
      return new Section("fpga", "FPGA: utilization, timing, power", b);
    }
    b.add(new Paragraph(String.format(Locale.ROOT, "Board %s (%s), core clock %s MHz%s; the bitstream %s.", o.board(),
        o.part(), mhz(o.coreMhz()), o.pll() ? " from the iCE40 PLL" : " (the board clock)",
        o.bitstream().isEmpty() ? "file is not in the build directory" : "is " + r.where(java.nio.file.Path.of(
            o.bitstream())))));
    List<List<String>> res = new ArrayList<>();
    for (ResourceUse u : o.resources()) {
      res.add(List.of(u.name(), String.format(Locale.ROOT, "%,d", u.used()),
          u.available() >= 0 ? String.format(Locale.ROOT, "%,d", u.available()) : "\u2014",
          u.available() > 0 ? String.format(Locale.ROOT, "%.1f %%", u.percent()) : "\u2014", u.source()));
    }
    b.add(new Table("Utilization (reports/utilization.json)", List.of("resource", "used", "available", "used %",
        "source"), res));
    List<List<String>> clk = new ArrayList<>();
    for (JsonNode c : r.timing.path("clocks")) {
      clk.add(List.of(c.path("name").asText(), c.path("net").asText(), String.format(Locale.ROOT, "%.2f MHz",
          c.path("fmaxMhz").asDouble()), String.format(Locale.ROOT, "%.2f MHz", c.path("targetMhz").asDouble()),
          c.path("met").asBoolean() ? "met" : "MISSED"));
    }
    b.add(new Table("Timing (reports/timing.json, nextpnr seed " + r.timing.path("seed").asText() + ")",
        List.of("clock", "net", "Fmax", "target", "timing"), clk));
    List<List<String>> terms = new ArrayList<>();
    for (JsonNode t : r.power.path("terms")) {
      terms.add(List.of(t.path("name").asText(), String.format(Locale.ROOT, "%.3f mW", t.path("milliwatts").asDouble()),
          t.path("basis").asText(), t.path("source").asText()));
    }
    terms.add(List.of("total", String.format(Locale.ROOT, "%.3f mW", o.powerMw()), "", ""));
    b.add(new Table(String.format(Locale.ROOT, "Power: an ESTIMATE, not a measurement (reports/power.json; %s MHz,"
        + " toggle rate %s, %s confidence)", mhz(o.powerClockMhz()), r.power.path("toggleRate").asText(),
        o.powerConfidence()), List.of("term", "power", "basis", "source"), terms));
    List<String> limits = new ArrayList<>();
    r.power.path("limits").forEach(l -> limits.add(l.asText()));
    if (!limits.isEmpty()) {
      b.add(new Paragraph("Limits of the estimate: " + String.join("; ", limits) + "."));
    }
    return new Section("fpga", "FPGA: utilization, timing, power", b);
  }

  static Section latency(BuildRecords r, BuildReport f, String clockSource) {
    List<Block> b = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    if (Double.isNaN(f.clocksPerImage())) {
      b.add(new Absent("latency and energy", "they need the clocks per image of an RTL run, and this build has no"
          + " verification record"));
      return new Section("latency", "Latency and energy", b);
    }
    rows.add(List.of("clocks per image", String.format(Locale.ROOT, "%,.1f", f.clocksPerImage()),
        "mean over the verified samples (reports/verify.json, first simulator)"));
    if (!Double.isNaN(f.coreMhz())) {
      rows.add(List.of("latency per image at the core clock", String.format(Locale.ROOT, "%,.1f \u00b5s",
          f.latencyUs()), "clocks / " + mhz(f.coreMhz()) + " MHz (" + clockSource + ")"));
    }
    if (!Double.isNaN(f.latencyAtFmaxUs())) {
      rows.add(List.of("latency per image at Fmax", String.format(Locale.ROOT, "%,.1f \u00b5s", f.latencyAtFmaxUs()),
          "clocks / " + String.format(Locale.ROOT, "%.2f", r.bitstream.fmaxMhz()) + " MHz (reports/timing.json)"));
    }
    if (!Double.isNaN(f.energyUj())) {
      rows.add(List.of("energy per image (ESTIMATE)", String.format(Locale.ROOT, "%.2f \u00b5J", f.energyUj()),
          String.format(Locale.ROOT, "estimated power %.2f mW \u00d7 clocks / %s MHz (the power's clock)",
              r.bitstream.powerMw(), mhz(r.bitstream.powerClockMhz()))));
    }
    b.add(new Table("Per image", List.of("figure", "value", "how"), rows));
    if (Double.isNaN(f.coreMhz())) {
      b.add(new Absent("latency in \u00b5s", "no core clock: the build was compiled without a board and has no"
          + " bitstream"));
    }
    if (r.bitstream == null) {
      b.add(new Absent("latency at Fmax and energy per image", "they need the bitstream step's timing and power"
          + " reports"));
    }
    return new Section("latency", "Latency and energy", b);
  }

  /** 12, 24 or 28.125: a clock without trailing zeros. */
  static String mhz(double v) {
    return java.math.BigDecimal.valueOf(v).setScale(4, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros()
        .toPlainString();
  }
}
