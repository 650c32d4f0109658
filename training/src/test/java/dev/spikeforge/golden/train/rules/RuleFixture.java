package dev.spikeforge.golden.train.rules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.DelayPatternParams;
import dev.spikeforge.golden.data.DelayPatternTask;
import dev.spikeforge.golden.data.RateEncoder;
import dev.spikeforge.golden.io.FloatNetworkJson;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.train.EpochMetrics;
import dev.spikeforge.golden.train.TrainListener;
import dev.spikeforge.golden.train.TrainOptions;
import dev.spikeforge.golden.train.TrainResult;
import dev.spikeforge.golden.train.Trainer;
import dev.spikeforge.golden.train.TrainingEngine;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What the rule tests share: a small delay task (3 classes, 6 channels, T = 24), a rule's
 * configuration on it, checkpoint options, the refusal of a configuration, and the resume check (a
 * run on 1 thread, and the same run on 2 threads interrupted mid-epoch and resumed from its
 * checkpoint, end with the same metrics, state and networks).
 */
final class RuleFixture {
  static final DelayPatternTask TASK = new DelayPatternTask(new DelayPatternParams(3, 6, 24, 5, 0, 1, 7));
  static final Dataset TRAIN = TASK.trainSet(60);
  static final Dataset TEST = TASK.testSet(20);
  /** The seed of every configuration but the one that checks the seed matters. */
  static final long SEED = 4;

  private RuleFixture() {}

  static RuleConfig config(LearningRule rule, String precision, int[] sizes, int threads, Map<String, Object> options) {
    return config(rule, precision, sizes, threads, options, SEED);
  }

  static RuleConfig config(LearningRule rule, String precision, int[] sizes, int threads, Map<String, Object> options,
      long seed) {
    return new RuleConfig(sizes, "delay-pattern", precision, seed, null, null, threads, RuleOptions.of(rule, options));
  }

  /** Two epochs, shuffled with seed 5, a checkpoint every 16 samples to {@code ck}. */
  static TrainOptions options(Path ck, int threads) {
    return TrainOptions.of(2, 5).withCheckpoint(ck, 16).withEvalThreads(threads).withData(Map.of("dataset", "dp"));
  }

  /** The message of the {@link LearningRuleException} that refuses {@code c}. */
  static String refused(LearningRule rule, RuleConfig c) {
    return assertThrows(LearningRuleException.class, () -> rule.engine(c, TRAIN)).getMessage();
  }

  /** What a finished run leaves. */
  record Outcome(List<EpochMetrics> epochs, byte[] state, NetworkSpec intNetwork, FloatNetwork floatNetwork) {
    static Outcome of(TrainResult r, TrainingEngine e) {
      return new Outcome(r.epochs(), e.state(), e.intNetwork(), e.floatNetwork());
    }

    void assertSame(Outcome o) {
      assertEquals(epochs, o.epochs);
      assertArrayEquals(state, o.state);
      assertEquals(intNetwork == null ? null : NetworkJson.contentHash(intNetwork),
          o.intNetwork == null ? null : NetworkJson.contentHash(o.intNetwork));
      assertEquals(FloatNetworkJson.write(floatNetwork), FloatNetworkJson.write(o.floatNetwork));
    }
  }

  /**
   * Trains {@code rule} uninterrupted on 1 thread, then on 2 threads stopped after 77 samples and
   * resumed from the checkpoint; asserts both end the same; returns the uninterrupted run.
   */
  static Outcome assertResumeEqualsUninterrupted(LearningRule rule, String precision, int[] sizes,
      Map<String, Object> options, Path dir) throws Exception {
    Outcome a;
    try (TrainingEngine e = rule.engine(config(rule, precision, sizes, 1, options), TRAIN)) {
      a = Outcome.of(Trainer.run(e, TRAIN, TEST, new RateEncoder(), options(dir.resolve("a.ck"), 1),
          TrainListener.NONE), e);
    }
    Path ck = dir.resolve("b.ck");
    try (TrainingEngine e = rule.engine(config(rule, precision, sizes, 2, options), TRAIN)) {
      assertFalse(Trainer.run(e, TRAIN, TEST, new RateEncoder(), options(ck, 2).withStopAfter(77), TrainListener.NONE)
          .finished());
    }
    try (TrainingEngine e = rule.engine(config(rule, precision, sizes, 2, options), TRAIN)) {
      a.assertSame(Outcome.of(Trainer.run(e, TRAIN, TEST, new RateEncoder(), options(ck, 2).withResume(true),
          TrainListener.NONE), e));
    }
    return a;
  }

  /**
   * The run that left {@code state} learned something and another seed gives other bits, so that
   * the equalities of {@link #assertResumeEqualsUninterrupted} can fail.
   */
  static void assertLearnedAndSeeded(LearningRule rule, String precision, int[] sizes, Map<String, Object> options,
      byte[] state) throws Exception {
    try (TrainingEngine fresh = rule.engine(config(rule, precision, sizes, 1, options), TRAIN)) {
      assertFalse(Arrays.equals(state, fresh.state()), "the weights must have changed");
    }
    try (TrainingEngine other = rule.engine(config(rule, precision, sizes, 1, options, 5), TRAIN)) {
      Trainer.run(other, TRAIN, TEST, new RateEncoder(), TrainOptions.of(2, 5), TrainListener.NONE);
      assertFalse(Arrays.equals(state, other.state()), "another seed must give other weights");
    }
  }

  /** A run resumed from a checkpoint of {@code rule} with no options, but configured with {@code other}, is refused naming {@code field}. */
  static void assertOtherConfigurationRefused(LearningRule rule, String precision, int[] sizes, Map<String, Object> other,
      String field, Path dir) throws Exception {
    Path ck = dir.resolve("c.ck");
    try (TrainingEngine e = rule.engine(config(rule, precision, sizes, 1, Map.of()), TRAIN)) {
      Trainer.run(e, TRAIN, TEST, new RateEncoder(), options(ck, 1).withStopAfter(20), TrainListener.NONE);
    }
    try (TrainingEngine e = rule.engine(config(rule, precision, sizes, 1, other), TRAIN)) {
      Exception x = assertThrows(Exception.class, () -> Trainer.run(e, TRAIN, TEST, new RateEncoder(),
          options(ck, 1).withResume(true), TrainListener.NONE));
      assertTrue(x.getMessage().contains(field), x.getMessage());
    }
  }
}
