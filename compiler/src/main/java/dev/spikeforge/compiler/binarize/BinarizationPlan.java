package dev.spikeforge.compiler.binarize;

import java.util.List;
import java.util.Locale;

/**
 * What the {@link BinarizationPlanner} chose and what it measured.
 *
 * @param binarized names of the layers to binarize, in the order they were added
 * @param baselineAccuracy validation accuracy of the quantized network with no layer binarized
 * @param plannedAccuracy validation accuracy with the chosen layers binarized
 * @param baselineBits weight memory with no layer binarized
 * @param plannedBits weight memory of the plan
 * @param scores the per-layer estimates, in network order
 */
public record BinarizationPlan(
    List<String> binarized,
    double baselineAccuracy,
    double plannedAccuracy,
    long baselineBits,
    long plannedBits,
    List<LayerScore> scores) {

  /**
   * The estimator's view of one layer.
   *
   * @param layer name
   * @param denseBits weight memory as a multi-bit layer
   * @param binaryBits weight memory binarized (1 bit per weight)
   * @param approximationError ‖W − α sign W‖² / ‖W‖²
   * @param accuracyAlone validation accuracy with only this layer binarized
   */
  public record LayerScore(String layer, long denseBits, long binaryBits, double approximationError,
      double accuracyAlone) {}

  /** Fraction of the weight memory saved. */
  public double savedFraction() {
    return baselineBits == 0 ? 0 : 1 - plannedBits / (double) baselineBits;
  }

  /** Accuracy lost, in percentage points. */
  public double accuracyLossPoints() {
    return 100 * (baselineAccuracy - plannedAccuracy);
  }

  public String toTable() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%-12s %12s %12s %10s %10s%n", "layer", "dense bits", "binary bits",
        "approxErr", "acc alone"));
    for (LayerScore s : scores) {
      sb.append(String.format(Locale.ROOT, "%-12s %12d %12d %10.4f %9.2f%%%n", s.layer(), s.denseBits(),
          s.binaryBits(), s.approximationError(), 100 * s.accuracyAlone()));
    }
    sb.append(String.format(Locale.ROOT,
        "binarize %s: weight memory %d -> %d bits (%.1f %% saved), accuracy %.2f %% -> %.2f %% (%.2f points)%n",
        binarized.isEmpty() ? "nothing" : String.join(", ", binarized), baselineBits, plannedBits,
        100 * savedFraction(), 100 * baselineAccuracy, 100 * plannedAccuracy, accuracyLossPoints()));
    return sb.toString();
  }
}
