package dev.spikeforge.golden.train.threefactor;

/** Receives the metrics of every epoch as training goes (e.g. a CLI progress line). */
@FunctionalInterface
public interface TrainingListener {
  /** A listener that ignores everything. */
  TrainingListener NONE = m -> {};

  void epochDone(EpochMetrics metrics);
}
