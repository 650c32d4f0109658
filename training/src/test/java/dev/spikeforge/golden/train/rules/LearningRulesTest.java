package dev.spikeforge.golden.train.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.DelayPatternParams;
import dev.spikeforge.golden.data.DelayPatternTask;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The registry lists the rules; unknown rules, foreign options and bad values get one clear message. */
@Tag("unit")
class LearningRulesTest {
  @Test
  void listsEveryRule() {
    assertEquals(List.of("desire", "eprop", "ottt", "stdp", "na"), LearningRules.names());
    assertEquals("eprop", LearningRules.get("eprop").name());
    for (LearningRule r : LearningRules.all()) {
      assertTrue(!r.summary().isBlank() && !r.options().isEmpty(), r.name());
    }
  }

  @Test
  void unknownRuleNamesTheKnownOnes() {
    LearningRuleException e = assertThrows(LearningRuleException.class, () -> LearningRules.get("triplet-stdp"));
    assertEquals("unknown rule 'triplet-stdp'; available: desire, eprop, ottt, stdp, na", e.getMessage());
  }

  @Test
  void optionNamesAreUniqueWithinARule() {
    for (LearningRule r : LearningRules.all()) {
      Set<String> seen = new HashSet<>();
      r.options().forEach(o -> assertTrue(seen.add(o.name()), r.name() + " declares " + o.name() + " twice"));
    }
  }

  @Test
  void anotherRulesOptionIsRefusedNamingItsRule() {
    LearningRuleException e = assertThrows(LearningRuleException.class,
        () -> RuleOptions.of(LearningRules.get("eprop"), Map.of("--dropout", new double[] {0, 0.2})));
    assertEquals("--dropout applies to --rule desire only, not to --rule eprop", e.getMessage());
    e = assertThrows(LearningRuleException.class,
        () -> RuleOptions.of(LearningRules.get("desire"), Map.of("--recurrent", true)));
    assertEquals("--recurrent applies to --rule eprop, ottt only, not to --rule desire", e.getMessage());
  }

  @Test
  void unknownOptionsAndWrongTypesAreRefused() {
    LearningRule eprop = LearningRules.get("eprop");
    assertTrue(assertThrows(LearningRuleException.class, () -> RuleOptions.of(eprop, Map.of("--nope", 1)))
        .getMessage().startsWith("unknown option --nope of --rule eprop; its options: --delays, --max-delay"));
    assertEquals("--max-delay takes Integer, got String", assertThrows(LearningRuleException.class,
        () -> RuleOptions.of(eprop, Map.of("--max-delay", "6"))).getMessage());
  }

  @Test
  void rulesCheckTheirData() {
    DelayPatternTask task = new DelayPatternTask(new DelayPatternParams(3, 6, 24, 5, 0, 1, 7));
    Dataset rasters = task.trainSet(10);
    LearningRule eprop = LearningRules.get("eprop");
    RuleConfig twoHidden = new RuleConfig(new int[] {6, 8, 8, 3}, "delay-pattern", "int", 1, null, null, 1,
        RuleOptions.none(eprop));
    assertEquals("--rule eprop trains one hidden layer: --arch INPUTS-HIDDEN-CLASSES, e.g. 6-64-3; got 6-8-8-3",
        assertThrows(LearningRuleException.class, () -> eprop.engine(twoHidden, rasters)).getMessage());
    LearningRule desire = LearningRules.get("desire");
    RuleConfig floatShadow = new RuleConfig(new int[] {6, 8, 3}, "delay-pattern", "float", 1, null, null, 1,
        RuleOptions.of(desire, Map.of("--shadow-bits", new int[] {4}, "--timesteps", 20)));
    assertEquals("--shadow-bits applies to --precision int only (the float form has no such width)",
        assertThrows(LearningRuleException.class, () -> desire.engine(floatShadow, rasters)).getMessage());
  }

  @Test
  void stochasticRoundingIsCheckedWithOneMessage() {
    DelayPatternTask task = new DelayPatternTask(new DelayPatternParams(3, 6, 24, 5, 0, 1, 7));
    Dataset rasters = task.trainSet(10);
    LearningRule desire = LearningRules.get("desire");
    RuleConfig floatRounding = new RuleConfig(new int[] {6, 8, 3}, "delay-pattern", "float", 1, null, null, 1,
        RuleOptions.of(desire, Map.of("--stochastic-rounding", 16, "--timesteps", 20)));
    assertEquals("--stochastic-rounding applies to --precision int only (the float form has no such width)",
        assertThrows(LearningRuleException.class, () -> desire.engine(floatRounding, rasters)).getMessage());
    for (int k : new int[] {-1, 33}) {
      RuleConfig bad = new RuleConfig(new int[] {6, 8, 3}, "delay-pattern", "int", 1, null, null, 1,
          RuleOptions.of(desire, Map.of("--stochastic-rounding", k, "--timesteps", 20)));
      assertEquals("--stochastic-rounding takes the number of random bits per update, 1..32 (e.g. 16), or 0 for off; "
          + "got " + k, assertThrows(LearningRuleException.class, () -> desire.engine(bad, rasters)).getMessage());
    }
    RuleConfig wide = new RuleConfig(new int[] {6, 8, 3}, "delay-pattern", "int", 1, null, null, 1,
        RuleOptions.of(desire, Map.of("--shadow-bits", new int[] {16}, "--timesteps", 20)));
    assertEquals("--shadow-bits takes the extra fraction bits of the shadow weights, 0..15 (few bits: add "
        + "--stochastic-rounding 16); got 16",
        assertThrows(LearningRuleException.class, () -> desire.engine(wide, rasters)).getMessage());
    RuleConfig ok = new RuleConfig(new int[] {6, 8, 3}, "delay-pattern", "int", 1, null, null, 1,
        RuleOptions.of(desire, Map.of("--stochastic-rounding", 16, "--shadow-bits", new int[] {0, 8}, "--timesteps", 20)));
    try (var engine = desire.engine(ok, rasters)) {
      assertEquals(16, ((Map<?, ?>) engine.describe().get("int")).get("roundingBits"));
      assertEquals(List.of(0, 8), ((Map<?, ?>) engine.describe().get("int")).get("layerShadowBits"));
    }
    RuleConfig threeValues = new RuleConfig(new int[] {6, 8, 3}, "delay-pattern", "int", 1, null, null, 1,
        RuleOptions.of(desire, Map.of("--shadow-bits", new int[] {0, 8, 4}, "--timesteps", 20)));
    assertEquals("--shadow-bits has 3 values for 2 layers: give one E for all layers or one per layer, e.g. "
        + "--shadow-bits 12 or --shadow-bits 0,8",
        assertThrows(LearningRuleException.class, () -> desire.engine(threeValues, rasters)).getMessage());
  }

  @Test
  void desireNamesItsStartingModel() {
    LearningRule desire = LearningRules.get("desire");
    assertEquals(Optional.empty(), desire.startingModel(RuleOptions.none(desire)));
    assertEquals(Optional.of("model.json, fc1 binarized"), desire.startingModel(RuleOptions.of(desire,
        Map.of("--init", Path.of("runs", "model.json"), "--binarize", List.of("fc1")))));
  }
}
