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
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.train.TrainListener;
import dev.spikeforge.golden.train.TrainOptions;
import dev.spikeforge.golden.train.TrainResult;
import dev.spikeforge.golden.train.Trainer;
import dev.spikeforge.golden.train.TrainingEngine;
import dev.spikeforge.golden.train.ottt.OtttConfig;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code ottt} through the registry and the one Trainer: determinism over thread counts, checkpoint
 * and resume equality (float, integer, recurrent, stochastic rounding), and one clear message for
 * every refused input.
 */
@Tag("unit")
class OtttRuleTest {
  static final DelayPatternTask TASK = new DelayPatternTask(new DelayPatternParams(3, 6, 24, 5, 0, 1, 7));
  static final Dataset TRAIN = TASK.trainSet(60);
  static final Dataset TEST = TASK.testSet(20);
  static final LearningRule OTTT = LearningRules.get("ottt");

  static RuleConfig config(String precision, int[] sizes, int threads, Map<String, Object> options) {
    return new RuleConfig(sizes, "delay-pattern", precision, 4, null, null, threads, RuleOptions.of(OTTT, options));
  }

  static TrainOptions options(Path ck, int threads) {
    return TrainOptions.of(2, 5).withCheckpoint(ck, 16).withEvalThreads(threads).withData(Map.of("dataset", "dp"));
  }

  @ParameterizedTest
  @CsvSource({"float, false, 0", "int, false, 0", "float, true, 0", "int, true, 0", "int, true, 12"})
  void resumedTwoThreadRunEqualsUninterruptedOneThreadRun(String precision, boolean recurrent, int rounding,
      @TempDir Path dir) throws Exception {
    Map<String, Object> o = new HashMap<>(Map.of("--lr-log2", new int[] {-8}));
    if (recurrent) {
      o.put("--recurrent", true);
    }
    if (rounding > 0) {
      o.put("--stochastic-rounding", rounding);
      o.put("--shadow-bits", new int[] {4});
    }
    int[] sizes = {6, 10, 3};
    TrainResult a;
    byte[] stateA;
    String hashA;
    try (TrainingEngine e = OTTT.engine(config(precision, sizes, 1, o), TRAIN)) {
      a = Trainer.run(e, TRAIN, TEST, new RateEncoder(), options(dir.resolve("a.ck"), 1), TrainListener.NONE);
      stateA = e.state();
      hashA = e.intNetwork() == null ? null : NetworkJson.contentHash(e.intNetwork());
      assertEquals(recurrent, e.floatNetwork().layers().get(0).recurrentWeights() != null);
    }
    Path ck = dir.resolve("b.ck");
    try (TrainingEngine e = OTTT.engine(config(precision, sizes, 2, o), TRAIN)) {
      assertFalse(Trainer.run(e, TRAIN, TEST, new RateEncoder(), options(ck, 2).withStopAfter(77), TrainListener.NONE)
          .finished());
    }
    try (TrainingEngine e = OTTT.engine(config(precision, sizes, 2, o), TRAIN)) {
      TrainResult b = Trainer.run(e, TRAIN, TEST, new RateEncoder(), options(ck, 2).withResume(true),
          TrainListener.NONE);
      assertEquals(a.epochs(), b.epochs());
      assertArrayEquals(stateA, e.state());
      assertEquals(hashA, e.intNetwork() == null ? null : NetworkJson.contentHash(e.intNetwork()));
    }
    // the run learned something and another seed gives other bits: the equalities above can fail
    try (TrainingEngine fresh = OTTT.engine(config(precision, sizes, 1, o), TRAIN)) {
      assertFalse(Arrays.equals(stateA, fresh.state()), "the weights must have changed");
    }
    RuleConfig seed5 = new RuleConfig(sizes, "delay-pattern", precision, 5, null, null, 1, RuleOptions.of(OTTT, o));
    try (TrainingEngine other = OTTT.engine(seed5, TRAIN)) {
      Trainer.run(other, TRAIN, TEST, new RateEncoder(), TrainOptions.of(2, 5), TrainListener.NONE);
      assertFalse(Arrays.equals(stateA, other.state()));
    }
  }

