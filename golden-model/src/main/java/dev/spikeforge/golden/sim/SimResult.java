package dev.spikeforge.golden.sim;

/**
 * What one sample produced.
 *
 * @param prediction the decided class (output neuron index)
 * @param unique whether the decision was a unique maximum (SPIKE_COUNT) or a single neuron
 *     reaching the decision count first (FIRST_TO_FIRE); a tie is broken to the lowest index
 * @param decisionStep number of steps simulated: T, or t*+1 when FIRST_TO_FIRE decided at step t*
 * @param earlyExit whether FIRST_TO_FIRE decided before T
 * @param outputCounts output spike counts up to and including the decision step
 * @param layerSpikes spikes emitted per layer
 * @param inputSpikes input spikes consumed
 * @param synapticOps synaptic events processed (one per spike per target synapse, recurrent included)
 */
public record SimResult(
    int prediction,
    boolean unique,
    int decisionStep,
    boolean earlyExit,
    int[] outputCounts,
    long[] layerSpikes,
    long inputSpikes,
    long synapticOps) {

  /** Desire-backpropagation correctness: the label neuron holds the unique maximum. */
  public boolean correct(int label) {
    return prediction == label && unique;
  }
}
