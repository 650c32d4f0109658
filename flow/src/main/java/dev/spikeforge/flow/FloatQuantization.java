package dev.spikeforge.flow;

import dev.spikeforge.compiler.build.ModelInput;
import dev.spikeforge.compiler.quantize.QuantizationCheck;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.SpikeEncoder;
import dev.spikeforge.golden.network.FloatNetwork;
import java.util.Locale;

/**
 * The one quantization of a float model behind every command that quantizes ({@code evaluate --quantize},
 * {@code compile}, {@code train}, {@code binarize}, {@code model fit-linear}): {@link ModelInput#quantize} with the request's scale rule
 * ({@link ScaleRule}, calibrated by default) on the calibration slice of {@link CalibrationRule}, then the
 * check: float against integer accuracy on that slice, a loud warning when the drop exceeds
 * {@link QuantizationCheck#defaultTolerancePoints}, a {@link ConfigException} naming {@code maxDrop} (nothing
 * written) when it exceeds the request's {@code maxDrop}.
 */
final class FloatQuantization {
  private FloatQuantization() {}

  /**
   * {@code fl} quantized and checked.
   *
   * @param format            the model's file format and {@code sha256} its hash (recorded by a compile)
   * @param membraneWidth     bits, or null for automatic
   * @param membraneTolerance a fraction: also calibrate the membrane width from {@code membraneWidth}; or null
   * @param scale             the request's scale rule, or null for {@value ScaleRule#DEFAULT}
   * @param calibrationSet    the calibration images, or null ({@code --calibration-images 0}): then the scale
   *                          must be a fixed rule and the quantization is not checked (and warns so)
   * @param maxDrop           refuse a drop above this many points, or null to warn only
   */
  static ModelInput.Loaded run(FloatNetwork fl, String format, String sha256, int weightWidth, Integer membraneWidth,
      Double membraneTolerance, String scale, Dataset calibrationSet, SpikeEncoder encoder, int threads,
      Double maxDrop, FlowEvents events) {
    if (calibrationSet == null) {
      ConfigException.require(scale != null && !scale.equals(ScaleRule.DEFAULT), "scale", ScaleRule.name(scale)
          + " needs calibration images; with --calibration-images 0 choose max-abs, power-of-two or percentile:P");
      ConfigException.require(membraneTolerance == null, "membraneWidth",
          "calibrate needs calibration images; give --calibration-images N or a number of bits");
      ConfigException.require(maxDrop == null, "maxDrop", "needs calibration images to measure the drop on");
      return run(fl, format, sha256, weightWidth, membraneWidth, ModelInput.Scaling.fixed(ScaleRule.strategy(scale)),
          scale, null, events);
    }
    ModelInput.Scaling scaling = ScaleRule.of(scale, calibrationSet, encoder, threads);
    if (membraneTolerance != null) {
      scaling = scaling.withMembraneCalibration(membraneTolerance, calibrationSet, encoder, threads);
    }
    return run(fl, format, sha256, weightWidth, membraneWidth, scaling, ScaleRule.name(scale), maxDrop, events);
  }

  /**
   * As above with the scaling given ({@code scaleName} names it in messages); without a calibration set the
   * quantization is not checked, and says so.
   */
  static ModelInput.Loaded run(FloatNetwork fl, String format, String sha256, int weightWidth, Integer membraneWidth,
      ModelInput.Scaling scaling, String scaleName, Double maxDrop, FlowEvents events) {
    Dataset cal = scaling.calibration();
    if (cal != null) {
      int channels = cal.isTemporal() ? cal.raster(0).channels() : cal.sampleLength();
      ConfigException.require(channels == fl.inputSize(), "dataset", "'" + cal.name() + "' has " + channels
          + " input channels but the model has " + fl.inputSize() + " inputs: give the dataset the model was trained"
          + " on (its training split calibrates and checks the quantization), or --calibration-images 0 with a fixed"
          + " --scale to quantize without the check");
    }
    ModelInput.Loaded in;
    try (FlowEvents.Task t = events.ticker("quantizing to " + weightWidth + "-bit weights, scale " + scaleName
        + (cal == null ? ", unchecked" : ", checked on " + cal.size() + " calibration images"))) {
      in = ModelInput.quantize(fl, format, sha256, weightWidth, membraneWidth, scaling);
    }
    if (in.check() == null) {
      events.warn(String.format(Locale.ROOT, "quantized to %d-bit weights (scale %s) WITHOUT a check: no calibration"
          + " images (--calibration-images 0), so how much accuracy the quantization lost was not measured",
          weightWidth, scaleName));
    } else {
      guard(in.check(), weightWidth, scaleName, maxDrop, events);
    }
    return in;
  }

  /** Checks {@code maxDrop} (refuses) and the default tolerance (warns) of a quantization's check. */
  static void guard(QuantizationCheck c, int weightWidth, String scale, Double maxDrop, FlowEvents events) {
    double drop = c.dropPoints();
    if (maxDrop != null && drop > maxDrop + 1e-9) {
      throw new ConfigException("maxDrop", String.format(Locale.ROOT, "is %.2f points, but quantizing to %d-bit"
          + " weights (scale %s) lost %.2f: %s. Nothing was written. Try %swider weights, or a larger --max-drop",
          maxDrop, weightWidth, scale, drop, c.describe(), scale.startsWith(ScaleRule.DEFAULT) ? ""
              : "--scale calibrate (the default), "));
    }
    double tolerance = QuantizationCheck.defaultTolerancePoints(weightWidth);
    if (drop > tolerance + 1e-9) {
      events.warn(String.format(Locale.ROOT, "quantizing to %d-bit weights (scale %s) lost %.2f points of accuracy,"
          + " more than the %.0f tolerated at this width: %s. Try %swider weights (--weight-width / --quantize /"
          + " --weight-bits), or --max-drop POINTS to refuse such a result.", weightWidth, scale, drop, tolerance,
          c.describe(), scale.startsWith(ScaleRule.DEFAULT) ? "" : "--scale calibrate (the default), "));
    }
  }
}
