package dev.spikeforge.golden.spec;

import dev.spikeforge.golden.numerics.Fx;
import java.util.Arrays;

/**
 * One layer of integer LIF neurons, fully connected to its input (the previous layer or the
 * network input) and optionally to itself (recurrent).
 *
 * <p>Matrices are indexed {@code [post][pre]}: {@code weights[j][i]} is the weight from input
 * {@code i} to neuron {@code j}. A spike of input {@code i} emitted at step {@code t} reaches neuron
 * {@code j} at step {@code t + axonalDelays[i] + synapticDelays[j][i]}; a spike of neuron {@code k}
 * of this layer reaches neuron {@code j} through the recurrent weight at step {@code t +
 * recurrentDelays[j][k]} (at least 1). All delays are bounded by {@code maxDelay}, the depth of the
 * hardware's spike-history buffer. Absent delay arrays mean delay 0 (recurrent: 1).
 *
 * <p>Arrays are copied on construction and on access; a LayerSpec never changes.
 *
 * @param name identifier, letters, digits and '_' (used in generated hardware names)
 * @param kind DENSE or BINARIZED
 * @param inputSize number of inputs (fan-in), 1..65536
 * @param size number of neurons, 1..65536
 * @param weightWidth signed weight width, 2..16 for DENSE; 1 for BINARIZED (weights are -1 or +1)
 * @param neuron LIF parameters shared by all neurons of the layer
 * @param weights {@code [size][inputSize]}
 * @param maxDelay largest total delay of any synapse, 0..255
 * @param axonalDelays per input, or null
 * @param synapticDelays {@code [size][inputSize]}, or null
 * @param recurrentWeights {@code [size][size]}, or null for a feedforward layer
 * @param recurrentDelays {@code [size][size]} in 1..max(1, maxDelay), or null (all 1)
 * @param leakShifts per-neuron leak shifts {@code [size]} in 0..membraneWidth − 1 (heterogeneous membrane time
 *     constants), or null when every neuron leaks by {@code neuron.leakShift()}. One canonical form: with an array,
 *     {@code neuron.leakShift()} becomes the smallest of its shifts, and an array of equal shifts is stored as null
 *     (the layer with that one shift)
 */
