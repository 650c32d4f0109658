package dev.spikeforge.flow;

import dev.spikeforge.golden.train.EpochMetrics;
import dev.spikeforge.golden.train.TrainResult;
import java.nio.file.Path;
import java.util.List;

/**
 * What a training run ({@link Flow#train}) did and wrote.
 *
 * @param output              the output directory
 * @param run                 the Trainer's result: every epoch's metrics, finished or stopped, samples and times
 * @param epochTimes          wall times of the epochs finished in this invocation (as in {@code timing.json})
 * @param initialTestAccuracy test accuracy of the starting model of a fine-tuning run, or null
 * @param quantized           how a finished float run's model.json was quantized, or null (integer or unfinished run)
 * @param modelHash           content hash of model.json, or null for an unfinished run
 * @param files               the files written into {@code output}, in the order {@code spikeforge train} lists them
 */
public record TrainReport(Path output, TrainResult run, List<EpochTime> epochTimes, Double initialTestAccuracy,
    Quantized quantized, String modelHash, List<String> files) {
  public TrainReport {
    epochTimes = List.copyOf(epochTimes);
    files = List.copyOf(files);
  }

  /**
   * The quantization of a float run by {@link CalibrationRule}'s scale rule.
   *
   * @param weightBits        weight width
   * @param membraneBits      membrane width
   * @param scale             the layer scale rule chosen
   * @param calibrationImages training images calibrated on (the last ones of the split)
   * @param testAccuracy      test accuracy of the integer golden model
   */
  public record Quantized(int weightBits, int membraneBits, String scale, int calibrationImages, double testAccuracy) {}

  /** Whether every epoch is done (false after {@code stopAfter}: continue with {@code resume}). */
  public boolean finished() {
    return run.finished();
  }

  /** The metrics of the last finished epoch. */
  public EpochMetrics lastEpoch() {
    return run.epochs().get(run.epochs().size() - 1);
  }
}
