package dev.spikeforge.flow;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.SpikeEncoder;
import dev.spikeforge.golden.train.EpochMetrics;
import dev.spikeforge.golden.train.TrainListener;
import dev.spikeforge.golden.train.TrainOptions;
import dev.spikeforge.golden.train.TrainResult;
import dev.spikeforge.golden.train.Trainer;
import dev.spikeforge.golden.train.TrainingEngine;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The flow's one call of the {@link Trainer}: runs it with the events' training listener and times
 * each epoch ({@link EpochTime}), which goes to {@link FlowEvents#epoch} and to the caller.
 */
final class EpochClock implements TrainListener, AutoCloseable {
  /** A Trainer run and the wall times of the epochs it finished in this invocation. */
  record Timed(TrainResult result, List<EpochTime> epochTimes) {}

  private final FlowEvents events;
  private final TrainListener listener;
  private final int epochs;
  private final List<EpochTime> times = new ArrayList<>();
  private long samplesThisEpoch;

  private EpochClock(FlowEvents events, int epochs, long perEpoch) {
    this.events = events;
    this.listener = events.training(epochs, perEpoch);
    this.epochs = epochs;
  }

  /** Trains {@code engine} on {@code train} coded by {@code encoder}, evaluating on {@code test} after each epoch. */
  static Timed train(TrainingEngine engine, Dataset train, Dataset test, SpikeEncoder encoder, TrainOptions options,
      FlowEvents events) throws IOException {
    try (EpochClock clock = new EpochClock(events, options.epochs(), train.size())) {
      TrainResult r = Trainer.run(engine, train, test, encoder, options, clock);
      return new Timed(r, List.copyOf(clock.times));
    }
  }

  @Override
  public void onStart(long total, long done) {
    listener.onStart(total, done);
  }

  @Override
  public void onSample(int epoch, long position, double runningAccuracy) {
    samplesThisEpoch++;
    listener.onSample(epoch, position, runningAccuracy);
  }

  @Override
  public void onEpoch(EpochMetrics m, double trainSeconds, double testSeconds) {
    listener.onEpoch(m, trainSeconds, testSeconds);
    EpochTime t = new EpochTime(m.epoch(), epochs, samplesThisEpoch, trainSeconds, testSeconds);
    samplesThisEpoch = 0;
    times.add(t);
    events.epoch(m, t);
  }

  @Override
  public void close() {
    if (listener instanceof AutoCloseable a) {
      try {
        a.close();
      } catch (Exception e) {
        throw new IllegalStateException("closing the training listener", e);
      }
    }
  }
}
