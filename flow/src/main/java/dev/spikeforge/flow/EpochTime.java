package dev.spikeforge.flow;

/**
 * The wall times of one training epoch of this invocation (not reproducible, unlike the metrics).
 *
 * @param epoch        the epoch (1-based, as {@code EpochMetrics.epoch()})
 * @param epochs       epochs the run asks for
 * @param samples      samples trained in this invocation during the epoch (fewer than the split when it resumed)
 * @param trainSeconds wall time of its training
 * @param testSeconds  wall time of its test evaluation
 */
public record EpochTime(int epoch, int epochs, long samples, double trainSeconds, double testSeconds) {
  /** Training throughput of the epoch. */
  public double samplesPerSecond() {
    return samples / Math.max(trainSeconds, 1e-9);
  }
}
