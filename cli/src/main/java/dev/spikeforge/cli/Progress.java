package dev.spikeforge.cli;

import java.io.PrintStream;
import java.time.temporal.ChronoUnit;
import java.util.function.IntConsumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on stderr with rate and ETA; closes cleanly. */
final class Progress implements AutoCloseable, IntConsumer {
  private final ProgressBar bar;

  Progress(String task, long total, String unit) {
    this(task, total, 0, unit);
  }

  /** A bar that starts at {@code done} of {@code total} (a resumed job); rate and ETA count from here. */
  Progress(String task, long total, long done, String unit) {
    bar = new ProgressBarBuilder()
        .startsFrom(done, java.time.Duration.ZERO)
        .setTaskName(task)
        .setInitialMax(total)
        .setStyle(ProgressBarStyle.ASCII)
        .setConsumer(new ConsoleProgressBarConsumer(new PrintStream(System.err, true), 100))
        .setUpdateIntervalMillis(250)
        .setUnit(" " + unit, 1)
        .showSpeed()
        .setSpeedUnit(ChronoUnit.SECONDS)
        .build();
  }

  @Override
  public synchronized void accept(int n) {
    bar.stepBy(n);
  }

  /** Text shown after the bar (e.g. the running accuracy). */
  public synchronized void message(String text) {
    bar.setExtraMessage(text);
  }

  @Override
  public void close() {
    bar.close();
  }
}