public record LayerSpec(
    String name,
    LayerKind kind,
    int inputSize,
    int size,
    int weightWidth,
    NeuronSpec neuron,
    int[][] weights,
    int maxDelay,
    int[] axonalDelays,
    int[][] synapticDelays,
    int[][] recurrentWeights,
    int[][] recurrentDelays,
    int[] leakShifts) {

  public static final int MAX_NEURONS = 65536;
  public static final int MAX_DELAY = 255;
  public static final int MAX_WEIGHT_WIDTH = 16;

  public LayerSpec {
    SpecException.check(
        name != null && name.matches("[A-Za-z][A-Za-z0-9_]*"), "name",
        "'" + name + "' must start with a letter and hold only letters, digits and '_'");
    SpecException.check(kind != null, "kind", "missing; one of DENSE, BINARIZED");
    SpecException.inRange(inputSize, 1, MAX_NEURONS, "inputSize", "");
    SpecException.inRange(size, 1, MAX_NEURONS, "size", "");
    if (kind == LayerKind.BINARIZED) {
      SpecException.inRange(weightWidth, 1, 1, "weightWidth", "binarized layers store 1 bit per weight");
    } else {
      SpecException.inRange(weightWidth, 2, MAX_WEIGHT_WIDTH, "weightWidth", "signed weights");
    }
    SpecException.check(neuron != null, "neuron", "missing");
    SpecException.inRange(maxDelay, 0, MAX_DELAY, "maxDelay", "");
    weights = checkMatrix(weights, size, inputSize, "weights", kind, weightWidth);
    if (axonalDelays != null) {
      axonalDelays = SynapseChecks.axonalDelays(axonalDelays, inputSize, maxDelay);
    }
    if (synapticDelays != null) {
      synapticDelays = SynapseChecks.synapticDelays(synapticDelays, size, inputSize, axonalDelays, maxDelay);
    }
    if (recurrentWeights != null) {
      recurrentWeights = checkMatrix(recurrentWeights, size, size, "recurrentWeights", kind, weightWidth);
    }
    if (recurrentDelays != null) {
      recurrentDelays = SynapseChecks.recurrentDelays(recurrentDelays, recurrentWeights != null, size, maxDelay);
    }
    if (leakShifts != null) {
      // one canonical form: neuron.leakShift is the smallest shift; equal shifts are no array
      leakShifts = checkLeakShifts(leakShifts, size, neuron.membraneWidth());
      int min = Arrays.stream(leakShifts).min().getAsInt();
      if (neuron.leakShift() != min) {
        neuron = new NeuronSpec(neuron.membraneWidth(), neuron.threshold(), min, neuron.reset());
      }
      if (Arrays.stream(leakShifts).allMatch(k -> k == min)) {
        leakShifts = null;
      }
    }
    checkSynapticSumFits(kind, inputSize, recurrentWeights == null ? 0 : size, weightWidth);
  }

  /** A layer whose neurons all leak by {@code neuron.leakShift()}. */
  public LayerSpec(String name, LayerKind kind, int inputSize, int size, int weightWidth, NeuronSpec neuron,
      int[][] weights, int maxDelay, int[] axonalDelays, int[][] synapticDelays, int[][] recurrentWeights,
      int[][] recurrentDelays) {
    this(name, kind, inputSize, size, weightWidth, neuron, weights, maxDelay, axonalDelays, synapticDelays,
        recurrentWeights, recurrentDelays, null);
  }

  /** {@code k}'s length and range checked: a copy. */
  private static int[] checkLeakShifts(int[] k, int size, int membraneWidth) {
    SpecException.check(k.length == size, "leakShifts", "has " + k.length + " entries; the layer has " + size
        + " neurons (one leak shift per neuron, or omit the field)");
    for (int j = 0; j < size; j++) {
      SpecException.inRange(k[j], 0, membraneWidth - 1, "leakShifts[" + j + "]", "0 = no leak");
    }
    return k.clone();
  }

  /**
   * The load check of {@code docs/numerics.md} §1: the exact synaptic current of one step, a sum of
   * at most one term per feed-forward and per recurrent synapse, must fit a signed 32-bit integer.
   * A DENSE weight lies in [−2^(w−1), 2^(w−1) − 1], so n terms lie in [−2^(w−1)·n, (2^(w−1) − 1)·n]:
   * the sum fits exactly when 2^(w−1)·n ≤ 2^31 (a fan-in of 65,536 with 16-bit weights fits). A
   * BINARIZED term is ±1. Recurrent synapses count; when they are what tips the sum over, the error
   * names {@code recurrentWeights}. The hardware spec ({@code HwLayer}) applies the same check.
   *
   * @throws SpecException naming {@code inputSize} or {@code recurrentWeights}
   */
  public static void checkSynapticSumFits(LayerKind kind, int inputSize, int recurrentFanIn, int weightWidth) {
    long maxNegative = kind == LayerKind.BINARIZED ? 1 : (1L << (weightWidth - 1));
    long limit = 1L << 31;
    long feedForward = maxNegative * inputSize;
    SpecException.check(
        feedForward <= limit, "inputSize",
        "fan-in " + inputSize + " with " + weightWidth + "-bit weights can exceed a 32-bit synaptic sum"
            + " (2^(w-1) * fan-in must be at most 2^31)");
    SpecException.check(
        feedForward + maxNegative * recurrentFanIn <= limit, "recurrentWeights",
        "fan-in " + inputSize + " + " + recurrentFanIn + " recurrent synapses with " + weightWidth
            + "-bit weights can exceed a 32-bit synaptic sum (2^(w-1) * (fan-in + recurrent fan-in) must be at"
            + " most 2^31); drop the recurrent weights or use narrower weights");
  }



  private static int[][] checkMatrix(int[][] m, int rows, int cols, String field, LayerKind kind, int width) {
    int[][] copy = SynapseChecks.shape(m, rows, cols, field);
    long lo = kind == LayerKind.BINARIZED ? -1 : Fx.min(width, true);
    long hi = kind == LayerKind.BINARIZED ? 1 : Fx.max(width, true);
    for (int j = 0; j < rows; j++) {
      for (int i = 0; i < cols; i++) {
        int w = copy[j][i];
        if (kind == LayerKind.BINARIZED) {
          SpecException.check(
              w == -1 || w == 1, field + "[" + j + "][" + i + "]",
              w + " is not allowed in a BINARIZED layer (weights are -1 or +1)");
        } else {
          SpecException.inRange(w, lo, hi, field + "[" + j + "][" + i + "]", "weightWidth = " + width);
        }
      }
    }
    return copy;
  }

  /** Feedforward weight from input {@code i} to neuron {@code j}. */
  public int weight(int j, int i) {
    return weights[j][i];
  }

  /** Copy of the weight matrix. */
  @Override
  public int[][] weights() {
    return deepCopy(weights);
  }

  @Override
  public int[] axonalDelays() {
    return axonalDelays == null ? null : axonalDelays.clone();
  }

  @Override
  public int[][] synapticDelays() {
    return deepCopy(synapticDelays);
  }

  @Override
  public int[][] recurrentWeights() {
    return deepCopy(recurrentWeights);
  }

  @Override
  public int[][] recurrentDelays() {
    return deepCopy(recurrentDelays);
  }

  @Override
  public int[] leakShifts() {
    return leakShifts == null ? null : leakShifts.clone();
  }

  /** Whether neurons of this layer leak by different shifts ({@link #leakShifts()} is not null). */
  public boolean hasNeuronLeaks() {
    return leakShifts != null;
  }

  /** Leak shift of neuron {@code j}: its own with per-neuron leaks, else the layer's. */
  public int leakShift(int j) {
    return leakShifts == null ? neuron.leakShift() : leakShifts[j];
  }

  /**
   * The layer's one leak shift, for a consumer that supports only one per layer; with per-neuron leaks a
   * {@link SpecException} naming {@code what} (the consumer) and the field.
   */
  public int uniformLeakShift(String what) {
    SpecException.check(leakShifts == null, "leakShifts", what + " supports one leak shift per layer;"
        + " the neurons of layer '" + name + "' leak by different shifts (heterogeneous time constants). Fix: train with one leak"
        + " shift (stdp: --leak-shift K instead of --leak-shifts), or run the network in the golden model"
        + " (spikeforge evaluate / simulate)");
    return neuron.leakShift();
  }

  /** The LIF parameters of neuron {@code j} (the layer's, with its own leak shift). */
  public NeuronSpec neuronOf(int j) {
    return leakShifts == null ? neuron
        : new NeuronSpec(neuron.membraneWidth(), neuron.threshold(), leakShifts[j], neuron.reset());
  }

  public boolean isRecurrent() {
    return recurrentWeights != null;
  }

  /** Total delay from input {@code i} to neuron {@code j}. */
  public int delay(int j, int i) {
    return (axonalDelays == null ? 0 : axonalDelays[i]) + (synapticDelays == null ? 0 : synapticDelays[j][i]);
  }

  /** Delay of the recurrent synapse from neuron {@code k} to neuron {@code j} (at least 1). */
  public int recurrentDelay(int j, int k) {
    return recurrentDelays == null ? 1 : recurrentDelays[j][k];
  }

  /** Number of stored weights (feedforward plus recurrent). */
  public long weightCount() {
    return (long) size * inputSize + (recurrentWeights == null ? 0 : (long) size * size);
  }

  /** Weight storage in bits. */
  public long weightBits() {
    return weightCount() * weightWidth;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof LayerSpec l)) {
      return false;
    }
    return name.equals(l.name) && kind == l.kind && inputSize == l.inputSize && size == l.size
        && weightWidth == l.weightWidth && neuron.equals(l.neuron) && maxDelay == l.maxDelay
        && Arrays.deepEquals(weights, l.weights) && Arrays.equals(axonalDelays, l.axonalDelays)
        && Arrays.deepEquals(synapticDelays, l.synapticDelays)
        && Arrays.deepEquals(recurrentWeights, l.recurrentWeights)
        && Arrays.deepEquals(recurrentDelays, l.recurrentDelays) && Arrays.equals(leakShifts, l.leakShifts);
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + Arrays.deepHashCode(weights);
  }

  @Override
  public String toString() {
    return "LayerSpec[" + name + " " + kind + " " + inputSize + "->" + size + (isRecurrent() ? " recurrent" : "")
        + ", w" + weightWidth + ", " + neuron + (leakShifts == null ? "" : ", per-neuron leak shifts")
        + ", maxDelay " + maxDelay + "]";
  }

  static int[][] deepCopy(int[][] m) {
    if (m == null) {
      return null;
    }
    int[][] c = new int[m.length][];
    for (int j = 0; j < m.length; j++) {
      c[j] = m[j].clone();
    }
    return c;
  }
}
