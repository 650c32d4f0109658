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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
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

  /**
   * A hand-edited record is refused by the entry at fault, never read leniently: a missing number is not 0 (only
   * roundingBits may be left out, as K = 0 runs write it), a boolean is true or false, sizes are numbers.
   */
  @Test
  void handEditedRecordsAreRefusedNotDefaulted() throws Exception {
    ThreeFactorConfig c = TinyNets.config(5, false, DelayMode.SYNAPTIC, NumericForm.HARDWARE, FeedbackMode.SYMMETRIC);
    Map<String, Object> run = throughJson(ThreeFactorTraining.engine(c, 6, 3, 24).describe());
    Map<String, Object> bad = new LinkedHashMap<>(run);
    String learning = (String) run.get("learning");
    assertTrue(learning.contains("lrLog2Hidden="), learning);
    bad.put("learning", learning.replaceAll("lrLog2Hidden=-?[0-9]+(, )?", "").replace(", ]", "]"));
    assertField("run.learningParams.lrLog2Hidden", bad);
    bad = new LinkedHashMap<>(run);
    String format = (String) run.get("intFormat");
    assertTrue(format.contains(", roundingBits="), format);
    bad.put("intFormat", format.replaceAll(", roundingBits=[0-9]+", ""));
    assertEquals(0, ThreeFactorDescription.configOf(bad).intFormat().roundingBits());
    bad.put("intFormat", format.replaceAll("weightFracBits=[0-9]+, ", ""));
    assertField("run.intLearningFormat.weightFracBits", bad);
    bad = new LinkedHashMap<>(run);
    bad.put("arch", List.of(6, "five", 3));
    assertField("run.arch", bad);
    bad.put("arch", Arrays.asList(6, null, 3));
    assertField("run.arch", bad);
    for (Object recurrent : Arrays.asList("yes", null, 1)) {
      bad = new LinkedHashMap<>(run);
      @SuppressWarnings("unchecked")
      Map<String, Object> shape = new LinkedHashMap<>((Map<String, Object>) run.get("shape"));
      shape.put("recurrent", recurrent);
      bad.put("shape", shape);
      assertField("run.shape.recurrent", bad);
    }
    assertEquals(new Flag(true, 3), ThreeFactorDescription.parse("Flag[on=true, n=3]", Flag.class));
    SpecException e = assertThrows(SpecException.class,
        () -> ThreeFactorDescription.parse("Flag[on=yes, n=3]", Flag.class));
    assertEquals("run.flag.on", e.field(), e.getMessage());
    e = assertThrows(SpecException.class, () -> ThreeFactorDescription.parse("Flag[n=3]", Flag.class));
    assertEquals("run.flag.on", e.field(), e.getMessage());
  }

  /** A record with a boolean component (none of the rule's records has one yet). */
  record Flag(boolean on, int n) {}

  private static void assertField(String field, Map<String, Object> run) {
    SpecException e = assertThrows(SpecException.class, () -> ThreeFactorDescription.configOf(run));
    assertEquals(field, e.field(), e.getMessage());
  }
}
