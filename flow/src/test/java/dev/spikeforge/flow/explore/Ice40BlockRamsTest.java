package dev.spikeforge.flow.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.flow.explore.Ice40BlockRams.Choice;
import dev.spikeforge.flow.explore.Ice40BlockRams.Ports;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The block-RAM rule against Yosys itself: every memory of {@value #DECISIONS} (Yosys 0.23's {@code debug
 * memory_libmap} on the generated cores of 13 configurations, written by {@code bench/yosys-libmap-decisions.sh})
 * gets Yosys' price, logic cost and block count, and the memories {@link CoreShape#rtlMemories()} lists for a
 * recorded run are the ones Yosys found in that core's RTL.
 */
@Tag("unit")
class Ice40BlockRamsTest {
  static final String DECISIONS = "yosys-libmap-decisions.txt";

  /** One line of the fixture: {@code CONFIG MEMORY PORTS SIZE WIDTH ebr=N|ff cost=C logic=L}. */
  record Observed(String config, String memory, Ports ports, int size, int width, int blocks, double cost,
      double logic) {
    static Observed parse(String line) {
      String[] f = line.trim().split("\\s+");
      String ebr = f[5].substring("ebr=".length());
      return new Observed(f[0], f[1], Ports.valueOf(f[2].toUpperCase(Locale.ROOT)), Integer.parseInt(f[3]),
          Integer.parseInt(f[4]), ebr.equals("ff") ? 0 : Integer.parseInt(ebr),
          Double.parseDouble(f[6].substring("cost=".length())), Double.parseDouble(f[7].substring("logic=".length())));
    }

    String shape() {
      return memory + " " + size + "x" + width + " " + ports;
    }
  }

  static List<Observed> observed() throws IOException {
    List<Observed> out = new ArrayList<>();
    try (InputStream in = Ice40BlockRamsTest.class.getResourceAsStream(DECISIONS)) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          out.add(Observed.parse(line));
        }
      }
    }
    return out;
  }

  @Test
  void everyObservedMemoryGetsYosysPriceAndChoice() throws IOException {
    List<Observed> all = observed();
    assertTrue(all.size() >= 100, "observed memories: " + all.size());
    for (Observed o : all) {
      Choice c = Ice40BlockRams.map(o.size(), o.width(), o.ports());
      String what = o.config() + " " + o.shape();
      assertEquals(o.logic(), c.logicCost(), 1e-9, what + ": logic cost");
      assertEquals(o.cost(), c.cost(), 1e-9, what + ": block-RAM price");
      assertEquals(o.blocks(), c.blocks(), what + ": blocks");
    }
  }

  @Test
  void theFixtureHasMemoriesOnBothSidesOfEveryThreshold() throws IOException {
    // the five earlier misses' memories and their neighbours: a state memory goes to block RAM when its bits
    // (1 each) cost more than its blocks plus 8 (transparency and its read port, 2 × 4), a weight image when its
    // bits (1/16 each) cost more than blocks plus 2
    Map<String, Integer> seen = new TreeMap<>();
    for (Observed o : observed()) {
      seen.merge(o.ports() + (o.blocks() > 0 ? " ebr" : " ff"), 1, Integer::sum);
    }
    for (String k : List.of("STATE ebr", "STATE ff", "ROM ebr", "ROM ff", "LOADED ebr")) {
      assertTrue(seen.containsKey(k), "no observed " + k + ": " + seen);
    }
    // depth-5 × 28-bit membranes (14-bit, P = 2, output layer): 140 as logic, 2 blocks at 136: block RAM
    assertEquals(2, Ice40BlockRams.map(5, 28, Ports.STATE).blocks());
    // the same at 13-bit membranes: 130 as logic, below 136: flip-flops
    assertEquals(0, Ice40BlockRams.map(5, 26, Ports.STATE).blocks());
    // a spike list of 12 × 6 costs 72 either way: not strictly cheaper, flip-flops
    assertEquals(0, Ice40BlockRams.map(12, 6, Ports.STATE).blocks());
    assertEquals(1, Ice40BlockRams.map(13, 6, Ports.STATE).blocks());
    // 640 × 10 loaded weights: three 256-word ranges packed side by side into two 16-bit blocks (153.5)
    assertEquals(new Choice(2, 153.5, 6400, 20), Ice40BlockRams.map(640, 10, Ports.LOADED));
    // 80 × 10 weight image: 50 as logic (1/16 a bit), one block costs 66: flip-flops; 120 × 10: 75, a block
    assertEquals(0, Ice40BlockRams.map(80, 10, Ports.ROM).blocks());
    assertEquals(1, Ice40BlockRams.map(120, 10, Ports.ROM).blocks());
  }

  @Test
  void theCoreShapesMemoriesAreTheOnesYosysFoundInTheRtl() throws IOException {
    Map<String, TreeSet<String>> byConfig = new TreeMap<>();
    for (Observed o : observed()) {
      byConfig.computeIfAbsent(o.config(), k -> new TreeSet<>()).add(o.shape());
    }
    List<CostEstimator.Run> runs = new ArrayList<>(CostEstimator.bundled().runs());
    runs.addAll(CostEstimator.heldOutRuns());
    int compared = 0;
    for (CostEstimator.Run r : runs) {
      TreeSet<String> yosys = byConfig.get(r.name());
      if (yosys == null) {
        continue;
      }
      TreeSet<String> rule = new TreeSet<>();
      for (CoreShape.RtlMemory m : r.shape().rtlMemories()) {
        rule.add(m.name() + " " + m.size() + "x" + m.width() + " " + m.ports());
      }
      assertEquals(yosys, rule, r.name());
      compared++;
    }
    assertEquals(12, compared, "configurations compared (the 12 of the fixture that are recorded runs)");
    assertFalse(byConfig.isEmpty());
  }
}
