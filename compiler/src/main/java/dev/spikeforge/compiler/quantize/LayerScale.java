package dev.spikeforge.compiler.quantize;

import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.spec.LayerKind;
import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * The real scale {@code s} of one layer: integer weight ≈ {@code s · w}, integer threshold ≈
 * {@code s · theta}, integer membrane ≈ {@code s ·} float membrane. DENSE layers take it from the
 * {@link ScaleStrategy}; BINARIZED layers use {@code s = 1 / alpha}. A pure function of the layer
 * and the config, shared by the pass and the analysis so both see the same scale.
 */
final class LayerScale {
  private static final String ZERO_FIX =
      "a layer without weights never receives input: train it, give it non-zero weights or remove it";

  private LayerScale() {}

  /** The scale of layer {@code index}; throws a {@code SpecException} naming the layer if none exists. */
  static double of(int index, FloatLayer layer, QuantizationConfig config) {
    checkFinite(index, layer, layer.weights(), "weights");
    if (layer.recurrentWeights() != null) {
      checkFinite(index, layer, layer.recurrentWeights(), "recurrentWeights");
    }
    double s;
    if (layer.kind() == LayerKind.BINARIZED) {
      OptionalDouble given = config.binarizedAlphaOf(layer.name());
      double alpha = given.isPresent() ? given.getAsDouble() : meanAbs(layer);
      if (alpha == 0) {
        throw noScale(index, layer, "all its weights are zero, so alpha = mean |w| = 0", ZERO_FIX
            + ", or give its alpha in binarizedAlphas");
      }
      s = 1.0 / alpha;
    } else {
      double[] mags = nonZeroMagnitudes(layer);
      if (mags.length == 0) {
        throw noScale(index, layer, "all its weights are zero", ZERO_FIX);
      }
      s = config.scaleStrategy().scale(mags, config.weightWidthOf(layer.name()));
    }
    if (!(s > 0 && Double.isFinite(s))) {
      throw noScale(index, layer, "its weights are too small to scale to integers (scale " + s + ")",
          "multiply the layer's weights and threshold by a common factor (the float model does not change)");
    }
    return s;
  }

  /** The mean {@code |w|} over the feedforward and recurrent weights: a BINARIZED layer's default alpha. */
  static double meanAbs(FloatLayer layer) {
    double sum = 0;
    long n = 0;
    for (double[][] m : matrices(layer)) {
      for (double[] row : m) {
        for (double w : row) {
          sum += Math.abs(w);
          n++;
        }
      }
    }
    return sum / n;
  }

  private static double[] nonZeroMagnitudes(FloatLayer layer) {
    double[] mags = Arrays.stream(matrices(layer)).flatMap(Arrays::stream).flatMapToDouble(Arrays::stream)
        .filter(w -> w != 0).map(Math::abs).toArray();
    Arrays.sort(mags);
    return mags;
  }

  private static double[][][] matrices(FloatLayer layer) {
    return layer.recurrentWeights() == null
        ? new double[][][] {layer.weights()}
        : new double[][][] {layer.weights(), layer.recurrentWeights()};
  }

  private static void checkFinite(int index, FloatLayer layer, double[][] m, String field) {
    for (int j = 0; j < m.length; j++) {
      for (int i = 0; i < m[j].length; i++) {
        if (!Double.isFinite(m[j][i])) {
          throw LayerErrors.of(index, layer.name(), field + "[" + j + "][" + i + "]",
              m[j][i] + " is not a finite weight; fix the trained model");
        }
      }
    }
  }

  private static RuntimeException noScale(int index, FloatLayer layer, String why, String fix) {
    return LayerErrors.of(index, layer.name(), "weights", "no scale maps this layer to integers: " + why + "; " + fix);
  }
}
