package dev.spikeforge.golden.spec;

/** How the output layer's spikes become a class decision. */
public enum ReadoutMode {
  /** Count output spikes over all T steps; the class is the neuron with the most spikes. */
  SPIKE_COUNT,
  /**
   * First-to-fire with early exit: the sample is decided at the first step at which some output
   * neuron's spike count reaches {@code decisionCount}; the rest of the sample is not simulated.
   */
  FIRST_TO_FIRE
}
