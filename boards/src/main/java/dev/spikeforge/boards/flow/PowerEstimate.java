package dev.spikeforge.boards.flow;

import java.util.List;

/**
 * An ESTIMATE of a design's supply power on its part; see {@link PowerModel} for the method and
 * docs/hardware.md for its limits. Never a measurement.
 *
 * @param part        FPGA part
 * @param clockMhz    operating clock (the board clock unless told otherwise), not Fmax
 * @param toggleRate  assumed fraction of logic cells, DSPs and block RAMs switching per clock
 * @param terms       static and dynamic terms
 * @param totalMw     sum of the terms, to the µW
 * @param confidence  "low" or "medium", by how much of the model is measured for this part
 * @param method      one-sentence description of the model
 * @param limits      what the estimate leaves out or cannot know
 */
public record PowerEstimate(String part, double clockMhz, double toggleRate, List<PowerTerm> terms,
    double totalMw, String confidence, String method, List<String> limits) {
  public PowerEstimate {
    terms = List.copyOf(terms);
    limits = List.copyOf(limits);
  }
}
