package dev.spikeforge.flow;

/**
 * The bitstream step: the core in the UART board top, through yosys, nextpnr-ice40 and icepack for
 * {@link HardwareConfig#board()}.
 *
 * @param enabled whether the step runs (it needs the iCE40 tools)
 * @param freqMhz the core clock in MHz, made by the iCE40 PLL; null for the board clock, no PLL
 */
public record BitstreamConfig(boolean enabled, Double freqMhz) {

  /** Validates. */
  public BitstreamConfig {
    ConfigException.require(freqMhz == null || (Double.isFinite(freqMhz) && freqMhz > 0), "bitstream.freqMhz",
        "must be a positive, finite number of MHz, got " + freqMhz);
  }

  /** The step on the board clock. */
  public static BitstreamConfig boardClock() {
    return new BitstreamConfig(true, null);
  }

  /** The step left out. */
  public BitstreamConfig disabled() {
    return new BitstreamConfig(false, freqMhz);
  }
}
