package dev.spikeforge.golden.train.threefactor;

/** Which form of the rule a training run uses. */
public enum NumericForm {
  /** Double precision: the accuracy ceiling; exports a {@code FloatNetwork}. */
  FLOAT,
  /** The bit-exact integer form with per-synapse accumulators; exports a {@code NetworkSpec}. */
  INT,
  /**
   * The integer form as a learning unit computes it: no per-synapse accumulators (eligibilities replayed
   * from stored spike and surrogate histories after the sample), narrow shadow weights and delays with
   * LFSR stochastic rounding ({@code IntLearningFormat.HARDWARE}); docs/learning.md Part II §9. Exports a
   * {@code NetworkSpec}.
   */
  HARDWARE
}
