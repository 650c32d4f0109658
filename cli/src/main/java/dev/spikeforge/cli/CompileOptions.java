package dev.spikeforge.cli;

import dev.spikeforge.compiler.build.ModelInput;
import dev.spikeforge.compiler.quantize.Calibration;
import dev.spikeforge.compiler.quantize.ScaleStrategy;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.RateEncoder;
import java.util.function.Supplier;

/** The parsing of {@code spikeforge compile}'s option values. */
final class CompileOptions {
  private CompileOptions() {}

  /** The layer scale rule of {@code --scale}. */
  static ModelInput.Scaling scaling(String scale, Supplier<Dataset> calibrationSet, int nThreads) {
    if (scale.equals("max-abs")) {
      return ModelInput.Scaling.fixed(ScaleStrategy.maxAbs());
    }
    if (scale.equals("power-of-two")) {
      return ModelInput.Scaling.fixed(ScaleStrategy.powerOfTwo());
    }
    if (scale.startsWith("percentile:")) {
      try {
        return ModelInput.Scaling.fixed(ScaleStrategy.percentile(Double.parseDouble(scale.substring(11))));
      } catch (NumberFormatException e) {
        throw new UserException("--scale percentile:P needs a number P in (0, 100], not '" + scale.substring(11) + "'");
      }
    }
    if (scale.equals("calibrate")) {
      return ModelInput.Scaling.calibrated(Calibration.DEFAULT_CANDIDATES, calibrationSet.get(), new RateEncoder(), nThreads);
    }
    throw new UserException("--scale must be max-abs, power-of-two, percentile:P or calibrate, not '" + scale + "'");
  }

  static int membraneBits(String v) {
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new UserException("--membrane-width must be a number of bits, 'auto' or 'calibrate', not '" + v + "'");
    }
  }

  /** {@code v} as a number, or {@code wordValue} for {@code word}. */
  static int parse(String v, String word, int wordValue, String option) {
    if (v.equals(word)) {
      return wordValue;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new UserException(option + " must be a number or '" + word + "', not '" + v + "'");
    }
  }
}
