package dev.spikeforge.boards.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spikeforge.boards.Boards;
import dev.spikeforge.boards.Part;
import dev.spikeforge.boards.TestTools;
import dev.spikeforge.golden.json.JsonMappers;
import dev.spikeforge.hwgen.GeneratedModule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Synthesis-only estimates for parts without open place-and-route here: ECP5 and Artix-7. */
@Tag("fpga")
class SynthEstimatorFpgaTest {
  @BeforeEach
  void tools() {
    TestTools.require("yosys");
  }

  /** The UART board top with the fixture core, and the fixture alone (to tell the two apart). */
  @ParameterizedTest
  @ValueSource(strings = {"LFE5U-25F", "XC7A35T", "iCE40UP5K"})
  void uartBoardTopEstimate(String partName) {
    Part part = Boards.part(partName);
    Path rtl = BitstreamFlowFpgaTest.WORK.resolve("est-uart-rtl");
    dev.spikeforge.hwgen.board.UartBoardTopParams p = BitstreamFlowFpgaTest.uartTop(Boards.icebreaker(), rtl);
    for (String top : new String[] {p.name(), "CountingTestCore"}) {
      if (top.equals("CountingTestCore") && !partName.equals("iCE40UP5K")) {
        continue;
      }
      long start = System.nanoTime();
      ResourceEstimate e = SynthEstimator.run(rtl, top, part, BitstreamFlowFpgaTest.WORK.resolve("est-" + top + "-" + partName),
          FlowOptions.defaults());
      System.out.printf(Locale.ROOT, "[estimate] %s on %s: LUT%d %d, FF %d, BRAM %d, DSP %d, carry %d; yosys %.1f s%n",
          top, partName, part.lutInputs(), e.get("luts").used(), e.get("flipFlops").used(), e.get("blockRams").used(),
          e.get("dsps").used(), e.get("carries").used(), (System.nanoTime() - start) / 1e9);
      assertTrue(e.get("luts").used() > 50 && e.get("luts").used() < part.luts());
      if (top.equals(p.name()) && part.family() != dev.spikeforge.boards.Family.XC7) {
        // (on 7-series Yosys puts a 4-kbit memory in LUT RAM, as Vivado would)
        assertTrue(e.get("blockRams").used() >= 1, "the receive FIFO maps to block RAM on " + partName);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"LFE5U-25F", "XC7A35T"})
  void lifUnitEstimate(String partName) throws IOException {
    Part part = Boards.part(partName);
    Path rtl = BitstreamFlowFpgaTest.WORK.resolve("est-rtl");
    GeneratedModule w = BitstreamFlowFpgaTest.lifInScanWrapper(rtl);
    Path out = BitstreamFlowFpgaTest.WORK.resolve("est-" + partName);
    long start = System.nanoTime();
    ResourceEstimate e = SynthEstimator.run(rtl, w.moduleName(), part, out, FlowOptions.defaults());
    double secs = (System.nanoTime() - start) / 1e9;
    long luts = e.get("luts").used();
    long ffs = e.get("flipFlops").used();
    System.out.printf(Locale.ROOT, "[estimate] %s on %s: LUT%d %d/%d, FF %d/%d, BRAM %d, DSP %d, carry %d; yosys %.1f s%n",
        e.design(), partName, part.lutInputs(), luts, part.luts(), ffs, part.flipFlops(), e.get("blockRams").used(),
        e.get("dsps").used(), e.get("carries").used(), secs);
    assertTrue(luts > 30 && luts < 2000, "LUTs " + luts);
    assertTrue(ffs >= 52 + 17 && ffs < 300, "flip-flops " + ffs);
    assertEquals(3, e.get("io").used());
    JsonNode j = JsonMappers.compact().readTree(out.resolve("reports").resolve("estimate-" + partName + ".json").toFile());
    assertEquals(luts, j.path("resources").path("luts").path("used").asLong());
    assertTrue(j.path("basis").asText().contains("no place and route"));
  }
}
