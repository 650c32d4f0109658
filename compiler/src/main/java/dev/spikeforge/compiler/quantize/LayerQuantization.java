package dev.spikeforge.compiler.quantize;

import dev.spikeforge.golden.numerics.FixedFormat;
import dev.spikeforge.golden.spec.LayerKind;
import java.util.OptionalInt;

/**
 * What quantization did to one layer: one row of a {@link QuantizationReport}. Errors compare the
 * float weights {@code w} with the real values the integers stand for, {@code w_int / scale}.
 *
 * @param name layer name
 * @param kind DENSE or BINARIZED
 * @param scale the layer's real scale {@code s}: integer weight, threshold and membrane ≈ {@code s}
 *     × their real values; for BINARIZED layers {@code s = 1 / alpha}
 * @param weightFormat format of one stored weight: DENSE {@code s<width>.0} with the configured
 *     rounding and saturation (the real weight is {@code raw / scale}); BINARIZED {@code u1.0}, the
 *     bit {@code b} standing for {@code 2b - 1} (its rounding field is not used)
 * @param weightCount feedforward plus recurrent weights
 * @param weightRelRmsError {@code ||W - W_int/s|| / ||W||} (Frobenius norms over feedforward and
 *     recurrent weights; 0 when both are 0)
 * @param weightMaxAbsError {@code max |w - w_int/s|}, clipped weights included
 * @param clippedWeights DENSE weights whose rounded value {@code Q(s·w)} did not fit the width and
 *     was saturated (0 for MAX_ABS and POWER_OF_TWO scales, and for BINARIZED layers)
 * @param threshold the float threshold
 * @param thresholdInt the integer threshold
 * @param thresholdRelError {@code (thresholdInt/s - threshold) / threshold}
 * @param leak the float leak factor lambda
 * @param leakShift the integer leak shift k
 * @param leakError {@code (1 - 2^-k) - lambda} (with {@code 1} for {@code k = 0}); 0 when lambda is
 *     exactly of that form
 * @param membraneWidth the chosen signed membrane width
 * @param membraneAuto whether {@code membraneWidth} was chosen by the automatic rule
 * @param autoMembraneWidth what the automatic rule gives for this layer (compare with a fixed width:
 *     a narrower fixed width can saturate within one step)
 * @param maxRowInput largest single-step input of one neuron, {@code max_j sum |w_int[j][.]|}
 * @param weightBits weight memory of the layer in bits
 */
public record LayerQuantization(
    String name,
    LayerKind kind,
    double scale,
    FixedFormat weightFormat,
    long weightCount,
    double weightRelRmsError,
    double weightMaxAbsError,
    long clippedWeights,
    double threshold,
    long thresholdInt,
    double thresholdRelError,
    double leak,
    int leakShift,
    double leakError,
    int membraneWidth,
    boolean membraneAuto,
    int autoMembraneWidth,
    long maxRowInput,
    long weightBits) {

  /** {@code n} when the scale is exactly {@code 2^n} (the weights then have {@code n} fraction bits). */
  public OptionalInt scaleExponent() {
    int n = Math.getExponent(scale);
    return Math.scalb(1.0, n) == scale ? OptionalInt.of(n) : OptionalInt.empty();
  }

  /** The real threshold the integer one stands for, {@code thresholdInt / scale}. */
  public double quantizedThreshold() {
    return thresholdInt / scale;
  }

  /** The leak factor of the integer leak shift, {@code 1 - 2^-leakShift} (1 for shift 0). */
  public double quantizedLeak() {
    return LeakShift.factor(leakShift);
  }
}
