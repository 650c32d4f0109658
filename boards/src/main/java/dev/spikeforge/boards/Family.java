package dev.spikeforge.boards;

import java.util.Locale;

/** FPGA families spikeforge knows, with the Yosys command that synthesises for each. */
public enum Family {
  /** Lattice iCE40 (HX/LP/UltraPlus): full open flow, yosys + nextpnr-ice40 + icepack. */
  ICE40("synth_ice40"),
  /** Lattice ECP5: Yosys synthesis only here (nextpnr-ecp5 is not packaged), resource estimates. */
  ECP5("synth_ecp5"),
  /** AMD/Xilinx 7-series: Yosys synthesis only (no open place-and-route), resource estimates. */
  XC7("synth_xilinx -family xc7 -flatten");

  private final String synthCommand;

  Family(String synthCommand) {
    this.synthCommand = synthCommand;
  }

  /** The Yosys synthesis command without {@code -top}, e.g. {@code synth_xilinx -family xc7}. */
  public String synthCommand() {
    return synthCommand;
  }

  /** The JSON spelling, e.g. {@code ice40}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The family spelled {@code id} (case-insensitive). */
  public static Family fromId(String id) {
    for (Family f : values()) {
      if (f.id().equalsIgnoreCase(id)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown FPGA family '" + id + "'; known: ice40, ecp5, xc7");
  }
}
