package dev.spikeforge.boards.flow;

import dev.spikeforge.boards.Part;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Power estimate for iCE40 parts: static current plus, per resource, a dynamic coefficient in µA per
 * MHz at full activity times the clock times an assumed toggle rate, all at the nominal core
 * voltage; output pins add C·V²·f. The iCE40 UltraPlus coefficients are fitted to published
 * measurements of an iCE40UP5K-SG48 (tinyvision.ai, github.com/tinyvision-ai-inc/ice40_power,
 * Joulescope on each rail):
 * <ul>
 *   <li>static core 85.6 µA: "blank design" row;</li>
 *   <li>clock network 43 µA/MHz: a 24-bit counter on HFOSC at 6/12/24/48 MHz draws 388/645/1162/2184
 *       µA (slope 42.8 µA/MHz); an external 12 MHz clock with a 28-bit counter adds 528 µA (44/MHz);</li>
 *   <li>logic cells 0.33 µA/MHz per cell at full activity: a multiplier datapath of 180 cells adds
 *       351 µA at 12 MHz (assumed activity 0.5);</li>
 *   <li>DSP 25 µA/MHz at full activity: one SB_MAC16 in place of 136 cells draws 882 instead of 996
 *       µA at 12 MHz.</li>
 * </ul>
 * Block RAM and SPRAM are not in those measurements; their coefficients (4 and 16 µA/MHz at full
 * activity, about 5 and 20 pJ per access) are ASSUMPTIONS of the order of magnitude of 40 nm SRAM
 * accesses, marked as such in every report. The iCE40 HX parts reuse the UltraPlus dynamic
 * coefficients (unmeasured) with the data sheet's typical static core current.
 */
public final class PowerModel {
  /** Default toggle rate (fraction of cells switching per clock), as vendor calculators assume. */
  public static final double DEFAULT_TOGGLE_RATE = 0.125;
  /** Default fraction of clocks in which an output pin switches (a UART at 115200 baud: ~0.01). */
  public static final double DEFAULT_IO_TOGGLE_RATE = 0.01;
  /** Default load on an output pin, pF. */
  public static final double DEFAULT_IO_LOAD_PF = 10.0;

  private static final String TINYVISION =
      "measured: tinyvision-ai-inc/ice40_power, iCE40UP5K-SG48 rails (Joulescope JS110)";

  /** Coefficients of one part, in µA (static) and µA per MHz at toggle rate 1 (dynamic). */
  record Coefficients(double coreVolts, double ioVolts, double staticCoreUa, String staticSource,
      double staticIoUa, double clockUaPerMhz, double logicCellUaPerMhz, double dspUaPerMhz,
      double blockRamUaPerMhz, double spramUaPerMhz, String dynamicSource, String confidence) {}

  private PowerModel() {}

  /** The coefficients for {@code part}, or null if the part has none (non-iCE40). */
  static Coefficients coefficients(Part part) {
    return switch (part.name()) {
      case "iCE40UP5K" -> new Coefficients(1.2, 3.3, 85.6, TINYVISION + ", blank design", 6.2, 43.0, 0.33, 25.0,
          4.0, 16.0, TINYVISION, "medium");
      case "iCE40HX8K" -> new Coefficients(1.2, 3.3, 1140.0,
          "data sheet typical (iCE40 LP/HX FPGA-DS-02029, static supply current of HX4K/HX8K; value not re-checked against the current revision)", 0.0, 43.0,
          0.33, 25.0, 4.0, 16.0, "UltraPlus coefficients reused for HX (unmeasured)", "low");
      default -> null;
    };
  }

