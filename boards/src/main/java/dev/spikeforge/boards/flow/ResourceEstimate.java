package dev.spikeforge.boards.flow;

import java.util.List;
import java.util.Map;

/**
 * Synthesis-only resource estimate of a design for a part without an open place-and-route here
 * (ECP5, 7-series): Yosys' mapped cell counts against the part's capacities.
 *
 * @param design       top module
 * @param part         FPGA part
 * @param family       family id
 * @param synthCommand the Yosys command used
 * @param resources    luts, flipFlops, blockRams, dsps, carries, io
 * @param cells        every mapped cell type with its count
 */
public record ResourceEstimate(String design, String part, String family, String synthCommand,
    List<ResourceUse> resources, Map<String, Long> cells) {
  public ResourceEstimate {
    resources = List.copyOf(resources);
    cells = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(cells));
  }

  /** The resource called {@code name}. */
  public ResourceUse get(String name) {
    return resources.stream().filter(r -> r.name().equals(name)).findFirst()
        .orElseThrow(() -> new java.util.NoSuchElementException("no resource " + name));
  }
}
