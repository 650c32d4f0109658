package dev.spikeforge.golden.train.rules;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every registered rule without a test class of its own, built through the registry and driven by
 * the one Trainer: a run on 1 thread, and the same run on 2 threads interrupted mid-epoch and resumed
 * from its checkpoint, end with the same weights and metrics ({@link RuleFixture}).
 */
@Tag("unit")
class RuleResumeTest {
  @ParameterizedTest
  @CsvSource({"desire, float", "desire, int", "eprop, float", "eprop, int"})
  void resumedTwoThreadRunEqualsUninterruptedOneThreadRun(String name, String precision, @TempDir Path dir)
      throws Exception {
    Map<String, Object> o = name.equals("desire") ? Map.of("--timesteps", 24, "--lr", 2e-3)
        : Map.of("--delays", "axonal", "--max-delay", 5);
    RuleFixture.assertResumeEqualsUninterrupted(LearningRules.get(name), precision, new int[] {6, 10, 3}, o, dir);
  }
}
