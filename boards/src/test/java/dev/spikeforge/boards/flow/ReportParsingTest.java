package dev.spikeforge.boards.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.boards.Family;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Parsing of the tools' reports on checked-in fixtures: nextpnr-ice40 0.4 reports of the UART board
 * top on the UP5K (timing met at 12 MHz, missed at 100 MHz; critical paths cut out), and Yosys 0.23
 * {@code stat -json} after synth_ice40, synth_ecp5 and synth_xilinx.
 */
@Tag("unit")
class ReportParsingTest {

  static String fixture(String name) {
    try (InputStream in = ReportParsingTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("missing fixture " + name, e);
    }
  }

  @Test
  void nextpnrReportGivesUtilizationAndFmax() {
    NextpnrReport r = NextpnrReport.parse(fixture("report-up5k.json"));
    assertEquals(new NextpnrReport.Use(1049, 5280), r.use("ICESTORM_LC"));
    assertEquals(new NextpnrReport.Use(1, 30), r.use("ICESTORM_RAM"));
    assertEquals(new NextpnrReport.Use(5, 96), r.use("SB_IO"));
    assertEquals(new NextpnrReport.Use(0, 0), r.use("NO_SUCH_BEL"));
    NextpnrReport.ClockFmax clk = r.fmax().get("clk$SB_IO_IN_$glb_clk");
    assertEquals(34.467, clk.achievedMhz(), 1e-3);
    assertEquals(12.0, clk.constraintMhz());
    assertTrue(clk.met());
    assertEquals("clk", NextpnrReport.clockName("clk$SB_IO_IN_$glb_clk"));
  }

  @Test
  void aMissedTargetIsVisibleInTheReport() {
    NextpnrReport r = NextpnrReport.parse(fixture("report-up5k-timing-fail.json"));
    NextpnrReport.ClockFmax clk = r.fmax().values().iterator().next();
    assertEquals(100.0, clk.constraintMhz());
    assertFalse(clk.met());
  }

  @Test
  void malformedReportsSayWhatIsWrong() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> NextpnrReport.parse("{\"fmax\": {}}"))
        .getMessage().contains("utilization"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> NextpnrReport.parse("{"))
        .getMessage().contains("not JSON"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> NextpnrReport.parse("{\"utilization\": {\"ICESTORM_LC\": {\"used\": \"many\", \"available\": 1}}}"))
        .getMessage().contains("utilization.ICESTORM_LC.used"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> YosysStat.parse("{\"modules\": {}}"))
        .getMessage().contains("num_cells_by_type"));
  }

  @Test
  void ice40StatCountsLutsFlipFlopsAndRams() {
    YosysStat s = YosysStat.parse(fixture("stat-ice40.json"));
    YosysStat.Resources r = s.resources(Family.ICE40);
    assertEquals(764, r.luts());
    assertEquals(30 + 97 + 309 + 10 + 57 + 3, r.flipFlops()); // every SB_DFF* variant
    assertEquals(1, r.blockRams());
    assertEquals(231, r.carries());
    assertEquals(0, r.dsps());
  }

  @Test
  void ecp5StatCountsCarryCellsAsTwoLuts() {
    YosysStat.Resources r = YosysStat.parse(fixture("stat-ecp5.json")).resources(Family.ECP5);
    assertEquals(354 + 2 * 45, r.luts());
    assertEquals(91, r.flipFlops());
    assertEquals(45, r.carries());
  }

  @Test
  void xilinxStatSumsLutSizesAndFlipFlopKinds() {
    YosysStat s = YosysStat.parse(fixture("stat-xc7.json"));
    YosysStat.Resources r = s.resources(Family.XC7);
    assertEquals(2 + 35 + 28 + 32 + 21 + 79, r.luts()); // LUT1..LUT6; the 5 INV cells fold into LUTs
    assertEquals(90 + 1, r.flipFlops()); // FDRE + FDSE
    assertEquals(19, r.carries());
    assertEquals(0, r.blockRams());
    assertEquals(List.of("BUFG", "CARRY4"), s.cells().keySet().stream().limit(2).toList(), "cells sorted by type");
  }

  @Test
  void percentagesAreRoundedAndOverflowsFlagged() {
    ResourceUse r = new ResourceUse("lut4", 1049, 5280, "x");
    assertEquals(19.9, r.percent());
    assertFalse(r.overflows());
    assertTrue(new ResourceUse("io", 70, 39, "x").overflows());
    assertTrue(Double.isNaN(new ResourceUse("carries", 5, -1, "x").percent()));
  }
}
