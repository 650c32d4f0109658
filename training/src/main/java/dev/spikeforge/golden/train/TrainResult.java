package dev.spikeforge.golden.train;

import java.util.List;

/**
 * What a {@link Trainer} run did.
 *
 * @param epochs metrics of every finished epoch (including those finished before a resume)
 * @param finished whether all epochs are done (false after {@code stopAfter})
 * @param samplesTrained samples trained in this invocation
 * @param trainSeconds wall time spent training in this invocation (test evaluations excluded)
 * @param testSeconds wall time of the test evaluations of this invocation
 * @param timeLimited whether the run ended before {@code epochs} because of the time limit (it is
 *     then complete with fewer epochs: {@code finished} is true)
 */
public record TrainResult(
    List<EpochMetrics> epochs, boolean finished, long samplesTrained, double trainSeconds, double testSeconds,
    boolean timeLimited) {
  public TrainResult {
    epochs = List.copyOf(epochs);
  }

  /** Training throughput of this invocation. */
  public double samplesPerSecond() {
    return samplesTrained / Math.max(trainSeconds, 1e-9);
  }
}
