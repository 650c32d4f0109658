package dev.spikeforge.golden.train;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How {@link Trainer} runs an engine.
 *
 * @param epochs total epochs of the run (a resumed run continues up to this number)
 * @param shuffle whether each epoch visits the training set in a new order ({@link Trainer#epochOrderSeed})
 * @param shuffleSeed seed of the epoch orders
 * @param evalThreads threads of the per-epoch test evaluation (results do not depend on it)
 * @param checkpoint checkpoint file, or null for none
 * @param checkpointEvery also checkpoint after every this many samples (counted from the start of
 *     the run, so positions do not depend on interruptions); 0 = only at the end of each epoch
 * @param resume continue from {@code checkpoint}
 * @param stopAfter stop (after writing a checkpoint) once this many samples have been trained in
 *     this invocation; -1 = never. For tests and for splitting a run into sessions.
 * @param data description of the data (dataset name, sizes, encoder), part of the run's fingerprint; kept in
 *     the given iteration order (an unmodifiable copy)
 * @param timeLimitSeconds 0, or a wall-clock budget for this invocation: no new epoch is started
 *     when the last epoch's duration would take the run past it; the run then ends after fewer
 *     epochs, with exactly the result of a run asking for that many epochs
 */
public record TrainOptions(
    int epochs, boolean shuffle, long shuffleSeed, int evalThreads, Path checkpoint, long checkpointEvery,
    boolean resume, long stopAfter, Map<String, Object> data, double timeLimitSeconds) {
  public TrainOptions {
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
    }
    if (evalThreads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + evalThreads);
    }
    if (checkpointEvery < 0) {
      throw new IllegalArgumentException("checkpoint interval must be 0 or positive, got " + checkpointEvery);
    }
    if (resume && checkpoint == null) {
      throw new IllegalArgumentException("resume needs a checkpoint file");
    }
    // insertion order, not Map.copyOf's: that order changes from JVM run to run and config.json prints it
    data = data == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
    if (!(timeLimitSeconds >= 0)) {
      throw new IllegalArgumentException("time limit must be 0 or positive, got " + timeLimitSeconds);
    }
  }

  /** Defaults: shuffled with {@code seed}, all cores for evaluation, no checkpoint. */
  public static TrainOptions of(int epochs, long seed) {
    return new TrainOptions(epochs, true, seed, Runtime.getRuntime().availableProcessors(), null, 0, false, -1,
        Map.of(), 0);
  }

  public TrainOptions withCheckpoint(Path file, long every) {
    return new TrainOptions(epochs, shuffle, shuffleSeed, evalThreads, file, every, resume, stopAfter, data,
        timeLimitSeconds);
  }

  public TrainOptions withResume(boolean r) {
    return new TrainOptions(epochs, shuffle, shuffleSeed, evalThreads, checkpoint, checkpointEvery, r, stopAfter,
        data, timeLimitSeconds);
  }

  public TrainOptions withStopAfter(long samples) {
    return new TrainOptions(epochs, shuffle, shuffleSeed, evalThreads, checkpoint, checkpointEvery, resume, samples,
        data, timeLimitSeconds);
  }

  public TrainOptions withEvalThreads(int threads) {
    return new TrainOptions(epochs, shuffle, shuffleSeed, threads, checkpoint, checkpointEvery, resume, stopAfter,
        data, timeLimitSeconds);
  }

  public TrainOptions withData(Map<String, Object> d) {
    return new TrainOptions(epochs, shuffle, shuffleSeed, evalThreads, checkpoint, checkpointEvery, resume,
        stopAfter, d, timeLimitSeconds);
  }

  public TrainOptions withTimeLimit(double seconds) {
    return new TrainOptions(epochs, shuffle, shuffleSeed, evalThreads, checkpoint, checkpointEvery, resume, stopAfter,
        data, seconds);
  }

  public TrainOptions withShuffle(boolean s) {
    return new TrainOptions(epochs, s, shuffleSeed, evalThreads, checkpoint, checkpointEvery, resume, stopAfter,
        data, timeLimitSeconds);
  }
}
