package dev.spikeforge.boards.flow;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * Resources a placed-and-routed design uses on its part: logic cells, block RAM, SPRAM, DSP, I/O and
 * global buffers from nextpnr's report; LUT4s, flip-flops and carry cells from Yosys' statistics
 * (nextpnr's report counts logic cells, each a LUT4 and/or a flip-flop, not those separately).
 *
 * @param design    top module
 * @param board     board short name
 * @param part      FPGA part
 * @param resources in a fixed order: logicCells, lut4, flipFlops, carries, blockRams, sprams, dsps,
 *                  io, globalBuffers, and plls when the design uses a PLL
 */
public record Utilization(String design, String board, String part, List<ResourceUse> resources) {
  public Utilization {
    resources = List.copyOf(resources);
  }

  /** The resource called {@code name}. */
  public ResourceUse get(String name) {
    return resources.stream().filter(r -> r.name().equals(name)).findFirst()
        .orElseThrow(() -> new NoSuchElementException("no resource " + name + " in the utilization of " + design));
  }
}
