package dev.spikeforge.boards.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.boards.TestTools;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Hardware cost of the named presets ({@link CostPreset#all()}) from fresh yosys/nextpnr runs
 * against the checked-in baselines ({@link CostBaselines#FILE}): fails with preset, metric,
 * baseline, new value and tolerance when a preset grows (or slows) beyond its tolerance.
 *
 * <p>With {@code -Dspikeforge.updateCostBaselines=true} (scripts/update-cost-baselines.sh) it
 * rewrites the file from the fresh runs instead of comparing.
 */
@Tag("fpga")
class CostBaselinesFpgaTest {
  private static final Path WORK = Path.of("target", "fpga", "CostBaselinesFpgaTest");
  private static final boolean UPDATE = Boolean.getBoolean("spikeforge.updateCostBaselines");

  @BeforeEach
  void tools() {
    TestTools.requireIce40Flow();
  }

  @Test
  void presetsWithinTheirBaselines() throws Exception {
    CostBaselines baselines = CostBaselines.read(CostBaselines.FILE);
    StringBuilder failures = new StringBuilder();
    for (CostPreset p : CostPreset.all()) {
      Cost fresh = p.measure(WORK.resolve(p.name()));
      System.out.println("cost " + p.name() + ": " + fresh.values());
      if (UPDATE) {
        baselines = baselines.with(p.name(), fresh, ice40Tools());
      } else {
        baselines.regressions(p.name(), fresh).forEach(m -> failures.append(m).append('\n'));
      }
    }
    if (UPDATE) {
      baselines.write(CostBaselines.FILE);
      System.out.println("rewrote " + CostBaselines.FILE.toAbsolutePath());
    }
    assertTrue(failures.isEmpty(), "hardware cost above the baselines:\n" + failures);
  }

  /** The yosys and nextpnr-ice40 lines of the repository's toolchain.versions (which scripts/test.sh checks). */
  private static String ice40Tools() throws java.io.IOException {
    return java.nio.file.Files.readAllLines(Path.of("..", "toolchain.versions")).stream()
        .filter(l -> l.startsWith("yosys") || l.startsWith("nextpnr-ice40"))
        .map(l -> l.trim().replaceAll("\\s+", " ")).collect(java.util.stream.Collectors.joining(", "));
  }

  /**
   * A deliberately bloated tiny preset (one more hidden neuron, so one more lane at P = 16) is
   * caught: the comparison against the tiny preset's baseline fails and names the grown metrics.
   */
  @Test
  void oneMoreLaneFailsTheComparison() throws Exception {
    if (UPDATE) {
      return; // nothing to compare while the baselines are being rewritten
    }
    CostBaselines baselines = CostBaselines.read(CostBaselines.FILE);
    CostPreset tiny = CostPreset.tiny();
    Cost bloated = tiny.withOneMoreNeuron("tiny-bloated").measure(WORK.resolve("tiny-bloated"));
    List<String> r = baselines.regressions(tiny.name(), bloated);
    System.out.println("bloated tiny preset against the tiny baseline:\n  " + String.join("\n  ", r));
    assertFalse(r.isEmpty(), "one more lane must exceed the tiny preset's tolerance: " + bloated.values());
    String first = r.get(0);
    assertTrue(first.startsWith("preset " + tiny.name() + ": logicCells "), first);
    assertTrue(first.contains("baseline " + Math.round(baselines.presets().get(tiny.name()).get("logicCells"))), first);
    assertEquals(r.size(), r.stream().filter(m -> m.contains("tolerance")).count());
  }
}
