package dev.spikeforge.cli;

import dev.spikeforge.flow.FlowEvents;
import dev.spikeforge.golden.train.TrainListener;
import java.io.PrintWriter;

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
    return new TrainProgress(out, epochs, perEpoch);
  }
}
