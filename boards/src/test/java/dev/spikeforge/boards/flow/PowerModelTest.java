package dev.spikeforge.boards.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.boards.Boards;
import dev.spikeforge.boards.Part;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class PowerModelTest {
  private static final Part UP5K = Boards.part("iCE40UP5K");

  /** The model reproduces the measurements it was fitted to within the error its docs state. */
  @Test
  void reproducesThePublishedUp5kMeasurements() {
    // HFOSC 12 MHz + 24-bit counter (28 LCs, ~7 % of its bits toggle per clock): 645 µA core
    double mw = core(UP5K, 28, 0, 12, 0.07);
    assertEquals(645 * 1.2 / 1000, mw, 0.1 * 645 * 1.2 / 1000);
    // 48 MHz: 2184 µA
    assertEquals(2184 * 1.2 / 1000, core(UP5K, 28, 0, 48, 0.07), 0.1 * 2184 * 1.2 / 1000);
    // 12 MHz + math without DSP (208 LCs; the datapath's 180 at activity 0.5): 996 µA
    double math = core(UP5K, 28, 0, 12, 0.07) + (core(UP5K, 180, 0, 12, 0.5) - core(UP5K, 0, 0, 12, 0.5));
    assertEquals(996 * 1.2 / 1000, math, 0.1 * 996 * 1.2 / 1000);
  }

  /** Core-rail power (static core + clock + logic + DSP), as measured on the core rail. */
  private static double core(Part part, long cells, long dsps, double mhz, double toggle) {
    PowerEstimate e = PowerModel.estimate(part, cells, 0, 0, dsps, 0, mhz, toggle, 0, 10);
    return e.terms().stream().filter(t -> !t.name().startsWith("static I/O")).mapToDouble(PowerTerm::milliwatts).sum();
  }

  @Test
  void everyTermSaysWhereItComesFromAndAssumptionsAreMarked() {
    PowerEstimate e = PowerModel.estimate(UP5K, 1000, 3, 1, 2, 2, 12, 0.125, 0.01, 10);
    assertTrue(e.terms().stream().allMatch(t -> !t.source().isBlank() && !t.basis().isBlank()));
    assertTrue(e.terms().stream().filter(t -> t.name().equals("block RAMs")).allMatch(t -> t.source().startsWith("ASSUMED")));
    assertTrue(e.terms().stream().filter(t -> t.name().equals("SPRAMs")).allMatch(t -> t.source().startsWith("ASSUMED")));
    assertEquals(e.totalMw(), e.terms().stream().mapToDouble(PowerTerm::milliwatts).sum(), 0.01);
    assertTrue(e.limits().get(0).startsWith("an estimate, not a measurement"));
    assertEquals("medium", e.confidence());
    assertEquals("low", PowerModel.estimate(Boards.part("iCE40HX8K"), 1000, 0, 0, 0, 2, 12, 0.125, 0.01, 10).confidence());
  }

  @Test
  void moreLogicOrClockCostsMore() {
    double a = PowerModel.estimate(UP5K, 500, 1, 0, 0, 2, 12, 0.125, 0.01, 10).totalMw();
    double b = PowerModel.estimate(UP5K, 1000, 1, 0, 0, 2, 12, 0.125, 0.01, 10).totalMw();
    double c = PowerModel.estimate(UP5K, 1000, 1, 0, 0, 2, 24, 0.125, 0.01, 10).totalMw();
    assertTrue(a < b && b < c, a + " " + b + " " + c);
  }

  @Test
  void partsWithoutAModelAndBadRatesAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PowerModel.estimate(Boards.part("XC7A35T"), 1, 0, 0, 0, 0, 12, 0.1, 0.01, 10));
    assertTrue(e.getMessage().contains("XC7A35T"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> PowerModel.estimate(UP5K, 1, 0, 0, 0, 0, 12, 1.5, 0.01, 10));
  }
}
