package dev.spikeforge.flow;

import dev.spikeforge.golden.eval.EvalReport;

/**
 * What the quantize step produced: the calibration's choices and the accuracy of the float model and
 * of the integer golden model on the same test images.
 *
 * @param scaleRule           the layer scale rule the calibration chose
 * @param membraneWidth       the membrane width the calibration chose
 * @param calibrationAccuracy the integer accuracy at that width on the calibration images
 * @param referenceAccuracy   the same at {@link CalibrationRule#REFERENCE_MEMBRANE_WIDTH} bits
 * @param floatReport         the float model on the test images
 * @param intReport           the integer golden model on the test images
 */
public record QuantizeOutcome(String scaleRule, int membraneWidth, double calibrationAccuracy,
    double referenceAccuracy, EvalReport floatReport, EvalReport intReport) {

  /** Integer minus float accuracy, in percentage points. */
  public double accuracyChangePoints() {
    return 100 * (intReport.accuracy() - floatReport.accuracy());
  }
}
