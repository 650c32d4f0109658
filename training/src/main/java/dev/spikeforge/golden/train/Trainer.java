package dev.spikeforge.golden.train;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.SpikeEncoder;
import dev.spikeforge.golden.eval.EvalReport;
import dev.spikeforge.golden.sim.SpikeRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rule-agnostic training loop: epochs of online training (one sample at a time, in a seeded
 * order per epoch), a test evaluation after each epoch, checkpoints at sample boundaries, resume.
 *
 * <p>Determinism: the order of epoch {@code e} is {@code train.shuffled(engine.epochOrderSeed(seed, e))}
 * ({@link #epochOrderSeed} unless the rule keeps its own order);
 * the engine keys its own pseudo-random choices by (epoch, position); a checkpoint holds the
 * engine's state and the running counters. So a run resumed from any checkpoint ends with exactly
 * the weights and metrics of an uninterrupted run.
 */
public final class Trainer {
  private Trainer() {}

  /** Seed of the sample order of epoch {@code e}: {@code seed · 0x9E3779B97F4A7C15 + e} (64-bit wrap-around). */
  public static long epochOrderSeed(long seed, int epoch) {
    return seed * 0x9E3779B97F4A7C15L + epoch;
  }

  /** The fingerprint of a run: the engine's description plus the data and the order of samples. */
  public static Map<String, Object> fingerprint(TrainingEngine engine, Dataset train, Dataset test, TrainOptions o) {
    Map<String, Object> m = new LinkedHashMap<>(engine.describe());
    Map<String, Object> d = new LinkedHashMap<>(o.data());
    d.put("trainSamples", train.size());
    d.put("testSamples", test.size());
    d.put("shuffle", o.shuffle());
    d.put("shuffleSeed", o.shuffleSeed());
    m.put("data", d);
    return m;
  }

  /**
   * Trains {@code engine} on {@code train}, evaluating on {@code test} after each epoch.
   *
   * @throws CheckpointException if resuming from a missing, corrupt or foreign checkpoint
   */
  public static TrainResult run(TrainingEngine engine, Dataset train, Dataset test, SpikeEncoder encoder,
      TrainOptions o, TrainListener listener) throws IOException {
    if (train.size() == 0) {
      throw new IllegalArgumentException("the training set is empty");
    }
    Map<String, Object> fp = fingerprint(engine, train, test, o);
    int epoch = 0;
    long position = 0;
    long runSamples = 0;
    long runCorrect = 0;
    double runLoss = 0;
    List<EpochMetrics> history = new ArrayList<>();
    if (o.resume()) {
      Checkpoint c = CheckpointFile.read(o.checkpoint());
      CheckpointFile.checkFingerprint(o.checkpoint(), c, fp);
      CheckpointFile.checkConsistent(o.checkpoint(), c, train.size());
      try {
        engine.restore(c.state());
      } catch (IllegalArgumentException e) {
        throw new CheckpointException("checkpoint " + o.checkpoint() + " does not fit this network: " + e.getMessage(), e);
      }
      epoch = c.epoch();
      position = c.position();
      runSamples = c.runningSamples();
      runCorrect = c.runningCorrect();
      runLoss = c.runningLoss();
      history.addAll(c.history());
    }
    int n = train.size();
    long total = (long) o.epochs() * n;
    long done = Math.min(total, (long) epoch * n + position);
    listener.onStart(total, done);
    long trained = 0;
    double trainSeconds = 0;
    double testSeconds = 0;
    int steps = engine.timesteps();
    long start = System.nanoTime();
    double lastEpoch = 0;
    while (epoch < o.epochs()) {
      double elapsed = (System.nanoTime() - start) / 1e9;
      if (o.timeLimitSeconds() > 0 && position == 0 && !history.isEmpty() && lastEpoch > 0
          && elapsed + lastEpoch > o.timeLimitSeconds()) {
        return new TrainResult(history, true, trained, trainSeconds, testSeconds, true);
      }
      Dataset order = o.shuffle() ? train.shuffled(engine.epochOrderSeed(o.shuffleSeed(), epoch)) : train;
      long t0 = System.nanoTime();
      double epochTrain = 0;
      while (position < n) {
        int pos = (int) position;
        SpikeRaster x = order.isTemporal() ? order.raster(pos) : order.encode(pos, encoder, steps);
        SampleOutcome r = engine.train(x, order.label(pos), epoch, position);
        runSamples++;
        runCorrect += r.correct() ? 1 : 0;
        runLoss += r.loss();
        position++;
        trained++;
        listener.onSample(epoch, position, runCorrect / (double) runSamples);
        long global = (long) epoch * n + position;
        boolean stop = o.stopAfter() >= 0 && trained >= o.stopAfter() && position < n;
        if (o.checkpoint() != null && position < n && (stop || (o.checkpointEvery() > 0 && global % o.checkpointEvery() == 0))) {
          double seg = (System.nanoTime() - t0) / 1e9;
          trainSeconds += seg;
          epochTrain += seg;
          CheckpointFile.write(o.checkpoint(), new Checkpoint(fp, epoch, position, runSamples, runCorrect, runLoss,
              history, engine.state()));
          listener.onCheckpoint(o.checkpoint(), epoch, position);
          t0 = System.nanoTime();
        }
        if (stop) {
          trainSeconds += (System.nanoTime() - t0) / 1e9;
          return new TrainResult(history, false, trained, trainSeconds, testSeconds, false);
        }
      }
      double seg = (System.nanoTime() - t0) / 1e9;
      trainSeconds += seg;
      epochTrain += seg;
      long e0 = System.nanoTime();
      EvalReport rep = test.size() == 0 ? null : engine.evaluate(test, encoder, o.evalThreads());
      double epochTest = (System.nanoTime() - e0) / 1e9;
      testSeconds += epochTest;
      EpochMetrics m = new EpochMetrics(epoch + 1, engine.learningRate(epoch), (int) runSamples,
          runCorrect / (double) runSamples, runLoss / runSamples, test.size(), rep == null ? 0 : rep.accuracy());
      history.add(m);
      listener.onEpoch(m, epochTrain, epochTest);
      lastEpoch = epochTrain + epochTest;
      epoch++;
      position = 0;
      runSamples = 0;
      runCorrect = 0;
      runLoss = 0;
      if (o.checkpoint() != null) {
        CheckpointFile.write(o.checkpoint(), new Checkpoint(fp, epoch, 0, 0, 0, 0, history, engine.state()));
        listener.onCheckpoint(o.checkpoint(), epoch, 0);
      }
      if (o.stopAfter() >= 0 && trained >= o.stopAfter() && epoch < o.epochs()) {
        return new TrainResult(history, false, trained, trainSeconds, testSeconds, false);
      }
    }
    return new TrainResult(history, true, trained, trainSeconds, testSeconds, false);
  }

  /** Whether {@code o.checkpoint()} exists (for front ends that want to warn before overwriting). */
  public static boolean hasCheckpoint(TrainOptions o) {
    return o.checkpoint() != null && Files.exists(o.checkpoint());
  }
}
