package dev.spikeforge.boards.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spikeforge.golden.json.JsonMappers;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * What nextpnr's {@code --report} JSON says: bel utilization and the maximum frequency of each
 * clock. Written by nextpnr after routing, also when timing fails (then nextpnr exits 1).
 *
 * @param utilization bel type (e.g. {@code ICESTORM_LC}) → used and available, sorted by type
 * @param fmax        clock net (e.g. {@code clk$SB_IO_IN_$glb_clk}) → achieved and constraint, in MHz
 */
public record NextpnrReport(Map<String, Use> utilization, Map<String, ClockFmax> fmax) {
  private static final ObjectMapper JSON = JsonMappers.compact();

  /** Used and available bels of one type. */
  public record Use(long used, long available) {}

  /** Achieved maximum frequency and the constraint nextpnr timed against, in MHz. */
  public record ClockFmax(double achievedMhz, double constraintMhz) {
    public boolean met() {
      return achievedMhz >= constraintMhz;
    }
  }

  public NextpnrReport {
    utilization = Collections.unmodifiableMap(new TreeMap<>(utilization));
    fmax = Collections.unmodifiableMap(new TreeMap<>(fmax));
  }

  /**
   * Parses a nextpnr report.
   *
   * @throws IllegalArgumentException naming what is missing
   */
  public static NextpnrReport parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("nextpnr report is not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("nextpnr report is not a JSON object");
    }
    JsonNode util = root.get("utilization");
    if (util == null || !util.isObject()) {
      throw new IllegalArgumentException("nextpnr report has no utilization section");
    }
    Map<String, Use> u = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = util.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      u.put(e.getKey(), new Use(integer(e.getValue(), "used", e.getKey()), integer(e.getValue(), "available", e.getKey())));
    }
    Map<String, ClockFmax> f = new TreeMap<>();
    JsonNode fm = root.get("fmax");
    if (fm != null && fm.isObject()) { // absent for a design without clocks
      for (Iterator<Map.Entry<String, JsonNode>> it = fm.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        f.put(e.getKey(), new ClockFmax(number(e.getValue(), "achieved", e.getKey()),
            number(e.getValue(), "constraint", e.getKey())));
      }
    }
    return new NextpnrReport(u, f);
  }

  /** Use of bel type {@code bel}, or 0 of 0 if the report does not list it. */
  public Use use(String bel) {
    return utilization.getOrDefault(bel, new Use(0, 0));
  }

  /**
   * The design-level name of a clock net: nextpnr's iCE40 names carry the buffers they pass
   * ({@code clk$SB_IO_IN_$glb_clk} is the port {@code clk}); the part before the first {@code $}.
   */
  public static String clockName(String net) {
    int dollar = net.indexOf('$');
    return dollar > 0 ? net.substring(0, dollar) : net;
  }

  private static long integer(JsonNode n, String field, String where) {
    JsonNode v = n.get(field);
    if (v == null || !v.canConvertToLong() || !v.isIntegralNumber()) {
      throw new IllegalArgumentException("nextpnr report: utilization." + where + "." + field + " is not an integer");
    }
    return v.asLong();
  }

  private static double number(JsonNode n, String field, String where) {
    JsonNode v = n.get(field);
    if (v == null || !v.isNumber()) {
      throw new IllegalArgumentException("nextpnr report: fmax." + where + "." + field + " is not a number");
    }
    return v.asDouble();
  }
}
