package dev.spikeforge.flow;

import dev.spikeforge.boards.flow.ResourceUse;
import java.util.List;

/**
 * What the bitstream step produced: the bitstream, the resources, timing and the power estimate.
 *
 * @param board           the board
 * @param part            its FPGA part
 * @param bitstream       the bitstream file
 * @param resources       the resources used, in the order of the utilization report
 * @param fmaxMhz         the worst Fmax nextpnr reports
 * @param timingMet       whether every clock met its target
 * @param powerMw         the estimated total power
 * @param powerClockMhz   the clock the power was estimated at
 * @param powerConfidence how far to trust the estimate
 * @param coreMhz         the core clock
 * @param pll             whether the core clock comes from the iCE40 PLL
 */
public record BitstreamOutcome(String board, String part, String bitstream, List<ResourceUse> resources,
    double fmaxMhz, boolean timingMet, double powerMw, double powerClockMhz, String powerConfidence, double coreMhz,
    boolean pll) {

  /** The resource called {@code name} ({@code logicCells}, {@code blockRams}, {@code sprams}, …). */
  public ResourceUse resource(String name) {
    return resources.stream().filter(r -> r.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no resource '" + name + "' in " + resources));
  }
}
