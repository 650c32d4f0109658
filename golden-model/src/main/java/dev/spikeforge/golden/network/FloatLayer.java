package dev.spikeforge.golden.network;

import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.ResetMode;
import dev.spikeforge.golden.spec.SpecException;
import dev.spikeforge.golden.spec.SynapseChecks;
import java.util.Arrays;

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
 * @param leaks per-neuron decay factors {@code [size]} in (0, 1] (heterogeneous membrane time constants), or null when
 *     every neuron decays by {@code leak}. One canonical form: with an array, {@code leak} becomes the smallest of its
 *     decays, and an array of equal decays is stored as null (the layer with that one decay)
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
    int[][] recurrentDelays,
    double[] leaks) {

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
    if (leaks != null) {
      // one canonical form (as LayerSpec's): leak is the smallest decay; equal decays are no array
      leaks = checkLeaks(leaks, size);
      double min = Arrays.stream(leaks).min().getAsDouble();
      leak = min;
      if (Arrays.stream(leaks).allMatch(d -> d == min)) {
        leaks = null;
      }
    }
  }

  /** A layer whose neurons all decay by {@code leak}. */
  public FloatLayer(String name, LayerKind kind, int inputSize, int size, double threshold, double leak,
      ResetMode reset, double[][] weights, int maxDelay, int[] axonalDelays, int[][] synapticDelays,
      double[][] recurrentWeights, int[][] recurrentDelays) {
    this(name, kind, inputSize, size, threshold, leak, reset, weights, maxDelay, axonalDelays, synapticDelays,
        recurrentWeights, recurrentDelays, null);
  }

  /** {@code d}'s length and range checked: a copy. */
  private static double[] checkLeaks(double[] d, int size) {
    SpecException.check(d.length == size, "leaks", "has " + d.length + " entries; the layer has " + size
        + " neurons (one decay per neuron, or omit the field)");
    for (int j = 0; j < size; j++) {
      SpecException.check(d[j] > 0 && d[j] <= 1, "leaks[" + j + "]", d[j] + " is outside (0, 1]");
    }
    return d.clone();
  }

  @Override
  public double[] leaks() {
    return leaks == null ? null : leaks.clone();
  }

  /** Whether neurons of this layer decay by different factors ({@link #leaks()} is not null). */
  public boolean hasNeuronLeaks() {
    return leaks != null;
  }

  /** Decay factor of neuron {@code j}: its own with per-neuron leaks, else the layer's. */
  public double leak(int j) {
    return leaks == null ? leak : leaks[j];
  }

  /** The real-valued twin of an integer layer: integer weights and threshold taken as reals. */
  public static FloatLayer of(LayerSpec l) {
    double[] leaks = null;
    if (l.hasNeuronLeaks()) {
      leaks = new double[l.size()];
      for (int j = 0; j < leaks.length; j++) {
        leaks[j] = decay(l.leakShift(j));
      }
    }
    return new FloatLayer(
        l.name(), l.kind(), l.inputSize(), l.size(), l.neuron().threshold(), decay(l.neuron().leakShift()),
        l.neuron().reset(), toDouble(l.weights()), l.maxDelay(), l.axonalDelays(), l.synapticDelays(),
        toDouble(l.recurrentWeights()), l.recurrentDelays(), leaks);
  }

  /** The decay factor of leak shift k, the integer leak's twin: {@code 1 − 2^−k}, or 1 when k = 0. */
  public static double decay(int k) {
    return k == 0 ? 1.0 : 1.0 - Math.scalb(1.0, -k);
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
