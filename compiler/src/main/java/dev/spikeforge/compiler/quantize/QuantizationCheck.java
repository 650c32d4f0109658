package dev.spikeforge.compiler.quantize;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.SpikeEncoder;
import dev.spikeforge.golden.eval.Evaluator;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.NetworkSpec;
import java.util.Locale;

/**
 * What a quantization cost, measured: the float model and its quantized integer network on the same
 * calibration slice (the last training images; never the test set), with the same input coding.
 * Every quantization of a float model runs this check; a drop above {@link #defaultTolerancePoints}
 * is reported loudly (docs/quantization.md, "The check after every quantization").
 *
 * @param samples       calibration images
 * @param floatAccuracy the float model's accuracy on them
 * @param intAccuracy   the integer golden model's accuracy on them
 */
public record QuantizationCheck(int samples, double floatAccuracy, double intAccuracy) {
  /** Tolerated drop at 8 bits and wider weights, in percentage points. */
  public static final double WIDE_TOLERANCE_POINTS = 1.0;

  /** Tolerated drop below 8-bit weights, in percentage points. */
  public static final double NARROW_TOLERANCE_POINTS = 3.0;

  /**
   * Runs the float model and {@code net} on {@code calibration}; {@code knownIntAccuracy} (the
   * calibration's own measurement of exactly {@code net} on the same set) saves the integer run.
   */
  public static QuantizationCheck measure(FloatNetwork fl, NetworkSpec net, Dataset calibration, SpikeEncoder encoder,
      int threads, Double knownIntAccuracy) {
    double f = Evaluator.evaluate(fl, calibration, encoder, threads, null).accuracy();
    double i = knownIntAccuracy != null ? knownIntAccuracy
        : Evaluator.evaluate(net, calibration, encoder, threads, null).accuracy();
    return new QuantizationCheck(calibration.size(), f, i);
  }

  /**
   * The drop tolerated without a warning for {@code weightWidth}-bit weights: {@value #WIDE_TOLERANCE_POINTS}
   * point at 8 bits and above, {@value #NARROW_TOLERANCE_POINTS} points below.
   */
  public static double defaultTolerancePoints(int weightWidth) {
    return weightWidth >= 8 ? WIDE_TOLERANCE_POINTS : NARROW_TOLERANCE_POINTS;
  }

  /** Float minus integer accuracy, in percentage points (positive: the quantization lost accuracy). */
  public double dropPoints() {
    return 100 * (floatAccuracy - intAccuracy);
  }

  /** e.g. {@code float 87.95 %, integer 87.40 % on 2000 calibration images (drop 0.55 points)}. */
  public String describe() {
    return String.format(Locale.ROOT, "float %.2f %%, integer %.2f %% on %d calibration images (drop %.2f points)",
        100 * floatAccuracy, 100 * intAccuracy, samples, dropPoints());
  }
}
