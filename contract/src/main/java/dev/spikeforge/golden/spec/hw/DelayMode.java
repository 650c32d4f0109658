package dev.spikeforge.golden.spec.hw;

/** Which feedforward delays a layer's hardware implements. */
public enum DelayMode {
  /** No feedforward delays (every spike lands in the current step's slot). */
  NONE,
  /** One delay per presynaptic input, in a small delay memory read once per event. */
  AXONAL,
  /** One total delay (axonal + synaptic) per synapse, stored next to the weight. */
  SYNAPTIC
}
