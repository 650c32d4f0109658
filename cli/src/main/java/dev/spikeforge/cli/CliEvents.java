package dev.spikeforge.cli;

import dev.spikeforge.flow.EpochTime;
import dev.spikeforge.flow.FlowEvents;
import dev.spikeforge.golden.train.EpochMetrics;
import dev.spikeforge.golden.train.TrainListener;
import java.io.PrintWriter;
import java.util.Locale;

/** A flow's events on the terminal: the step log on stdout, tickers and bars on stderr, epoch lines. */
final class CliEvents implements FlowEvents {
  private final PrintWriter out;

  CliEvents(PrintWriter out) {
    this.out = out;
  }

  @Override
  public PrintWriter log() {
    return out;
  }

  @Override
  public Task ticker(String task) {
    Ticker t = new Ticker(task);
    return t::close;
  }

  @Override
  public Meter progress(String task, long total, String unit) {
    Progress p = new Progress(task, total, unit);
    return new Meter() {
      @Override
      public void accept(int n) {
        p.accept(n);
      }

      @Override
      public void close() {
        p.close();
      }
    };
  }

  @Override
  public TrainListener training(int epochs, long perEpoch) {
    return new TrainProgress(epochs, perEpoch);
  }

  /** The line of a finished epoch. */
  @Override
  public void epoch(EpochMetrics m, EpochTime t) {
    out.printf(Locale.ROOT, "epoch %3d/%d  lr %.3g  train %6.2f %% (loss %.4f)  test %6.2f %%  %.1f s (%.0f samples/s)"
            + " + test %.1f s%n", m.epoch(), t.epochs(), m.learningRate(), 100 * m.trainAccuracy(), m.trainLoss(),
        100 * m.testAccuracy(), t.trainSeconds(), t.samplesPerSecond(), t.testSeconds());
    out.flush();
  }
}
