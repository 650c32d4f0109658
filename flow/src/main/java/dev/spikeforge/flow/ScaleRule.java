package dev.spikeforge.flow;

import dev.spikeforge.compiler.build.ModelInput;
import dev.spikeforge.compiler.quantize.Calibration;
import dev.spikeforge.compiler.quantize.ScaleStrategy;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.RateEncoder;
import java.util.function.Supplier;

/** {@link CompileRequest#scale()}: max-abs, power-of-two, percentile:P or calibrate. */
final class ScaleRule {
  private ScaleRule() {}

  /** Refuses a scale rule that is none of the four forms. */
  static void check(String scale) {
    if (scale != null && !scale.equals("calibrate")) {
      fixed(scale);
    }
  }

  /** The scaling of {@code scale} (null: max-abs); the calibration set is loaded only for {@code calibrate}. */
  static ModelInput.Scaling of(String scale, Supplier<Dataset> calibrationSet, int threads) {
    if ("calibrate".equals(scale)) {
      return ModelInput.Scaling.calibrated(Calibration.DEFAULT_CANDIDATES, calibrationSet.get(), new RateEncoder(),
          threads);
    }
    return ModelInput.Scaling.fixed(fixed(scale));
  }

  private static ScaleStrategy fixed(String scale) {
    if (scale == null || scale.equals("max-abs")) {
      return ScaleStrategy.maxAbs();
    }
    if (scale.equals("power-of-two")) {
      return ScaleStrategy.powerOfTwo();
    }
    if (scale.startsWith("percentile:")) {
      try {
        return ScaleStrategy.percentile(Double.parseDouble(scale.substring(11)));
      } catch (NumberFormatException e) {
        throw new ConfigException("scale", "percentile:P needs a number P in (0, 100], not '" + scale.substring(11) + "'");
      }
    }
    throw new ConfigException("scale", "must be max-abs, power-of-two, percentile:P or calibrate, not '" + scale + "'");
  }
}
