package dev.spikeforge.golden.spec.hw;

/** What a hardware memory image holds. */
public enum MemoryRole {
  /** The layer's neuron parameters (threshold, leak shift, reset mode): word 0 (word 1 is reserved, 0). */
  PARAMS("params"),
  /** Feedforward weights (and per-synapse delays), one lane word per lane side by side. */
  FEEDFORWARD("ff"),
  /** Axonal delays, one word per presynaptic input. */
  AXONAL("axonal"),
  /** Recurrent weights (and per-synapse recurrent delays). */
  RECURRENT("rec");

  private final String stem;

  MemoryRole(String stem) {
    this.stem = stem;
  }

  /** Short name used in image file names, e.g. {@code ff}. */
  public String stem() {
    return stem;
  }
}
