package dev.spikeforge.golden.train.threefactor;

import dev.spikeforge.golden.spec.hw.DelayMode;

/**
 * What the float and the integer layer learners share, none of it arithmetic: the layer's
 * topology, the forward (integer) delays fixed at the start of each sample, the spike histories the
 * eligibility traces read, and the spike output of a step. Each form keeps its own weights, shadow
 * delays, membranes, traces and updates ({@link FloatLayerLearner}, {@link IntLayerLearner}).
 */
abstract class LayerLearner implements StateCodec.Part {
  final String name;
  final int in;
  final int size;
  final DelayMode mode;
  final boolean recurrent;
  /** The largest delay; 0 without delays. */
  final int maxDelay;
  /** Slots of the pending-current ring: one more than the largest delay (at least 1, for recurrence). */
  final int ring;

  // forward delays of the current sample: per input (AXONAL), per synapse (SYNAPTIC), per recurrent synapse
  final int[] axF;
  final int[][] synF;
  final int[][] recF;
  // sample state: inHist[i][t], ownHist[j][t] = input i / neuron j spiked at step t
  boolean[][] inHist;
  boolean[][] ownHist;
  /** This layer's spikes of the last step (sorted); the first {@link #lastCount()} entries are valid. */
  final int[] spikes;
  int lastCount;

  LayerLearner(String name, int in, int size, DelayMode mode, boolean recurrent, int maxDelay) {
    this.name = name;
    this.in = in;
    this.size = size;
    this.mode = mode;
    this.recurrent = recurrent;
    this.maxDelay = mode == DelayMode.NONE ? 0 : maxDelay;
    this.ring = Math.max(1, this.maxDelay) + 1;
    axF = mode == DelayMode.AXONAL ? new int[in] : null;
    synF = mode == DelayMode.SYNAPTIC ? new int[size][in] : null;
    recF = mode == DelayMode.SYNAPTIC && recurrent ? new int[size][size] : null;
    spikes = new int[size];
  }

  /**
   * Starts a sample of {@code steps} steps: clears the spike histories and fixes the forward delays
   * from the shadow delays; each form then resets its own sample state.
   */
  void begin(int steps) {
    inHist = new boolean[in][steps];
    ownHist = new boolean[size][steps];
    if (axF != null) {
      for (int i = 0; i < in; i++) {
        axF[i] = axonalForward(i);
      }
    }
    if (synF != null) {
      for (int j = 0; j < size; j++) {
        for (int i = 0; i < in; i++) {
          synF[j][i] = synapticForward(j, i);
        }
      }
    }
    if (recF != null) {
      for (int j = 0; j < size; j++) {
        for (int k = 0; k < size; k++) {
          recF[j][k] = recurrentForward(j, k);
        }
      }
    }
  }

  /** The forward delay of input i's shadow axonal delay (AXONAL mode), in [0, maxDelay]. */
  abstract int axonalForward(int i);

  /** The forward delay of the shadow delay of synapse i → j (SYNAPTIC mode), in [0, maxDelay]. */
  abstract int synapticForward(int j, int i);

  /** The forward delay of the shadow delay of recurrent synapse k → j (SYNAPTIC, recurrent), at least 1. */
  abstract int recurrentForward(int j, int k);

  /**
   * One step: the input spikes of step t (sorted indices, the first {@code eventsLen} of {@code
   * events}) in, this layer's spikes out ({@link #spikes}, reused by the next call).
   */
  abstract int[] step(int t, int[] events, int eventsLen);

  /** Number of spikes the last {@link #step} returned. */
  final int lastCount() {
    return lastCount;
  }

  /** The forward delay of synapse i → j this sample (0 without delays). */
  final int delay(int j, int i) {
    return axF != null ? axF[i] : (synF != null ? synF[j][i] : 0);
  }

  /** The forward delay of recurrent synapse k → j this sample (1 without delays). */
  final int recurrentDelay(int j, int k) {
    return recF == null ? 1 : recF[j][k];
  }

  /** Whether a spike of history {@code hist} reaches the synapse at step t through delay d. */
  static boolean arrived(boolean[] hist, int t, int d) {
    return t - d >= 0 && hist[t - d];
  }

  /** Feed-forward presynaptic traces: one per synapse (SYNAPTIC) or one per input. */
  final int feedforwardTraces() {
    return mode == DelayMode.SYNAPTIC ? size * in : in;
  }

  /** Recurrent presynaptic traces: one per recurrent synapse (with recurrent delays) or one per neuron. */
  final int recurrentTraces() {
    return recurrent ? (recF != null ? size * size : size) : 0;
  }

  /** Recurrent synapses (their eligibilities): size² when recurrent. */
  final int recurrentSynapses() {
    return recurrent ? size * size : 0;
  }
}
