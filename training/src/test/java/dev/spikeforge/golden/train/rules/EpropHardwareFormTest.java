package dev.spikeforge.golden.train.rules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.DelayPatternParams;
import dev.spikeforge.golden.data.DelayPatternTask;
import dev.spikeforge.golden.learning.threefactor.IntLearningFormat;
import dev.spikeforge.golden.train.TrainingEngine;
import dev.spikeforge.golden.train.threefactor.NumericForm;
import dev.spikeforge.golden.train.threefactor.ThreeFactorEngine;
import dev.spikeforge.golden.train.TrainListener;
import dev.spikeforge.golden.train.TrainOptions;
import dev.spikeforge.golden.train.Trainer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code train --rule eprop --hardware-form}: listed by the registry, the hardware form's engine, its refusals. */
@Tag("unit")
class EpropHardwareFormTest {
  private static final Dataset RASTERS = new DelayPatternTask(new DelayPatternParams(3, 6, 24, 5, 0, 1, 7))
      .trainSet(10);

  private static RuleConfig config(String precision, Map<String, ?> options) {
    return new RuleConfig(new int[] {6, 8, 3}, "delay-pattern", precision, 1, null, null, 1,
        RuleOptions.of(LearningRules.get("eprop"), options));
  }

  @Test
  void theRegistryListsTheOption() {
    assertTrue(LearningRules.get("eprop").options().stream().anyMatch(o -> o.name().equals("--hardware-form")));
  }

  @Test
  void theFlagTrainsTheHardwareForm() throws Exception {
    try (TrainingEngine e = LearningRules.get("eprop").engine(config("int", Map.of("--hardware-form", true)), RASTERS)) {
      ThreeFactorEngine t = (ThreeFactorEngine) e;
      assertEquals(NumericForm.HARDWARE, t.config().form());
      assertEquals(IntLearningFormat.HARDWARE, t.config().intFormat());
      assertEquals("int", e.precision());
      assertEquals("hardware", e.describe().get("form"));
      assertTrue(String.valueOf(e.describe().get("intFormat")).contains("roundingBits=16"));
    }
    try (TrainingEngine e = LearningRules.get("eprop").engine(config("int", Map.of()), RASTERS)) {
      assertEquals(NumericForm.INT, ((ThreeFactorEngine) e).config().form());
      assertEquals(null, e.describe().get("form"));
      assertTrue(!String.valueOf(e.describe().get("intFormat")).contains("roundingBits"), "INT runs describe as before");
    }
  }

  @Test
  void aResumedHardwareRunEndsBitIdentical(@TempDir Path dir) throws Exception {
    Dataset test = new DelayPatternTask(new DelayPatternParams(3, 6, 24, 5, 0, 1, 7)).testSet(10);
    RuleConfig c = new RuleConfig(new int[] {6, 8, 3}, "delay-pattern", "int", 4, null, null, 1,
        RuleOptions.of(LearningRules.get("eprop"), Map.of("--hardware-form", true, "--recurrent", true,
            "--max-delay", 5, "--lr-log2", new int[] {-8, -8, -7, -8})));
    Dataset train = new DelayPatternTask(new DelayPatternParams(3, 6, 24, 5, 0, 1, 7)).trainSet(40);
    TrainOptions o = TrainOptions.of(2, 5).withEvalThreads(1).withData(Map.of("dataset", "dp"));
    byte[] whole;
    byte[] initial;
    try (TrainingEngine e = LearningRules.get("eprop").engine(c, train)) {
      initial = e.state();
      Trainer.run(e, train, test, null, o.withCheckpoint(dir.resolve("a.ck"), 16), TrainListener.NONE);
      whole = e.state();
    }
    assertFalse(Arrays.equals(initial, whole), "training moved the shadows");
    Path ck = dir.resolve("b.ck");
    try (TrainingEngine e = LearningRules.get("eprop").engine(c, train)) {
      assertFalse(Trainer.run(e, train, test, null, o.withCheckpoint(ck, 16).withStopAfter(53), TrainListener.NONE)
          .finished());
    }
    try (TrainingEngine e = LearningRules.get("eprop").engine(c, train)) {
      Trainer.run(e, train, test, null, o.withCheckpoint(ck, 16).withResume(true), TrainListener.NONE);
      assertArrayEquals(whole, e.state());
    }
  }

  @Test
  void aFloatRunOrAnUnreachableDelayIsRefused() {
    LearningRule eprop = LearningRules.get("eprop");
    assertEquals("--hardware-form is an integer form: add --precision int", assertThrows(LearningRuleException.class,
        () -> eprop.engine(config("float", Map.of("--hardware-form", true)), RASTERS)).getMessage());
    assertEquals("--max-delay 30 must be below the 24 steps of a sample for --hardware-form (a spike delayed that long "
        + "never arrives; the unit refuses it)", assertThrows(LearningRuleException.class,
            () -> eprop.engine(config("int", Map.of("--hardware-form", true, "--max-delay", 30)), RASTERS))
        .getMessage());
  }
}
