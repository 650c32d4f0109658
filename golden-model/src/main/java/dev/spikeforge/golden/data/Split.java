package dev.spikeforge.golden.data;

/** Which part of a dataset with a fixed train/test split to load. */
public enum Split {
  /** The training part. */
  TRAIN,
  /** The held-out test part. */
  TEST
}
