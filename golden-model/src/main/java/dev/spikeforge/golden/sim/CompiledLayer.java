package dev.spikeforge.golden.sim;

import dev.spikeforge.golden.delay.DelayRing;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NeuronSpec;

/**
 * A layer rearranged for event-driven simulation: weights input-major (one contiguous row of
 * {@code size} targets per presynaptic neuron), delays as ring-buffer offsets. Immutable and shared
 * by every simulator instance of a network.
 */
final class CompiledLayer {
  enum DelayMode { NONE, AXONAL, SYNAPTIC }

  final LayerSpec spec;
  final int in;
  final int size;
  /** {@code weights[i * size + j]} = W[j][i]. */
  final int[] weights;
  final DelayMode delayMode;
  /** Per input (AXONAL) or null. */
  final int[] axonal;
  /** Per synapse, input-major, total delay (SYNAPTIC) or null. */
  final int[] synaptic;
  /** Recurrent weights, source-major: {@code recurrent[k * size + j]} = R[j][k], or null. */
  final int[] recurrent;
  /** Recurrent delays, source-major, or null when all are 1. */
  final int[] recurrentDelays;
  /** Number of pending-current slots: max(1, maxDelay) + 1, or 1 with no delays and no recurrence. */
  final int ring;
  /** Each neuron's LIF parameters when the layer has per-neuron leak shifts, else null (all {@code spec.neuron()}). */
  final NeuronSpec[] neurons;

  CompiledLayer(LayerSpec l) {
    spec = l;
    in = l.inputSize();
    size = l.size();
    weights = transpose(l.weights(), in, size);
    int[] ax = l.axonalDelays();
    int[][] syn = l.synapticDelays();
    if (syn != null) {
      delayMode = DelayMode.SYNAPTIC;
      synaptic = new int[in * size];
      for (int i = 0; i < in; i++) {
        for (int j = 0; j < size; j++) {
          synaptic[i * size + j] = l.delay(j, i);
        }
      }
      axonal = null;
    } else if (ax != null) {
      delayMode = DelayMode.AXONAL;
      axonal = ax;
      synaptic = null;
    } else {
      delayMode = DelayMode.NONE;
      axonal = null;
      synaptic = null;
    }
    recurrent = l.isRecurrent() ? transpose(l.recurrentWeights(), size, size) : null;
    recurrentDelays = l.recurrentDelays() == null ? null : transpose(l.recurrentDelays(), size, size);
    // Delays present = axonal or synaptic delay arrays given (in HwLayer: a delay mode other than NONE).
    if (l.hasNeuronLeaks()) {
      neurons = new NeuronSpec[size];
      for (int j = 0; j < size; j++) {
        neurons[j] = l.neuronOf(j);
      }
    } else {
      neurons = null;
    }
    ring = DelayRing.slots(l.maxDelay(), l.axonalDelays() != null || l.synapticDelays() != null || l.isRecurrent());
  }

  /** {@code m[post][pre]} to a flat pre-major array. */
  private static int[] transpose(int[][] m, int pre, int post) {
    int[] t = new int[pre * post];
    for (int j = 0; j < post; j++) {
      for (int i = 0; i < pre; i++) {
        t[i * post + j] = m[j][i];
      }
    }
    return t;
  }
}
