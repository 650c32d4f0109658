package dev.spikeforge.flow;

/**
 * The quantize step: the float model to integer weights, its layer scales and membrane width
 * calibrated by {@link CalibrationRule} on training images (never the test set).
 *
 * @param weightWidth        signed weight bits
 * @param calibrationImages  training images of the calibration (the last ones of the split)
 * @param membraneTolerance  accuracy loss accepted by the membrane-width calibration against
 *                           {@link CalibrationRule#REFERENCE_MEMBRANE_WIDTH}-bit membranes, as a fraction
 */
public record QuantizeConfig(int weightWidth, int calibrationImages, double membraneTolerance) {

  /** Validates. */
  public QuantizeConfig {
    ConfigException.require(weightWidth >= 1 && weightWidth <= 16, "quantize.weightWidth",
        "must be 1..16 bits, got " + weightWidth);
    ConfigException.require(calibrationImages >= 1, "quantize.calibrationImages", "must be at least 1, got "
        + calibrationImages);
    ConfigException.require(membraneTolerance >= 0 && membraneTolerance < 1, "quantize.membraneTolerance",
        "must be a fraction in [0, 1), got " + membraneTolerance);
  }

  /** {@code weightWidth}-bit weights, calibrated by the default rule. */
  public static QuantizeConfig of(int weightWidth) {
    return new QuantizeConfig(weightWidth, CalibrationRule.DEFAULT_IMAGES, CalibrationRule.DEFAULT_MEMBRANE_TOLERANCE);
  }
}
