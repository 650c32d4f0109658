package dev.spikeforge.golden.network;

import dev.spikeforge.golden.numerics.NumericsContract;
import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.NeuronSpec;
import dev.spikeforge.golden.spec.ReadoutSpec;
import dev.spikeforge.golden.spec.ResetMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The network shape of desire backpropagation as spikeforge's spec records express it (the
 * reference code's forward semantics): fully connected layers named {@code fc1, fc2, …}, LIF neurons
 * with leak {@code λ = 1 − 2^−k} and reset by subtraction, and the reference code's one-step pipeline
 * delay between layers as an axonal delay D (1 in the reference) on every input of every layer after
 * the first (maxDelay D); spike-count readout (a prediction counts only with a unique maximum).
 */
public final class DesireTopology {
  private DesireTopology() {}

  /** {@code fc1} for layer 0, {@code fc2} for layer 1, … */
  public static String layerName(int layer) {
    return "fc" + (layer + 1);
  }

  /** 0 for the first layer, D for every later one. */
  public static int maxDelay(int layer, int layerDelay) {
    return layer == 0 ? 0 : layerDelay;
  }

  /** null (no delays) for the first layer and for D = 0, else all D. */
  public static int[] axonalDelays(int layer, int inputs, int layerDelay) {
    if (layer == 0 || layerDelay == 0) {
      return null;
    }
    int[] d = new int[inputs];
    Arrays.fill(d, layerDelay);
    return d;
  }

  /**
   * The float network with weights {@code weights[l][post][pre]} (arrays are used as given),
   * threshold {@code threshold}, leak {@code 1 − 2^−leakShift} in every layer and delay {@code
   * layerDelay} between layers.
   */
  public static FloatNetwork floatNetwork(String name, int timesteps, int leakShift, double threshold,
      int layerDelay, double[][][] weights) {
    return floatNetwork(name, timesteps, leakShift, threshold, layerDelay, weights, new int[0]);
  }

  /**
   * As {@link #floatNetwork(String, int, int, double, int, double[][][])}, with the layers {@code
   * binarized} (0-based) of kind BINARIZED (their weights are {@code ±α}).
   */
  public static FloatNetwork floatNetwork(String name, int timesteps, int leakShift, double threshold,
      int layerDelay, double[][][] weights, int[] binarized) {
    List<FloatLayer> layers = new ArrayList<>();
    int inputs = weights[0].length == 0 ? 0 : weights[0][0].length;
    for (int l = 0; l < weights.length; l++) {
      int out = weights[l].length;
      int in = out == 0 ? 0 : weights[l][0].length;
      final int layer = l;
      LayerKind kind = Arrays.stream(binarized).anyMatch(b -> b == layer) ? LayerKind.BINARIZED : LayerKind.DENSE;
      layers.add(new FloatLayer(layerName(l), kind, in, out, threshold, 1.0 - Math.scalb(1.0, -leakShift),
          ResetMode.SUBTRACT, weights[l], maxDelay(l, layerDelay), axonalDelays(l, in, layerDelay), null, null,
          null));
    }
    return new FloatNetwork(name, inputs, timesteps, layers, ReadoutSpec.spikeCount());
  }

  /** The integer layer {@code l} with weights {@code weights[post][pre]} of {@code weightBits} bits. */
  public static LayerSpec intLayer(int l, int[][] weights, int weightBits, NeuronSpec neuron, int layerDelay) {
    return intLayer(l, LayerKind.DENSE, weights, weightBits, neuron, layerDelay);
  }

  /** The integer layer {@code l} of the given kind (BINARIZED: ±1 weights, width 1). */
  public static LayerSpec intLayer(int l, LayerKind kind, int[][] weights, int weightBits, NeuronSpec neuron,
      int layerDelay) {
    int in = weights[0].length;
    return new LayerSpec(layerName(l), kind, in, weights.length, kind == LayerKind.BINARIZED ? 1 : weightBits,
        neuron, weights,
        maxDelay(l, layerDelay), axonalDelays(l, in, layerDelay), null, null, null);
  }

  /** The integer network of the given layers. */
  public static NetworkSpec intNetwork(String name, int timesteps, List<LayerSpec> layers) {
    return new NetworkSpec(name, NumericsContract.VERSION, layers.get(0).inputSize(), timesteps, layers,
        ReadoutSpec.spikeCount());
  }
}
