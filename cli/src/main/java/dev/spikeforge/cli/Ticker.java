package dev.spikeforge.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An elapsed-time line on stderr for steps without a count to show (simulator builds, synthesis,
 * place and route): {@code   bitstream: yosys, nextpnr-ice40, icepack … 1:23}. On a terminal it is
 * rewritten in place every second and cleared on close; when stderr is not a terminal ({@link
 * Terminal}) it is printed as a line of its own every {@value Terminal#LINE_INTERVAL_SECONDS} seconds.
 */
final class Ticker implements AutoCloseable {
  private final ScheduledExecutorService timer;
  private final PrintStream err;
  private final boolean terminal;
  private final String task;
  private final long start = System.nanoTime();
  private int width;

  Ticker(String task) {
    this(task, System.err, Terminal.stderrIsTerminal());
  }

  Ticker(String task, PrintStream err, boolean terminal) {
    this.task = task;
    this.err = err;
    this.terminal = terminal;
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ticker");
      t.setDaemon(true);
      return t;
    });
    int period = terminal ? 1 : Terminal.LINE_INTERVAL_SECONDS;
    timer.scheduleAtFixedRate(this::tick, period, period, TimeUnit.SECONDS);
  }

  synchronized void tick() {
    long s = (System.nanoTime() - start) / 1_000_000_000L;
    String line = String.format(Locale.ROOT, "   %s ... %d:%02d", task, s / 60, s % 60);
    if (!terminal) {
      err.println(line);
      err.flush();
      return;
    }
    width = Math.max(width, line.length());
    err.print("\r" + line);
    err.flush();
  }

  @Override
  public synchronized void close() {
    timer.shutdownNow();
    if (width > 0) {
      err.print("\r" + " ".repeat(width) + "\r");
      err.flush();
    }
  }
}
