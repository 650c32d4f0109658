package dev.spikeforge.flow;

import dev.spikeforge.compiler.build.ModelInput;
import dev.spikeforge.compiler.quantize.Calibration;
import dev.spikeforge.compiler.quantize.ScaleStrategy;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.SpikeEncoder;

/**
 * The {@code scale} field of every request that quantizes a float model: max-abs, power-of-two, percentile:P
 * or calibrate (the default, {@value #DEFAULT}).
 */
final class ScaleRule {
  /** The scale rule when none is given. */
  static final String DEFAULT = "calibrate";

  private ScaleRule() {}

  /** Refuses a scale rule that is none of the four forms. */
  static void check(String scale) {
    if (scale != null && !scale.equals("calibrate")) {
      fixed(scale);
    }
  }

  /**
   * The scaling of {@code scale} (null: {@value #DEFAULT}), checked on {@code calibrationSet} (with
   * {@code encoder}, the coding the model is evaluated with).
   */
  static ModelInput.Scaling of(String scale, Dataset calibrationSet, SpikeEncoder encoder, int threads) {
    if (scale == null || "calibrate".equals(scale)) {
      return ModelInput.Scaling.calibrated(Calibration.DEFAULT_CANDIDATES, calibrationSet, encoder, threads);
    }
    return ModelInput.Scaling.fixed(fixed(scale), calibrationSet, encoder, threads);
  }

  /** The rule's name as given, or {@value #DEFAULT}. */
  static String name(String scale) {
    return scale == null ? DEFAULT : scale;
  }

  /** The fixed strategy of {@code scale} (not {@code calibrate}). */
  static ScaleStrategy strategy(String scale) {
    return fixed(scale);
  }

  private static ScaleStrategy fixed(String scale) {
    if (scale.equals("max-abs")) {
      return ScaleStrategy.maxAbs();
    }
    if (scale.equals("power-of-two")) {
      return ScaleStrategy.powerOfTwo();
    }
    if (scale.startsWith("percentile:")) {
      double p;
      try {
        p = Double.parseDouble(scale.substring(11));
      } catch (NumberFormatException e) {
        throw new ConfigException("scale", "percentile:P needs a number P in (0, 100], not '" + scale.substring(11) + "'");
      }
      ConfigException.require(p > 0 && p <= 100, "scale", "percentile:P needs P in (0, 100], not " + scale.substring(11));
      return ScaleStrategy.percentile(p);
    }
    throw new ConfigException("scale", "must be max-abs, power-of-two, percentile:P or calibrate, not '" + scale + "'");
  }
}
