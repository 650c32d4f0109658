package dev.spikeforge.golden.spec;

/** What a LIF neuron's membrane becomes after it fires. */
public enum ResetMode {
  /** {@code v := v - threshold} (keeps the excess; rate-preserving). */
  SUBTRACT,
  /** {@code v := 0}. */
  ZERO
}
