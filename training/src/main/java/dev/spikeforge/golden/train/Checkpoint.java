package dev.spikeforge.golden.train;

import java.util.List;
import java.util.Map;

/**
 * The complete state of a training run at a sample boundary: enough to continue it bit for bit.
 *
 * @param fingerprint what determines the run's bits ({@link TrainingEngine#describe()} plus the data
 *     and the shuffle); a run refuses a checkpoint whose fingerprint differs from its own
 * @param epoch 0-based epoch the next sample belongs to
 * @param position position within that epoch of the next sample
 * @param runningSamples samples of this epoch already trained
 * @param runningCorrect of those, how many were correct
 * @param runningLoss sum of their losses
 * @param history metrics of the finished epochs
 * @param state the engine's learned state ({@link TrainingEngine#state()})
 */
public record Checkpoint(
    Map<String, Object> fingerprint,
    int epoch,
    long position,
    long runningSamples,
    long runningCorrect,
    double runningLoss,
    List<EpochMetrics> history,
    byte[] state) {
  public Checkpoint {
    fingerprint = Map.copyOf(fingerprint);
    history = List.copyOf(history);
  }
}
