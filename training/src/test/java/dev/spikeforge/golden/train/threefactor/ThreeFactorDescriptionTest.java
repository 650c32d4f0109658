package dev.spikeforge.golden.train.threefactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.json.JsonMappers;
import dev.spikeforge.golden.learning.threefactor.FeedbackMode;
import dev.spikeforge.golden.learning.threefactor.IntLearningFormat;
import dev.spikeforge.golden.spec.SpecException;
import dev.spikeforge.golden.spec.hw.DelayMode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A three-factor training record (the {@code run} of config.json, through JSON as the file holds it) reads back
 * as the configuration that wrote it, in every form, delay mode and feedback; malformed records are refused by
 * the entry at fault.
 */
@Tag("unit")
class ThreeFactorDescriptionTest {
  @SuppressWarnings("unchecked")
  private static Map<String, Object> throughJson(Map<String, Object> run) throws Exception {
    String text = JsonMappers.pretty().writeValueAsString(run);
    return JsonMappers.pretty().readValue(text, Map.class);
  }

  /** The rule's part of a config: what a training record describes. */
  private static ThreeFactorConfig rulePart(ThreeFactorConfig c) {
    return c.withTask(ThreeFactorConfig.TASK, 1, 1).withEpochs(0);
  }

  @ParameterizedTest
  @CsvSource({"NONE,false,SYMMETRIC,HARDWARE", "AXONAL,false,RANDOM,HARDWARE", "SYNAPTIC,true,SYMMETRIC,HARDWARE",
      "SYNAPTIC,false,RANDOM,INT", "AXONAL,true,SYMMETRIC,FLOAT"})
  void aRecordReadsBackAsItsConfiguration(DelayMode mode, boolean recurrent, FeedbackMode fb, NumericForm form)
      throws Exception {
    ThreeFactorConfig c = TinyNets.config(5, recurrent, mode, form, fb).withSeed(42);
    if (form == NumericForm.HARDWARE) {
      c = c.withIntFormat(new IntLearningFormat(7, 3, 2, 8, 8, 9, 6, 0, 20, 6, 12));
    }
    ThreeFactorEngine e = ThreeFactorTraining.engine(c, 6, 3, 24);
    Map<String, Object> run = throughJson(e.describe());
    assertTrue(ThreeFactorDescription.isThreeFactor(run));
    assertEquals(rulePart(c), ThreeFactorDescription.configOf(run));
  }

  @Test
  void malformedRecordsAreRefusedByTheirEntry() throws Exception {
    ThreeFactorConfig c = TinyNets.config(5, false, DelayMode.SYNAPTIC, NumericForm.HARDWARE, FeedbackMode.SYMMETRIC);
    Map<String, Object> run = throughJson(ThreeFactorTraining.engine(c, 6, 3, 24).describe());
    Map<String, Object> desire = new LinkedHashMap<>(run);
    desire.put("rule", "desire");
    assertFalse(ThreeFactorDescription.isThreeFactor(desire));
    assertField("run.rule", desire);
    Map<String, Object> bad = new LinkedHashMap<>(run);
    bad.put("learning", "LearningParams[feedback=MIRROR]");
    assertField("run.learningParams.feedback", bad);
    bad.put("learning", "InitParams[hiddenMean=0.1]");
    assertField("run.learningParams", bad);
    bad = new LinkedHashMap<>(run);
    bad.remove("intFormat");
    assertField("run.intFormat", bad);
    bad = new LinkedHashMap<>(run);
    @SuppressWarnings("unchecked")
    Map<String, Object> shape = new LinkedHashMap<>((Map<String, Object>) run.get("shape"));
    shape.put("delays", "DIAGONAL");
    bad.put("shape", shape);
    assertField("run.shape.delays", bad);
  }

  private static void assertField(String field, Map<String, Object> run) {
    SpecException e = assertThrows(SpecException.class, () -> ThreeFactorDescription.configOf(run));
    assertEquals(field, e.field(), e.getMessage());
  }
}