  /**
   * Estimates power.
   *
   * @param logicCells  placed logic cells
   * @param blockRams   block RAMs
   * @param sprams      SPRAMs
   * @param dsps        DSP blocks
   * @param outputPins  top-level output pins
   * @param clockMhz    operating clock
   * @param toggleRate  fraction of cells switching per clock, 0..1
   * @param ioToggleRate fraction of clocks in which an output switches, 0..1
   * @param ioLoadPf    load per output pin
   * @return the estimate
   * @throws IllegalArgumentException if the part has no power model or a rate is out of range
   */
  public static PowerEstimate estimate(Part part, long logicCells, long blockRams, long sprams, long dsps,
      long outputPins, double clockMhz, double toggleRate, double ioToggleRate, double ioLoadPf) {
    Coefficients c = coefficients(part);
    if (c == null) {
      throw new IllegalArgumentException("no power model for " + part.name() + "; power estimates cover iCE40 parts");
    }
    if (!(toggleRate >= 0 && toggleRate <= 1) || !(ioToggleRate >= 0 && ioToggleRate <= 1)) {
      throw new IllegalArgumentException("toggle rates must be in 0..1, got " + toggleRate + " and " + ioToggleRate);
    }
    if (!(clockMhz > 0)) {
      throw new IllegalArgumentException("clockMhz must be positive, got " + clockMhz);
    }
    List<PowerTerm> terms = new ArrayList<>();
    double v = c.coreVolts();
    terms.add(new PowerTerm("static core", mw(c.staticCoreUa() * v),
        fmt("%.1f µA x %.2f V", c.staticCoreUa(), v), c.staticSource()));
    if (c.staticIoUa() > 0) {
      terms.add(new PowerTerm("static I/O banks", mw(c.staticIoUa() * c.ioVolts()),
          fmt("%.1f µA x %.2f V", c.staticIoUa(), c.ioVolts()), TINYVISION + ", blank design, banks 0-2"));
    }
    terms.add(new PowerTerm("clock network", mw(c.clockUaPerMhz() * clockMhz * v),
        fmt("%.1f µA/MHz x %.3f MHz x %.2f V", c.clockUaPerMhz(), clockMhz, v), c.dynamicSource()));
    terms.add(dynamic("logic cells", logicCells, c.logicCellUaPerMhz(), clockMhz, toggleRate, v, c.dynamicSource()));
    if (dsps > 0) {
      terms.add(dynamic("DSP blocks", dsps, c.dspUaPerMhz(), clockMhz, toggleRate, v, c.dynamicSource()));
    }
    if (blockRams > 0) {
      terms.add(dynamic("block RAMs", blockRams, c.blockRamUaPerMhz(), clockMhz, toggleRate, v,
          "ASSUMED: ~5 pJ per 4-kbit access (40 nm SRAM order of magnitude); no public measurement"));
    }
    if (sprams > 0) {
      terms.add(dynamic("SPRAMs", sprams, c.spramUaPerMhz(), clockMhz, toggleRate, v,
          "ASSUMED: ~20 pJ per 256-kbit access (40 nm SRAM order of magnitude); no public measurement"));
    }
    if (outputPins > 0) {
      double uw = outputPins * ioToggleRate * clockMhz * ioLoadPf * c.ioVolts() * c.ioVolts(); // pF·MHz·V² = µW
      terms.add(new PowerTerm("output pins", mw(uw),
          fmt("%d pins x %.3f x %.3f MHz x %.1f pF x (%.2f V)^2", outputPins, ioToggleRate, clockMhz, ioLoadPf,
              c.ioVolts()),
          "ASSUMED: load capacitance and switching rate of the board's nets"));
    }
    double total = 0;
    for (PowerTerm t : terms) {
      total += t.milliwatts();
    }
    List<String> limits = List.of(
        "an estimate, not a measurement: a model of " + part.name() + " fitted to a few published measurements",
        "activity is one assumed toggle rate for every cell; real designs differ by an order of magnitude",
        "block RAM and SPRAM coefficients are assumptions, not measurements",
        "excludes PLL, oscillators (HFOSC/LFOSC), RGB LED drivers, configuration flash and board regulators",
        "typical silicon at 25 °C; leakage grows with temperature and varies part to part");
    return new PowerEstimate(part.name(), clockMhz, toggleRate, terms, ResourceUse.round(total, 3), c.confidence(),
        "P = static + sum over resources of (count x µA/MHz at full activity x clock MHz x toggle rate) x V_core"
            + " + outputs x C x V_io^2 x f_toggle",
        limits);
  }

  private static PowerTerm dynamic(String name, long count, double uaPerMhz, double mhz, double toggle, double v,
      String source) {
    double ua = count * uaPerMhz * mhz * toggle;
    return new PowerTerm(name, mw(ua * v),
        fmt("%d x %.2f µA/MHz x %.3f MHz x %.3f x %.2f V", count, uaPerMhz, mhz, toggle, v), source);
  }

  /** µW → mW, rounded to the µW. */
  private static double mw(double microwatts) {
    return ResourceUse.round(microwatts / 1000.0, 3);
  }

  private static String fmt(String f, Object... args) {
    return String.format(Locale.ROOT, f, args);
  }
}
