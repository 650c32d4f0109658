package dev.spikeforge.golden.spec.hw;

/** How one set of synapses (feedforward or recurrent) of a layer turns spike events into currents. */
public enum SynapseMode {
  /**
   * One presynaptic spike per event: the event reads one weight row (one word per lane and neuron
   * group) and adds each weight (BINARIZED: ±1) into its target's pending current. Works with every
   * delay arrangement.
   */
  EVENT,
  /**
   * BINARIZED only, uniform delay: an event is a chunk of {@code edgeWidth} presynaptic spike bits;
   * each lane reads the chunk's weight bits of its neuron and adds {@code 2·popcount(s AND b) −
   * popcount(s)} (BinarizedSynapse.current) into the pending current.
   */
  CHUNK
}
