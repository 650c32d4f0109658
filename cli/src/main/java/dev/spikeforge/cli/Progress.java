package dev.spikeforge.cli;

import java.io.PrintStream;
import java.time.temporal.ChronoUnit;
import java.util.function.IntConsumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress on stderr with rate and ETA; closes cleanly. On a terminal a bar redrawn in place; when
 * stderr is not a terminal ({@link Terminal}) one plain line every {@value Terminal#LINE_INTERVAL_SECONDS}
 * seconds and a last one at the end.
 */
final class Progress implements AutoCloseable, IntConsumer {
  private final ProgressBar bar;

  Progress(String task, long total, String unit) {
    this(task, total, 0, unit);
  }

  /** A bar that starts at {@code done} of {@code total} (a resumed job); rate and ETA count from here. */
  Progress(String task, long total, long done, String unit) {
    this(task, total, done, unit, System.err, Terminal.stderrIsTerminal());
  }

  Progress(String task, long total, long done, String unit, PrintStream err, boolean terminal) {
    ProgressBarBuilder b = new ProgressBarBuilder()
        .startsFrom(done, java.time.Duration.ZERO)
        .setTaskName(task)
        .setInitialMax(total)
        .setStyle(ProgressBarStyle.ASCII)
        .setUnit(" " + unit, 1)
        .showSpeed()
        .setSpeedUnit(ChronoUnit.SECONDS);
    if (terminal) {
      b.setConsumer(new ConsoleProgressBarConsumer(new PrintStream(err, true), 100)).setUpdateIntervalMillis(250);
    } else {
      b.setConsumer(new DelegatingProgressBarConsumer(line -> {
        err.println(line.strip());
        err.flush();
      }, 100)).setUpdateIntervalMillis(Terminal.LINE_INTERVAL_SECONDS * 1000);
    }
    bar = b.build();
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
