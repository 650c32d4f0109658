package dev.spikeforge.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An elapsed-time line on stderr for steps without a count to show (simulator builds, synthesis,
 * place and route): {@code   bitstream: yosys, nextpnr-ice40, icepack … 1:23}, rewritten in place
 * every second, cleared on close.
 */
final class Ticker implements AutoCloseable {
  private final ScheduledExecutorService timer;
  private final PrintStream err = System.err;
  private final String task;
  private final long start = System.nanoTime();
  private int width;

  Ticker(String task) {
    this.task = task;
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ticker");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
  }

  private synchronized void tick() {
    long s = (System.nanoTime() - start) / 1_000_000_000L;
    String line = String.format(Locale.ROOT, "   %s ... %d:%02d", task, s / 60, s % 60);
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
