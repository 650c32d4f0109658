package dev.spikeforge.golden.train.rules;

import static dev.spikeforge.golden.train.rules.RuleFixture.TRAIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spikeforge.golden.train.na.NaConfig;
import java.nio.file.Path;
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
  static final LearningRule NA = LearningRules.get("na");
  static final int[] SIZES = {6, 12, 3};

  static RuleConfig config(String precision, int[] sizes, int threads, Map<String, Object> options) {
    return RuleFixture.config(NA, precision, sizes, threads, options);
  }

  @Test
  void resumedTwoThreadRunEqualsUninterruptedOneThreadRun(@TempDir Path dir) throws Exception {
    Map<String, Object> o = Map.of("--batch", 5, "--adam-lr", 0.01, "--adam-lr-decay", 0.5);
    // stopped after 77 = 15 batches of 5 and 2 samples of an open batch: the checkpoint holds the partial gradient
    RuleFixture.Outcome a = RuleFixture.assertResumeEqualsUninterrupted(NA, "float", SIZES, o, dir);
    assertNull(a.intNetwork());
    RuleFixture.assertLearnedAndSeeded(NA, "float", SIZES, o, a.state());
  }

  @Test
  void aCheckpointOfAnotherConfigurationIsRefused(@TempDir Path dir) throws Exception {
    RuleFixture.assertOtherConfigurationRefused(NA, "float", SIZES, Map.of("--neighbours", 2), "neighbours", dir);
  }

  @Test
  void defaultsComeFromTheDataAndTheOptionsApply() {
    NaConfig c = NaRule.config(config("float", SIZES, 1, Map.of()), TRAIN);
    assertEquals(24, c.timesteps());
    assertEquals(NaConfig.DEFAULT_NEIGHBOURS, c.neighbours());
    assertEquals(NaConfig.DEFAULT_BATCH, c.batch());
    assertEquals(0.001 / 1.6, c.learningRate(2), 1e-18, "γ = 0.3 by default: α / (1 + 0.3 · 2) in epoch 2");
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
    return RuleFixture.refused(NA, c);
  }
}
