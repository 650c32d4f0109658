package dev.spikeforge.golden.train.threefactor;

/** Which form of the rule a training run uses. */
public enum NumericForm {
  /** Double precision: the accuracy ceiling; exports a {@code FloatNetwork}. */
  FLOAT,
  /** The bit-exact integer form hardware executes; exports a {@code NetworkSpec}. */
  INT
}
