package dev.spikeforge.golden.spec.hw;

/**
 * Which feedforward delays a layer has: the ones its hardware implements, and the ones the
 * three-factor rule ({@code train.threefactor}) learns in a hidden layer.
 */
public enum DelayMode {
  /**
   * No feedforward delays (every spike lands in the current step's slot). Training: the weights-only
   * baseline (recurrent delays 1).
   */
  NONE,
  /**
   * One delay per presynaptic input, in a small delay memory read once per event ({@code
   * LayerSpec.axonalDelays}). Training: recurrent delays stay 1.
   */
  AXONAL,
  /**
   * One total delay (axonal + synaptic) per synapse, stored next to the weight ({@code
   * LayerSpec.synapticDelays}). Training: recurrent synapses get a learned delay each too.
   */
  SYNAPTIC
}
