package dev.spikeforge.boards.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The comparison and the file format of the cost baselines, without running the tools. */
@Tag("unit")
class CostBaselinesTest {
  private static Cost cost(double lc, double lut, double ff, double ebr, double spram, double fmax) {
    return new Cost(Map.of("logicCells", lc, "lut4", lut, "flipFlops", ff, "blockRams", ebr, "sprams", spram,
        "fmaxMhz", fmax));
  }

  private static final CostBaselines BASE = new CostBaselines(Map.of("logicCells", 0.02, "lut4", 0.02,
      "flipFlops", 0.02, "blockRams", 0.0, "sprams", 0.0, "fmaxMhz", 0.05),
      Map.of("p", cost(1000, 700, 400, 2, 0, 30.0)), "yosys x, nextpnr y");

  @Test
  void withinToleranceAndImprovementsPass() {
    assertEquals(List.of(), BASE.regressions("p", cost(1020, 714, 408, 2, 0, 28.5)));
    assertEquals(List.of(), BASE.regressions("p", cost(500, 300, 100, 1, 0, 40)));
  }

  @Test
  void regressionsNamePresetMetricBaselineNewValueAndTolerance() {
    List<String> r = BASE.regressions("p", cost(1021, 700, 400, 3, 0, 28.4));
    assertEquals(3, r.size(), r.toString());
    assertTrue(r.get(0).startsWith("preset p: logicCells 1021, baseline 1000, tolerance + 2.0 % (limit 1020)"), r.get(0));
    assertTrue(r.get(1).startsWith("preset p: blockRams 3, baseline 2, tolerance + 0.0 %"), r.get(1));
    assertTrue(r.get(2).startsWith("preset p: fmaxMhz 28.40 MHz, baseline 30.00 MHz, tolerance - 5.0 % (limit 28.50 MHz)"),
        r.get(2));
    assertTrue(r.get(2).contains("scripts/update-cost-baselines.sh"));
  }

  @Test
  void unknownPresetIsAClearError() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BASE.regressions("q", cost(1, 1, 1, 1, 1, 1)));
    assertTrue(e.getMessage().contains("no baseline for preset q"), e.getMessage());
  }

  @Test
  void fileRoundTripsAndTheCheckedInFileIsComplete(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("b.json");
    BASE.write(f);
    assertEquals(BASE, CostBaselines.read(f));
    assertTrue(Files.readString(f).contains("\"logicCells\" : 1000"), Files.readString(f));
    CostBaselines checkedIn = CostBaselines.read(CostBaselines.FILE);
    for (CostPreset p : CostPreset.all()) {
      assertTrue(checkedIn.presets().containsKey(p.name()), "no baseline for " + p.name() + " in " + CostBaselines.FILE);
    }
  }
}
