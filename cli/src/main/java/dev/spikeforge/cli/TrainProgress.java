package dev.spikeforge.cli;

import dev.spikeforge.golden.train.TrainListener;
import java.util.Locale;

/**
 * Progress of a training run: a bar over all samples of all epochs with samples/s and ETA, the epoch
 * and the running training accuracy after it. The line per finished epoch is {@link CliEvents#epoch}'s.
 */
final class TrainProgress implements TrainListener, AutoCloseable {
  private final int epochs;
  private final long perEpoch;
  private Progress bar;

  TrainProgress(int epochs, long perEpoch) {
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
    if (position % 50 == 0 || position == perEpoch) {
      // short: the bar is 100 columns and this goes right after the rate (hence the leading space)
      bar.message(String.format(Locale.ROOT, " ep %d/%d acc %.1f%%", epoch + 1, epochs, 100 * runningAccuracy));
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
