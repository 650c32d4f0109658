package dev.spikeforge.boards.flow;

/**
 * Timing of one clock after routing.
 *
 * @param name      the design's clock port/net (e.g. {@code clk})
 * @param net       nextpnr's net name (e.g. {@code clk$SB_IO_IN_$glb_clk})
 * @param fmaxMhz   the highest frequency at which every path of this clock meets timing, 0.01 MHz
 * @param targetMhz the constraint it was placed and routed for
 */
public record ClockTiming(String name, String net, double fmaxMhz, double targetMhz) {
  /** Whether the clock meets its target. */
  public boolean met() {
    return fmaxMhz >= targetMhz;
  }
}
