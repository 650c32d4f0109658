package dev.spikeforge.golden.train.rules;

import static dev.spikeforge.golden.train.rules.RuleFixture.TRAIN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spikeforge.golden.train.ottt.OtttConfig;
import java.nio.file.Path;
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
  static final LearningRule OTTT = LearningRules.get("ottt");

  static RuleConfig config(String precision, int[] sizes, int threads, Map<String, Object> options) {
    return RuleFixture.config(OTTT, precision, sizes, threads, options);
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
    RuleFixture.Outcome a = RuleFixture.assertResumeEqualsUninterrupted(OTTT, precision, sizes, o, dir);
    assertEquals(recurrent, a.floatNetwork().layers().get(0).recurrentWeights() != null);
    RuleFixture.assertLearnedAndSeeded(OTTT, precision, sizes, o, a.state());
  }

  @Test
  void aCheckpointOfAnotherConfigurationIsRefused(@TempDir Path dir) throws Exception {
    RuleFixture.assertOtherConfigurationRefused(OTTT, "int", new int[] {6, 10, 3}, Map.of("--stochastic-rounding", 8), "roundingBits", dir);
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
    return RuleFixture.refused(OTTT, c);
  }
}
