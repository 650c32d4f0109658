package dev.spikeforge.golden.train.threefactor;

/** Which delays of the hidden layer exist and are learned. */
public enum DelayMode {
  /** No delays (all 0, recurrent 1): the weights-only baseline. */
  NONE,
  /** One delay per presynaptic input ({@code LayerSpec.axonalDelays}); recurrent delays stay 1. */
  AXONAL,
  /** One delay per synapse ({@code LayerSpec.synapticDelays}), and per recurrent synapse. */
  SYNAPTIC
}
