package dev.spikeforge.boards.flow;

import java.util.List;

/**
 * Post-route timing from nextpnr's report.
 *
 * @param design          top module
 * @param board           board short name
 * @param targetMhz       the {@code --freq} constraint
 * @param seed            nextpnr's {@code --seed}
 * @param timingAllowFail whether {@code --timing-allow-fail} was given (a bitstream despite a miss)
 * @param clocks          every clock domain, by name
 */
public record Timing(String design, String board, double targetMhz, int seed, boolean timingAllowFail,
    List<ClockTiming> clocks) {
  public Timing {
    clocks = List.copyOf(clocks);
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
