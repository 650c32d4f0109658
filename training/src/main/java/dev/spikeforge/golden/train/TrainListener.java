package dev.spikeforge.golden.train;

import java.nio.file.Path;

/** Progress of a {@link Trainer} run, for progress bars and logs. All methods run on the training thread. */
public interface TrainListener {
  /** Called once: {@code total} samples in the whole run, {@code done} of them already done (resume). */
  default void onStart(long total, long done) {}

  /** After every sample; {@code runningAccuracy} over the samples of the current epoch so far. */
  default void onSample(int epoch, long position, double runningAccuracy) {}

  /** After the test evaluation of each epoch; {@code seconds} is the epoch's wall time (training + test). */
  default void onEpoch(EpochMetrics metrics, double trainSeconds, double testSeconds) {}

  /** After a checkpoint was written. */
  default void onCheckpoint(Path file, int epoch, long position) {}

  /** A listener that ignores everything. */
  TrainListener NONE = new TrainListener() {};
}
