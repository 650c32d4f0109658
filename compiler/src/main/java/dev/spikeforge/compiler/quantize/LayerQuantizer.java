package dev.spikeforge.compiler.quantize;

import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.numerics.FixedFormat;
import dev.spikeforge.golden.numerics.Fx;
import dev.spikeforge.golden.numerics.Overflow;
import dev.spikeforge.golden.numerics.Rounding;
import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NeuronSpec;
import dev.spikeforge.golden.spec.SpecException;

/**
 * Quantizes one layer: scale, integer weights, integer threshold, membrane width, leak shift;
 * topology, reset mode and delays are copied unchanged. All rounding is {@link
 * FixedFormat#quantize}.
 */
final class LayerQuantizer {
  private LayerQuantizer() {}

  static LayerSpec quantize(int index, FloatLayer layer, QuantizationConfig config) {
    String name = layer.name();
    double s = LayerScale.of(index, layer, config);
    boolean binarized = layer.kind() == LayerKind.BINARIZED;
    int width = binarized ? 1 : config.weightWidthOf(name);
    FixedFormat format = binarized ? null : denseFormat(width, config.weightRounding());
    int[][] weights = weights(layer.weights(), s, binarized, format);
    int[][] recurrent = layer.recurrentWeights() == null ? null : weights(layer.recurrentWeights(), s, binarized, format);

    long threshold = threshold(layer.threshold(), s, config.thresholdRounding());
    int needed = MembraneWidthRule.thresholdWidth(threshold);
    MembraneWidth setting = config.membraneWidthOf(name);
    int membrane;
    if (setting.automatic()) {
      if (needed > NeuronSpec.MAX_MEMBRANE_WIDTH) {
        throw LayerErrors.of(index, name, "neuron.threshold", thresholdText(layer, s, threshold, needed)
            + ", more than the widest membrane (" + NeuronSpec.MAX_MEMBRANE_WIDTH + " bits). Fix: "
            + shrinkHint(binarized));
      }
      int wantedShift = widestLeakShift(layer);
      membrane = MembraneWidthRule.auto(threshold, MembraneWidthRule.maxRowInput(weights, recurrent), wantedShift);
    } else {
      membrane = setting.bits();
      if (needed > membrane) {
        long max = Fx.max(membrane, true);
        throw LayerErrors.of(index, name, "neuron.threshold", thresholdText(layer, s, threshold, needed)
            + ", but the membrane width is " + membrane + ": " + (needed - membrane) + " bit(s) short ("
            + threshold + " exceeds the largest " + membrane + "-bit value " + max + " by " + (threshold - max)
            + "). Fix: set this layer's membrane width to " + needed + " or more, or to auto, or "
            + shrinkHint(binarized));
      }
    }
    int leakShift = LeakShift.nearest(layer.leak(), membrane - 1);
    int[] leakShifts = null;
    if (layer.hasNeuronLeaks()) {
      leakShifts = new int[layer.size()];
      for (int j = 0; j < leakShifts.length; j++) {
        leakShifts[j] = LeakShift.nearest(layer.leak(j), membrane - 1);
      }
    }

    NeuronSpec neuron;
    try {
      neuron = new NeuronSpec(membrane, threshold, leakShift, layer.reset());
    } catch (SpecException e) {
      throw LayerErrors.rethrow(index, name, e.under("neuron"));
    }
    try {
      return new LayerSpec(name, layer.kind(), layer.inputSize(), layer.size(), width, neuron, weights,
          layer.maxDelay(), layer.axonalDelays(), layer.synapticDelays(), recurrent, layer.recurrentDelays(),
          leakShifts);
    } catch (SpecException e) {
      throw LayerErrors.rethrow(index, name, e);
    }
  }

  /**
   * The largest leak shift (the slowest leak, the widest membrane) any neuron of {@code layer} rounds to, for the
   * automatic membrane width: the layer's, or with per-neuron leaks the largest of its neurons'.
   */
  static int widestLeakShift(FloatLayer layer) {
    int k = LeakShift.nearest(layer.leak(), LeakShift.MAX_SHIFT);
    for (int j = 0; layer.hasNeuronLeaks() && j < layer.size(); j++) {
      k = Math.max(k, LeakShift.nearest(layer.leak(j), LeakShift.MAX_SHIFT));
    }
    return k;
  }

  /** Signed integer format of {@code width}-bit DENSE weights: round with {@code rounding}, saturate. */
  static FixedFormat denseFormat(int width, Rounding rounding) {
    return new FixedFormat(width, 0, true, rounding, Overflow.SATURATE);
  }

  /** The integer threshold {@code Q(s · theta)}, at least 1 (the smallest threshold the spec allows). */
  static long threshold(double theta, double s, Rounding rounding) {
    long t = new FixedFormat(Fx.MAX_WIDTH, 0, true, rounding, Overflow.SATURATE).quantize(theta * s);
    return Math.max(1, t);
  }

  /** The weight a BINARIZED layer stores for {@code w}: its sign, {@code +1} for zero. */
  static int binarize(double w) {
    return w >= 0 ? 1 : -1;
  }

  private static int[][] weights(double[][] m, double s, boolean binarized, FixedFormat format) {
    int[][] q = new int[m.length][];
    for (int j = 0; j < m.length; j++) {
      q[j] = new int[m[j].length];
      for (int i = 0; i < m[j].length; i++) {
        q[j][i] = binarized ? binarize(m[j][i]) : (int) format.quantize(m[j][i] * s);
      }
    }
    return q;
  }

  private static String thresholdText(FloatLayer layer, double s, long threshold, int needed) {
    return "the quantized threshold " + threshold + " (threshold " + layer.threshold() + " x scale " + s
        + ") needs a " + needed + "-bit signed membrane";
  }

  private static String shrinkHint(boolean binarized) {
    return binarized
        ? "give the layer a larger alpha (binarizedAlphas), which lowers threshold/alpha"
        : "lower this layer's weight width, which lowers its scale and so its integer threshold";
  }
}
