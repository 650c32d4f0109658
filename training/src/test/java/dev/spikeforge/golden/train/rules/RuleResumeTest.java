package dev.spikeforge.golden.train.rules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.DelayPatternParams;
import dev.spikeforge.golden.data.DelayPatternTask;
import dev.spikeforge.golden.data.RateEncoder;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.train.TrainListener;
import dev.spikeforge.golden.train.TrainOptions;
import dev.spikeforge.golden.train.TrainResult;
import dev.spikeforge.golden.train.Trainer;
import dev.spikeforge.golden.train.TrainingEngine;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every registered rule, built through the registry and driven by the one Trainer: a run on 1 thread,
 * and the same run on 2 threads interrupted mid-epoch and resumed from its checkpoint, end with the
 * same weights and metrics.
 */
@Tag("unit")
class RuleResumeTest {
  /** Temporal data both rules take: 3 classes, 6 channels, T = 24. */
  static final DelayPatternTask TASK = new DelayPatternTask(new DelayPatternParams(3, 6, 24, 5, 0, 1, 7));
  static final Dataset TRAIN = TASK.trainSet(60);
  static final Dataset TEST = TASK.testSet(20);

  static RuleConfig config(LearningRule rule, String precision, int threads) {
    Map<String, Object> o = rule.name().equals("desire") ? Map.of("--timesteps", 24, "--lr", 2e-3)
        : Map.of("--delays", "axonal", "--max-delay", 5);
    return new RuleConfig(new int[] {6, 10, 3}, "delay-pattern", precision, 4, null, null, threads,
        RuleOptions.of(rule, o));
  }

  static TrainOptions options(Path ck, int threads) {
    return TrainOptions.of(2, 5).withCheckpoint(ck, 16).withEvalThreads(threads).withData(Map.of("dataset", "dp"));
  }

  @ParameterizedTest
  @CsvSource({"desire, float", "desire, int", "eprop, float", "eprop, int"})
  void resumedTwoThreadRunEqualsUninterruptedOneThreadRun(String name, String precision, @TempDir Path dir)
      throws Exception {
    LearningRule rule = LearningRules.get(name);
    TrainResult a;
    byte[] stateA;
    String hashA;
    try (TrainingEngine e = rule.engine(config(rule, precision, 1), TRAIN)) {
      a = Trainer.run(e, TRAIN, TEST, new RateEncoder(), options(dir.resolve("a.ck"), 1), TrainListener.NONE);
      stateA = e.state();
      hashA = e.intNetwork() == null ? null : NetworkJson.contentHash(e.intNetwork());
    }
    Path ck = dir.resolve("b.ck");
    try (TrainingEngine e = rule.engine(config(rule, precision, 2), TRAIN)) {
      assertFalse(Trainer.run(e, TRAIN, TEST, new RateEncoder(), options(ck, 2).withStopAfter(77), TrainListener.NONE)
          .finished());
    }
    try (TrainingEngine e = rule.engine(config(rule, precision, 2), TRAIN)) {
      TrainResult b = Trainer.run(e, TRAIN, TEST, new RateEncoder(), options(ck, 2).withResume(true),
          TrainListener.NONE);
      assertEquals(a.epochs(), b.epochs());
      assertArrayEquals(stateA, e.state());
      assertEquals(hashA, e.intNetwork() == null ? null : NetworkJson.contentHash(e.intNetwork()));
    }
  }
}
