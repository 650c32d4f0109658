package dev.spikeforge.cli;

import dev.spikeforge.golden.train.EpochMetrics;
import dev.spikeforge.golden.train.TrainListener;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Progress of a training run: a bar over all samples of all epochs with samples/s and ETA, the epoch
 * and the running training accuracy after it; one line per finished epoch on the output.
 */
final class TrainProgress implements TrainListener, AutoCloseable {
  private final PrintWriter out;
  private final int epochs;
  private final long perEpoch;
  private Progress bar;
  /** Samples trained in this invocation during the current epoch (a resumed epoch started earlier). */
  private long samplesThisEpoch;
  private final List<Map<String, Object>> times = new ArrayList<>();

  TrainProgress(PrintWriter out, int epochs, long perEpoch) {
    this.out = out;
    this.epochs = epochs;
    this.perEpoch = perEpoch;
  }

  @Override
  public void onStart(long total, long done) {
    bar = new Progress("train", total, done, "samples");
  }

  @Override
  public void onSample(int epoch, long position, double runningAccuracy) {
    bar.accept(1);
    samplesThisEpoch++;
    if (position % 50 == 0 || position == perEpoch) {
      // short: the bar is 100 columns and this goes right after the rate (hence the leading space)
      bar.message(String.format(Locale.ROOT, " ep %d/%d acc %.1f%%", epoch + 1, epochs, 100 * runningAccuracy));
    }
  }

  @Override
  public void onEpoch(EpochMetrics m, double trainSeconds, double testSeconds) {
    out.printf(Locale.ROOT, "epoch %3d/%d  lr %.3g  train %6.2f %% (loss %.4f)  test %6.2f %%  %.1f s (%.0f samples/s)"
            + " + test %.1f s%n", m.epoch(), epochs, m.learningRate(), 100 * m.trainAccuracy(), m.trainLoss(),
        100 * m.testAccuracy(), trainSeconds, samplesThisEpoch / Math.max(trainSeconds, 1e-9), testSeconds);
    samplesThisEpoch = 0;
    out.flush();
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("epoch", m.epoch());
    t.put("trainSeconds", trainSeconds);
    t.put("testSeconds", testSeconds);
    times.add(t);
  }

  /** Wall times of the epochs finished in this invocation. */
  List<Map<String, Object>> epochTimes() {
    return times;
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
