package dev.spikeforge.boards.flow;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One resource of a design on a part.
 *
 * @param name      e.g. {@code logicCells}, {@code lut4}, {@code blockRams}
 * @param used      units the design uses
 * @param available units the part has, or -1 where no capacity applies (e.g. carry cells)
 * @param source    where {@code used} comes from (e.g. "nextpnr ICESTORM_LC", "yosys stat SB_LUT4")
 */
public record ResourceUse(String name, long used, long available, String source) {

  /** Percentage of the part used, to 0.1 %, or NaN without a capacity. */
  public double percent() {
    if (available <= 0) {
      return available == 0 && used == 0 ? 0.0 : Double.NaN;
    }
    return round(100.0 * used / available, 1);
  }

  /** Whether the design needs more than the part has. */
  public boolean overflows() {
    return available >= 0 && used > available;
  }

  /** {@code x} rounded half-up to {@code digits} decimals (for stable JSON). */
  static double round(double x, int digits) {
    if (!Double.isFinite(x)) {
      return x;
    }
    return BigDecimal.valueOf(x).setScale(digits, RoundingMode.HALF_UP).doubleValue();
  }
}
