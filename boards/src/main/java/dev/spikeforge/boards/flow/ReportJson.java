package dev.spikeforge.boards.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spikeforge.golden.files.AtomicFiles;
import dev.spikeforge.golden.json.JsonMappers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The JSON form of the flow's reports. Fields appear in a fixed order, numbers are rounded where
 * they are made, and nothing varies between runs (no times, no absolute paths), so the same design
 * gives byte-identical reports.
 */
public final class ReportJson {
  /** Format identifier and version written into every report. */
  public static final String FORMAT = "spikeforge.boards.report/1";

  private static final ObjectMapper JSON = JsonMappers.pretty();

  private ReportJson() {}

  public static ObjectNode utilization(Utilization u, String partPackage) {
    ObjectNode o = header("utilization", u.design(), u.board(), u.part());
    o.put("package", partPackage);
    ObjectNode res = o.putObject("resources");
    for (ResourceUse r : u.resources()) {
      ObjectNode n = res.putObject(r.name());
      n.put("used", r.used());
      if (r.available() >= 0) {
        n.put("available", r.available());
        n.put("percent", r.percent());
      }
      n.put("source", r.source());
    }
    return o;
  }

  public static ObjectNode timing(Timing t, String part) {
    ObjectNode o = header("timing", t.design(), t.board(), part);
    o.put("targetMhz", t.targetMhz());
    o.put("seed", t.seed());
    o.put("timingAllowFail", t.timingAllowFail());
    o.put("met", t.met());
    t.coreClock().filter(CoreClock::usesPll).ifPresent(c -> {
      // only with a PLL: a board-clock design's report stays as it was before PLLs
      Ice40Pll p = c.pll().orElseThrow();
      o.put("boardClockMhz", c.boardMhz());
      o.put("coreClockMhz", c.coreMhz());
      ObjectNode pll = o.putObject("pll");
      pll.put("primitive", c.pllCell().orElseThrow().primitive());
      pll.put("feedback", "SIMPLE");
      pll.put("requestedMhz", p.requestedMhz());
      pll.put("achievedMhz", p.achievedMhz());
      pll.put("pfdMhz", p.pfdMhz());
      pll.put("vcoMhz", p.vcoMhz());
      pll.put("divr", p.divr());
      pll.put("divf", p.divf());
      pll.put("divq", p.divq());
      pll.put("filterRange", p.filterRange());
    });
    ArrayNode clocks = o.putArray("clocks");
    for (ClockTiming c : t.clocks()) {
      ObjectNode n = clocks.addObject();
      n.put("name", c.name());
      n.put("net", c.net());
      n.put("fmaxMhz", c.fmaxMhz());
      n.put("targetMhz", c.targetMhz());
      n.put("met", c.met());
    }
    return o;
  }

  public static ObjectNode power(PowerEstimate p, String design, String board) {
    ObjectNode o = header("power", design, board, p.part());
    o.put("estimate", true);
    o.put("clockMhz", p.clockMhz());
    o.put("toggleRate", p.toggleRate());
    o.put("totalMilliwatts", p.totalMw());
    o.put("confidence", p.confidence());
    o.put("method", p.method());
    ArrayNode terms = o.putArray("terms");
    for (PowerTerm t : p.terms()) {
      ObjectNode n = terms.addObject();
      n.put("name", t.name());
      n.put("milliwatts", t.milliwatts());
      n.put("basis", t.basis());
      n.put("source", t.source());
    }
    ArrayNode limits = o.putArray("limits");
    p.limits().forEach(limits::add);
    return o;
  }

  public static ObjectNode estimate(ResourceEstimate e) {
    ObjectNode o = header("estimate", e.design(), null, e.part());
    o.put("family", e.family());
    o.put("basis", "yosys " + e.synthCommand() + " + stat; no place and route (logic may shrink or grow after it)");
    ObjectNode res = o.putObject("resources");
    for (ResourceUse r : e.resources()) {
      ObjectNode n = res.putObject(r.name());
      n.put("used", r.used());
      if (r.available() >= 0) {
        n.put("available", r.available());
        n.put("percent", r.percent());
      }
      n.put("source", r.source());
    }
    ObjectNode cells = o.putObject("cells");
    e.cells().forEach(cells::put);
    return o;
  }

  /** Pretty-printed text with a final newline. */
  public static String text(ObjectNode o) {
    try {
      return JSON.writeValueAsString(o) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a report", e);
    }
  }

  /** Writes {@code o} to {@code file} atomically. */
  public static void write(Path file, ObjectNode o) {
    try {
      AtomicFiles.writeString(file, text(o));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static ObjectNode header(String kind, String design, String board, String part) {
    ObjectNode o = JSON.createObjectNode();
    o.put("format", FORMAT);
    o.put("report", kind);
    o.put("design", design);
    if (board != null) {
      o.put("board", board);
    }
    o.put("part", part);
    return o;
  }
}
