package dev.spikeforge.compiler.quantize;

import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.numerics.FixedFormat;
import dev.spikeforge.golden.numerics.Fx;
import dev.spikeforge.golden.numerics.Overflow;
import dev.spikeforge.golden.numerics.Rounding;
import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.LayerSpec;

/** Measures one quantized layer against its float original (read-only). */
final class LayerAnalysis {
  private double sumSqError;
  private double sumSqWeight;
  private double maxAbsError;
  private long clipped;

  private LayerAnalysis() {}

  static LayerQuantization measure(FloatLayer f, LayerSpec q, double scale, QuantizationConfig config) {
    boolean binarized = q.kind() == LayerKind.BINARIZED;
    FixedFormat stored = binarized
        ? new FixedFormat(1, 0, false, Rounding.FLOOR, Overflow.SATURATE)
        : LayerQuantizer.denseFormat(q.weightWidth(), config.weightRounding());
    // Q(s·w) before saturation: a format wide enough that nothing a weight rounds to saturates.
    FixedFormat unclipped = binarized ? null : LayerQuantizer.denseFormat(Fx.MAX_WIDTH, config.weightRounding());
    LayerAnalysis a = new LayerAnalysis();
    a.add(f.weights(), q.weights(), scale, unclipped, q.weightWidth());
    if (q.isRecurrent()) {
      a.add(f.recurrentWeights(), q.recurrentWeights(), scale, unclipped, q.weightWidth());
    }
    double relRms = a.sumSqWeight == 0
        ? (a.sumSqError == 0 ? 0 : Double.POSITIVE_INFINITY)
        : Math.sqrt(a.sumSqError) / Math.sqrt(a.sumSqWeight);
    long theta = q.neuron().threshold();
    int k = q.neuron().leakShift();
    long maxRow = MembraneWidthRule.maxRowInput(q.weights(), q.recurrentWeights());
    int auto = MembraneWidthRule.auto(theta, maxRow, LayerQuantizer.widestLeakShift(f));
    // the leak's error: the layer's, or with per-neuron leaks the largest of its neurons' (signed)
    double leakError = LeakShift.factor(k) - f.leak();
    for (int j = 0; f.hasNeuronLeaks() && j < q.size(); j++) {
      double e = LeakShift.factor(q.leakShift(j)) - f.leak(j);
      if (Math.abs(e) > Math.abs(leakError)) {
        leakError = e;
      }
    }
    return new LayerQuantization(
        q.name(), q.kind(), scale, stored, q.weightCount(), relRms, a.maxAbsError, a.clipped,
        f.threshold(), theta, (theta / scale - f.threshold()) / f.threshold(),
        f.leak(), k, leakError,
        q.neuron().membraneWidth(), config.membraneWidthOf(q.name()).automatic(), auto, maxRow, q.weightBits());
  }

  private void add(double[][] w, int[][] wInt, double scale, FixedFormat unclipped, int width) {
    for (int j = 0; j < w.length; j++) {
      for (int i = 0; i < w[j].length; i++) {
        double e = w[j][i] - wInt[j][i] / scale;
        sumSqError += e * e;
        sumSqWeight += w[j][i] * w[j][i];
        maxAbsError = Math.max(maxAbsError, Math.abs(e));
        if (unclipped != null && !Fx.fits(unclipped.quantize(w[j][i] * scale), width, true)) {
          clipped++;
        }
      }
    }
  }
}
