package dev.spikeforge.golden.learning.threefactor;

/** Where the feedback matrix B of the learning signal {@code L_j = Σ_k B_jk δ_k} comes from. */
public enum FeedbackMode {
  /** Symmetric e-prop: {@code B_jk = W^out_kj}, the current output weights (transposed). */
  SYMMETRIC,
  /** Random e-prop: B fixed at initialisation, drawn from the LFSR ({@link RandomFeedback}). */
  RANDOM
}
