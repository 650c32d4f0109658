package dev.spikeforge.golden.network;

import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.ResetMode;
import dev.spikeforge.golden.spec.SpecException;
import dev.spikeforge.golden.spec.SynapseChecks;

/**
 * A layer of the floating-point reference model: the same topology and delays as {@link
 * LayerSpec}, with real weights, a real threshold and a multiplicative leak {@code v := leak·v}.
 * No saturation, no rounding. For a BINARIZED layer the weights are the real values the layer
 * stands for ({@code ±alpha}); quantization folds alpha into the integer threshold.
 *
 * <p>Construction copies and checks every array (shapes, finite weights, delay ranges: the same
 * checks as {@link LayerSpec}'s); callers must not mutate the arrays they read back.
 *
 * @param leak membrane decay factor in (0, 1]; 1 = no leak; integer twin {@code 1 - 2^-k}
 */
public record FloatLayer(
    String name,
    LayerKind kind,
    int inputSize,
    int size,
    double threshold,
    double leak,
    ResetMode reset,
    double[][] weights,
    int maxDelay,
    int[] axonalDelays,
    int[][] synapticDelays,
    double[][] recurrentWeights,
    int[][] recurrentDelays) {

  public FloatLayer {
    SpecException.check(name != null && name.matches("[A-Za-z][A-Za-z0-9_]*"), "name", "invalid name '" + name + "'");
    SpecException.check(kind != null, "kind", "missing");
    SpecException.check(inputSize >= 1 && size >= 1, "size", "layer sizes must be positive");
    SpecException.check(threshold > 0 && Double.isFinite(threshold), "threshold", threshold + " must be positive");
    SpecException.check(leak > 0 && leak <= 1, "leak", leak + " is outside (0, 1]");
    SpecException.check(reset != null, "reset", "missing");
    weights = SynapseChecks.finite(weights, size, inputSize, "weights");
    SpecException.check(maxDelay >= 0 && maxDelay <= LayerSpec.MAX_DELAY, "maxDelay",
        "outside 0.." + LayerSpec.MAX_DELAY);
    // the delay arrays are checked exactly as the integer format checks them (LayerSpec)
    if (axonalDelays != null) {
      axonalDelays = SynapseChecks.axonalDelays(axonalDelays, inputSize, maxDelay);
    }
    if (synapticDelays != null) {
      synapticDelays = SynapseChecks.synapticDelays(synapticDelays, size, inputSize, axonalDelays, maxDelay);
    }
    if (recurrentWeights != null) {
      recurrentWeights = SynapseChecks.finite(recurrentWeights, size, size, "recurrentWeights");
    }
    if (recurrentDelays != null) {
      recurrentDelays = SynapseChecks.recurrentDelays(recurrentDelays, recurrentWeights != null, size, maxDelay);
    }
  }

  /** The real-valued twin of an integer layer: integer weights and threshold taken as reals. */
  public static FloatLayer of(LayerSpec l) {
    return new FloatLayer(
        l.name(), l.kind(), l.inputSize(), l.size(), l.neuron().threshold(),
        l.neuron().leakShift() == 0 ? 1.0 : 1.0 - Math.scalb(1.0, -l.neuron().leakShift()),
        l.neuron().reset(), toDouble(l.weights()), l.maxDelay(), l.axonalDelays(), l.synapticDelays(),
        toDouble(l.recurrentWeights()), l.recurrentDelays());
  }

  public boolean isRecurrent() {
    return recurrentWeights != null;
  }

  public int delay(int j, int i) {
    return (axonalDelays == null ? 0 : axonalDelays[i]) + (synapticDelays == null ? 0 : synapticDelays[j][i]);
  }

  public int recurrentDelay(int j, int k) {
    return recurrentDelays == null ? 1 : recurrentDelays[j][k];
  }

  static double[][] toDouble(int[][] m) {
    if (m == null) {
      return null;
    }
    double[][] d = new double[m.length][];
    for (int j = 0; j < m.length; j++) {
      d[j] = new double[m[j].length];
      for (int i = 0; i < m[j].length; i++) {
        d[j][i] = m[j][i];
      }
    }
    return d;
  }
}
