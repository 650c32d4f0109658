package dev.spikeforge.boards;

/**
 * An FPGA part and its capacities, as the flow checks a design against them. Capacities of the
 * bundled parts ({@code parts.json}) come from the vendors' data sheets; {@code source} says which.
 *
 * @param name          part name, e.g. {@code iCE40UP5K}
 * @param family        FPGA family
 * @param nextpnrDevice nextpnr's device option without dashes ({@code up5k}, {@code hx8k}), or
 *                      {@code null} where no open place-and-route is available here
 * @param lutInputs     inputs of one LUT (4 for iCE40/ECP5, 6 for 7-series)
 * @param luts          LUTs (iCE40: logic cells, one LUT4 + one flip-flop each)
 * @param flipFlops     flip-flops in the fabric
 * @param blockRams     block RAMs (iCE40: 4-kbit EBR; ECP5: 18-kbit EBR; 7-series: 36-kbit RAMB36)
 * @param blockRamBits  bits of one block RAM
 * @param sprams        large single-port RAMs (UP5K: 4 x 256 kbit), 0 if none
 * @param spramBits     bits of one SPRAM (0 if none)
 * @param dsps          multiplier blocks (UP5K: SB_MAC16; ECP5: 18x18 multipliers; 7-series: DSP48E1)
 * @param source        where these figures come from
 */
public record Part(
    String name,
    Family family,
    String nextpnrDevice,
    int lutInputs,
    int luts,
    int flipFlops,
    int blockRams,
    int blockRamBits,
    int sprams,
    int spramBits,
    int dsps,
    String source) {

  public Part {
    require(name != null && !name.isBlank(), "name", "must not be empty");
    require(family != null, "family", "missing");
    require(lutInputs == 4 || lutInputs == 6, "lutInputs", "must be 4 or 6, got " + lutInputs);
    require(luts > 0, "luts", "must be positive, got " + luts);
    require(flipFlops > 0, "flipFlops", "must be positive, got " + flipFlops);
    require(blockRams >= 0, "blockRams", "must be >= 0, got " + blockRams);
    require(blockRamBits > 0 || blockRams == 0, "blockRamBits", "must be positive, got " + blockRamBits);
    require(sprams >= 0, "sprams", "must be >= 0, got " + sprams);
    require(spramBits > 0 || sprams == 0, "spramBits", "must be positive when sprams > 0");
    require(dsps >= 0, "dsps", "must be >= 0, got " + dsps);
    require(nextpnrDevice == null || family == Family.ICE40, "nextpnrDevice",
        "only iCE40 parts can be placed and routed here");
    require(source != null && !source.isBlank(), "source", "say where the capacities come from");
  }

  /** Whether nextpnr can place and route this part here (yosys → nextpnr-ice40 → icepack). */
  public boolean hasOpenPlaceAndRoute() {
    return nextpnrDevice != null;
  }

  private static void require(boolean ok, String field, String message) {
    if (!ok) {
      throw new BoardFormatException("part." + field, message);
    }
  }
}
