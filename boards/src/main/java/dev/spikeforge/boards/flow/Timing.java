package dev.spikeforge.boards.flow;

import java.util.List;
import java.util.Optional;

/**
 * Post-route timing from nextpnr's report.
 *
 * @param design          top module
 * @param board           board short name
 * @param targetMhz       the {@code --freq} constraint
 * @param seed            nextpnr's {@code --seed}
 * @param timingAllowFail whether {@code --timing-allow-fail} was given (a bitstream despite a miss)
 * @param clocks          every clock domain, by name
 * @param coreClock       the design's clock when its top makes it with the PLL: board clock, core
 *                        clock and the PLL's dividers (empty when the logic runs on the board clock)
 */
public record Timing(String design, String board, double targetMhz, int seed, boolean timingAllowFail,
    List<ClockTiming> clocks, Optional<CoreClock> coreClock) {
  public Timing {
    clocks = List.copyOf(clocks);
    if (coreClock == null) {
      throw new IllegalArgumentException("coreClock must not be null (Optional.empty() = the board clock)");
    }
  }

  /** Whether every clock meets its target (true for a design without clocks). */
  public boolean met() {
    return clocks.stream().allMatch(ClockTiming::met);
  }

  /** The lowest Fmax over all clocks, or NaN without clocks. */
  public double worstFmaxMhz() {
    return clocks.stream().mapToDouble(ClockTiming::fmaxMhz).min().orElse(Double.NaN);
  }
}