  @Test
  void aCheckpointOfAnotherConfigurationIsRefused(@TempDir Path dir) throws Exception {
    Path ck = dir.resolve("c.ck");
    try (TrainingEngine e = OTTT.engine(config("int", new int[] {6, 10, 3}, 1, Map.of()), TRAIN)) {
      Trainer.run(e, TRAIN, TEST, new RateEncoder(), options(ck, 1).withStopAfter(20), TrainListener.NONE);
    }
    try (TrainingEngine e = OTTT.engine(config("int", new int[] {6, 10, 3}, 1,
        Map.of("--stochastic-rounding", 8)), TRAIN)) {
      Exception x = assertThrows(Exception.class, () -> Trainer.run(e, TRAIN, TEST, new RateEncoder(),
          options(ck, 1).withResume(true), TrainListener.NONE));
      assertTrue(x.getMessage().contains("roundingBits"), x.getMessage());
    }
  }

  @Test
  void defaultsComeFromTheData() {
    OtttConfig c = OtttRule.config(config("int", new int[] {6, 10, 3}, 1, Map.of()), TRAIN);
    assertEquals(24, c.timesteps());
    assertArrayEquals(new int[] {-10, -10}, c.lrLog2());
    assertEquals(12, c.intParams().shadowBits());
    assertFalse(c.recurrent());
    assertEquals(16, OtttRule.config(config("int", new int[] {6, 10, 3}, 1, Map.of("--timesteps", 16)), TRAIN)
        .timesteps());
  }

  @Test
  void refusedInputsGetOneClearMessage() {
    int[] ff = {6, 10, 3};
    assertEquals("--delays applies to --rule eprop only, not to --rule ottt", assertThrows(LearningRuleException.class,
        () -> RuleOptions.of(OTTT, Map.of("--delays", "axonal"))).getMessage());
    assertEquals("--dropout applies to --rule desire only, not to --rule ottt", assertThrows(LearningRuleException.class,
        () -> RuleOptions.of(OTTT, Map.of("--dropout", new double[] {0, 0.2}))).getMessage());
    assertEquals("--shadow-bits applies to --precision int only (the float form has no such width)",
        refused(config("float", ff, 1, Map.of("--shadow-bits", new int[] {4}))));
    assertEquals("--recurrent makes the hidden layers recurrent, and --arch 6-3 has none; give one, e.g. --arch 6-64-3",
        refused(config("float", new int[] {6, 3}, 1, Map.of("--recurrent", true))));
    assertEquals("--lr-log2 takes one exponent or one per layer (2), got 3",
        refused(config("float", ff, 1, Map.of("--lr-log2", new int[] {-8, -8, -8}))));
    assertEquals("--lr-log2 exponents must be in -40..0, got 3",
        refused(config("float", ff, 1, Map.of("--lr-log2", new int[] {3}))));
    assertEquals("dataset delay-pattern has 24 steps per sample but --timesteps is 30",
        refused(config("float", ff, 1, Map.of("--timesteps", 30))));
    assertEquals("--shadow-bits takes one E for --rule ottt, got 2",
        refused(config("int", ff, 1, Map.of("--shadow-bits", new int[] {4, 8}))));
    assertEquals("--threshold-shifts takes one q per layer (2), got 1",
        refused(config("int", ff, 1, Map.of("--threshold-shifts", new int[] {4}))));
    assertEquals("--stochastic-rounding must be in 0..32 for --rule ottt, got 40",
        refused(config("int", ff, 1, Map.of("--stochastic-rounding", 40))));
    assertEquals("--shadow-bits must be in 0..23 for --rule ottt, got 24",
        refused(config("int", ff, 1, Map.of("--shadow-bits", new int[] {24}))));
  }

  private static String refused(RuleConfig c) {
    return assertThrows(LearningRuleException.class, () -> OTTT.engine(c, TRAIN)).getMessage();
  }
}
