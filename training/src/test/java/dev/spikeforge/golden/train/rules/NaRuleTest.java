package dev.spikeforge.golden.train.rules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.DelayPatternParams;
import dev.spikeforge.golden.data.DelayPatternTask;
import dev.spikeforge.golden.data.RateEncoder;
import dev.spikeforge.golden.train.TrainListener;
import dev.spikeforge.golden.train.TrainOptions;
import dev.spikeforge.golden.train.TrainResult;
import dev.spikeforge.golden.train.Trainer;
import dev.spikeforge.golden.train.TrainingEngine;
import dev.spikeforge.golden.train.na.NaConfig;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code na} through the registry and the one Trainer: the same bits on one and two threads,
 * checkpoint and resume equality in the middle of a minibatch, and one clear message for every
 * refused input.
 */
@Tag("unit")
class NaRuleTest {
  static final DelayPatternTask TASK = new DelayPatternTask(new DelayPatternParams(3, 6, 24, 5, 0, 1, 7));
  static final Dataset TRAIN = TASK.trainSet(60);
  static final Dataset TEST = TASK.testSet(20);
  static final LearningRule NA = LearningRules.get("na");
  static final int[] SIZES = {6, 12, 3};

  static RuleConfig config(String precision, int[] sizes, int threads, Map<String, Object> options) {
    return new RuleConfig(sizes, "delay-pattern", precision, 4, null, null, threads, RuleOptions.of(NA, options));
  }

  static TrainOptions options(Path ck, int threads) {
    return TrainOptions.of(2, 5).withCheckpoint(ck, 16).withEvalThreads(threads).withData(Map.of("dataset", "dp"));
  }

  @Test
  void resumedTwoThreadRunEqualsUninterruptedOneThreadRun(@TempDir Path dir) throws Exception {
    Map<String, Object> o = Map.of("--batch", 5, "--adam-lr", 0.01, "--adam-lr-decay", 0.5);
    TrainResult a;
    byte[] stateA;
    try (TrainingEngine e = NA.engine(config("float", SIZES, 1, o), TRAIN)) {
      a = Trainer.run(e, TRAIN, TEST, new RateEncoder(), options(dir.resolve("a.ck"), 1), TrainListener.NONE);
      stateA = e.state();
      assertNull(e.intNetwork());
    }
    Path ck = dir.resolve("b.ck");
    try (TrainingEngine e = NA.engine(config("float", SIZES, 2, o), TRAIN)) {
      // 77 = 15 batches of 5 and 2 samples of an open batch: the checkpoint holds the partial gradient
      assertFalse(Trainer.run(e, TRAIN, TEST, new RateEncoder(), options(ck, 2).withStopAfter(77), TrainListener.NONE)
          .finished());
    }
    try (TrainingEngine e = NA.engine(config("float", SIZES, 2, o), TRAIN)) {
      TrainResult b = Trainer.run(e, TRAIN, TEST, new RateEncoder(), options(ck, 2).withResume(true),
          TrainListener.NONE);
      assertEquals(a.epochs(), b.epochs());
      assertArrayEquals(stateA, e.state());
    }
    // the run learned something and another seed gives other bits: the equalities above can fail
    try (TrainingEngine fresh = NA.engine(config("float", SIZES, 1, o), TRAIN)) {
      assertFalse(Arrays.equals(stateA, fresh.state()), "the weights must have changed");
    }
    RuleConfig seed5 = new RuleConfig(SIZES, "delay-pattern", "float", 5, null, null, 1, RuleOptions.of(NA, o));
    try (TrainingEngine other = NA.engine(seed5, TRAIN)) {
      Trainer.run(other, TRAIN, TEST, new RateEncoder(), TrainOptions.of(2, 5), TrainListener.NONE);
      assertFalse(Arrays.equals(stateA, other.state()));
    }
  }

  @Test
  void aCheckpointOfAnotherConfigurationIsRefused(@TempDir Path dir) throws Exception {
    Path ck = dir.resolve("c.ck");
    try (TrainingEngine e = NA.engine(config("float", SIZES, 1, Map.of()), TRAIN)) {
      Trainer.run(e, TRAIN, TEST, new RateEncoder(), options(ck, 1).withStopAfter(20), TrainListener.NONE);
    }
    try (TrainingEngine e = NA.engine(config("float", SIZES, 1, Map.of("--neighbours", 2)), TRAIN)) {
      Exception x = assertThrows(Exception.class, () -> Trainer.run(e, TRAIN, TEST, new RateEncoder(),
          options(ck, 1).withResume(true), TrainListener.NONE));
      assertTrue(x.getMessage().contains("neighbours"), x.getMessage());
    }
  }

  @Test
  void defaultsComeFromTheDataAndTheOptionsApply() {
    NaConfig c = NaRule.config(config("float", SIZES, 1, Map.of()), TRAIN);
    assertEquals(24, c.timesteps());
    assertEquals(NaConfig.DEFAULT_NEIGHBOURS, c.neighbours());
    assertEquals(NaConfig.DEFAULT_BATCH, c.batch());
    NaConfig d = NaRule.config(config("float", SIZES, 1, Map.of("--timesteps", 16, "--neighbours", 2, "--kick", 0.5,
        "--logit-scale", 2.0, "--adam-lr", 0.002, "--adam-lr-decay", 0.5, "--batch", 8)), TRAIN);
    assertEquals(new NaConfig(SIZES, 16, 2, 2, 0.5, 2.0, 0.002, 0.5, 8, 4), d);
    assertEquals(0.001, d.learningRate(2), 1e-18);
  }

  @Test
  void refusedInputsGetOneClearMessage() {
    assertEquals("--delays applies to --rule eprop only, not to --rule na", assertThrows(LearningRuleException.class,
        () -> RuleOptions.of(NA, Map.of("--delays", "axonal"))).getMessage());
    assertEquals("--shadow-bits applies to --rule desire, ottt, stdp only, not to --rule na", assertThrows(
        LearningRuleException.class, () -> RuleOptions.of(NA, Map.of("--shadow-bits", new int[] {4}))).getMessage());
    assertEquals("--rule na trains in float only; drop --precision int (the float network is quantized afterwards)",
        refused(config("int", SIZES, 1, Map.of())));
    assertEquals("--neighbours must be in 1..16 for --rule na, got 0",
        refused(config("float", SIZES, 1, Map.of("--neighbours", 0))));
    assertEquals("--kick must be in (0.0, 4.0] for --rule na, got -0.5",
        refused(config("float", SIZES, 1, Map.of("--kick", -0.5))));
    assertEquals("--batch must be in 1..4096 for --rule na, got 0",
        refused(config("float", SIZES, 1, Map.of("--batch", 0))));
    assertEquals("--adam-lr must be in (0.0, 1.0] for --rule na, got 2.0",
        refused(config("float", SIZES, 1, Map.of("--adam-lr", 2.0))));
    assertEquals("--adam-lr-decay must be in 0..100 for --rule na, got -1.0",
        refused(config("float", SIZES, 1, Map.of("--adam-lr-decay", -1.0))));
    assertEquals("dataset delay-pattern has 24 steps per sample but --timesteps is 30",
        refused(config("float", SIZES, 1, Map.of("--timesteps", 30))));
  }

  private static String refused(RuleConfig c) {
    return assertThrows(LearningRuleException.class, () -> NA.engine(c, TRAIN)).getMessage();
  }
}
