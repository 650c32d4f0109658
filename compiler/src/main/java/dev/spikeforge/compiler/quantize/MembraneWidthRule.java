package dev.spikeforge.compiler.quantize;

import dev.spikeforge.golden.numerics.Fx;
import dev.spikeforge.golden.spec.NeuronSpec;

/**
 * The automatic membrane width. With {@code theta} the integer threshold and {@code I = max_j
 * sum_i |w[j][i]|} the largest possible single-step input of any neuron (feedforward plus
 * recurrent row; a BINARIZED weight counts 1), the width is the smallest {@code M} with
 *
 * <pre>  -(theta + I) >= -2^(M-1)   and   theta + I <= 2^(M-1) - 1</pre>
 *
 * raised to hold the leak shift ({@code M >= k + 1}) and to at least 2, and capped at {@value
 * NeuronSpec#MAX_MEMBRANE_WIDTH}. A neuron that starts a step below its threshold (as every neuron
 * that did not fire, or fired and was reset below it, does) cannot saturate on the positive side
 * during that step, and the negative side holds the same magnitude. The cap is allowed only while
 * the threshold itself still fits; {@link #thresholdWidth} is the hard lower bound.
 */
final class MembraneWidthRule {
  private MembraneWidthRule() {}

  /** {@code max_j (sum_i |w[j][i]| + sum_k |r[j][k]|)}; {@code recurrent} may be null. */
  static long maxRowInput(int[][] weights, int[][] recurrent) {
    long max = 0;
    for (int j = 0; j < weights.length; j++) {
      long sum = 0;
      for (int w : weights[j]) {
        sum += Math.abs(w);
      }
      if (recurrent != null) {
        for (int w : recurrent[j]) {
          sum += Math.abs(w);
        }
      }
      max = Math.max(max, sum);
    }
    return max;
  }

  /** Bits of a signed membrane that can hold {@code threshold} (the hard minimum). */
  static int thresholdWidth(long threshold) {
    return Math.max(2, Fx.signedWidthFor(0, threshold));
  }

  /** The automatic width before the cap (may exceed 32). */
  static int uncapped(long threshold, long maxRowInput, int leakShift) {
    long r = threshold + maxRowInput;
    return Math.max(Math.max(2, Fx.signedWidthFor(-r, r)), leakShift + 1);
  }

  /** The automatic width: {@link #uncapped} capped at {@value NeuronSpec#MAX_MEMBRANE_WIDTH}. */
  static int auto(long threshold, long maxRowInput, int leakShift) {
    return Math.min(NeuronSpec.MAX_MEMBRANE_WIDTH, uncapped(threshold, maxRowInput, leakShift));
  }
}
