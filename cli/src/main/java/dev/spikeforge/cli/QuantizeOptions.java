package dev.spikeforge.cli;

import dev.spikeforge.compiler.quantize.QuantizationCheck;
import dev.spikeforge.flow.CalibrationRule;
import picocli.CommandLine.Option;

/**
 * The options of every command that quantizes a float model (evaluate, compile, binarize; train takes
 * {@code --scale}): the scale rule, the calibration images and the accuracy drop that is refused.
 */
final class QuantizeOptions {
  static final String SCALE = "Layer scale rule of the quantization: calibrate (try max-abs and percentiles 99.99..95,"
      + " keep the best integer accuracy on the calibration images, TRAINING split), max-abs (no weight clipped),"
      + " power-of-two, or percentile:P (clip the |w| above the P-th percentile). Default: calibrate.";

  @Option(names = "--scale", paramLabel = "S", description = SCALE)
  String scale;

  @Option(names = "--calibration-images", defaultValue = "" + CalibrationRule.DEFAULT_IMAGES, paramLabel = "N",
      description = "The scale calibration and the quantization check (float against integer accuracy) run on the"
          + " last N images of the dataset's training split, never on the images evaluated; 0: no check (a model"
          + " without a dataset; needs a fixed --scale, and says it is unchecked). Default: ${DEFAULT-VALUE}.")
  int calibrationImages;

  @Option(names = "--max-drop", paramLabel = "POINTS",
      description = "Refuse the quantization (exit 2, nothing written) when the integer accuracy on the calibration"
          + " images is more than POINTS below the float model's. Without it a drop above "
          + QuantizationCheck.WIDE_TOLERANCE_POINTS + " point (8-bit weights and wider; "
          + QuantizationCheck.NARROW_TOLERANCE_POINTS + " below) prints a WARNING.")
  Double maxDrop;
}
