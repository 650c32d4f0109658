package dev.spikeforge.boards.link;

import java.util.List;

/**
 * The decision of one sample, as the board's RESULT frame reports it (docs/numerics.md section 4).
 *
 * @param prediction   predicted class
 * @param unique       no tie
 * @param decisionStep steps simulated until the decision
 * @param counts       spike count of each output
 */
public record BoardResult(int prediction, boolean unique, int decisionStep, List<Long> counts) {
  public BoardResult {
    counts = List.copyOf(counts);
  }
}
