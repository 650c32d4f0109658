package dev.spikeforge.flow;

import dev.spikeforge.golden.train.EpochMetrics;
import dev.spikeforge.golden.train.TrainListener;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.function.IntConsumer;

/**
 * Where a running flow reports: a log of the steps (what {@code spikeforge demo} prints), elapsed-time
 * tickers, progress meters, a training listener and epoch times. {@link #quiet()} drops everything; a front end
 * supplies bars and tickers.
 */
public interface FlowEvents {
  /** A task in progress; closed when it ends. */
  interface Task extends AutoCloseable {
    @Override
    void close();
  }

  /** A counted task in progress: accepts the number of items just done. */
  interface Meter extends Task, IntConsumer {}

  /** The step log. */
  PrintWriter log();

  /** A task without a count (a simulator build, synthesis). */
  Task ticker(String task);

  /** A task of {@code total} items of {@code unit}. */
  Meter progress(String task, long total, String unit);

  /** The listener of a training run of {@code epochs} epochs of {@code perEpoch} samples; closed after it. */
  TrainListener training(int epochs, long perEpoch);

  /** An epoch of a training run ended (after the listener's {@code onEpoch}): its metrics and wall times. */
  default void epoch(EpochMetrics metrics, EpochTime time) { }

  /**
   * Something the user must not miss (a quantization that lost more accuracy than tolerated): by
   * default a line {@code WARNING: message} in the log, flushed.
   */
  default void warn(String message) {
    log().println("WARNING: " + message);
    log().flush();
  }

  /** Events written nowhere. */
  static FlowEvents quiet() {
    return logTo(new PrintWriter(Writer.nullWriter()));
  }

  /** The step log to {@code log}; no tickers, meters or training lines. */
  static FlowEvents logTo(PrintWriter log) {
    return new FlowEvents() {
      @Override
      public PrintWriter log() {
        return log;
      }

      @Override
      public Task ticker(String task) {
        return () -> { };
      }

      @Override
      public Meter progress(String task, long total, String unit) {
        return new Meter() {
          @Override
          public void accept(int n) { }

          @Override
          public void close() { }
        };
      }

      @Override
      public TrainListener training(int epochs, long perEpoch) {
        return TrainListener.NONE;
      }
    };
  }
}
