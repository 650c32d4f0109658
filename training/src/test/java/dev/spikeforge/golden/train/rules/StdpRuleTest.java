package dev.spikeforge.golden.train.rules;

import static dev.spikeforge.golden.train.rules.RuleFixture.TEST;
import static dev.spikeforge.golden.train.rules.RuleFixture.TRAIN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.data.RateEncoder;
import dev.spikeforge.golden.train.TrainListener;
import dev.spikeforge.golden.train.TrainOptions;
import dev.spikeforge.golden.train.Trainer;
import dev.spikeforge.golden.train.TrainingEngine;
import dev.spikeforge.golden.train.stdp.StdpConfig;
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
 * {@code stdp} through the registry and the one Trainer: determinism over thread counts, checkpoint
 * and resume equality (float, integer, trace and pair forms, heterogeneous windows, delays, stochastic
 * rounding), and one clear message for every refused input.
 */
@Tag("unit")
class StdpRuleTest {
  static final LearningRule STDP = LearningRules.get("stdp");

  static RuleConfig config(String precision, int[] sizes, int threads, Map<String, Object> options) {
    return RuleFixture.config(STDP, precision, sizes, threads, options);
  }

  @ParameterizedTest
  @CsvSource({"float, trace, false, 1, 0", "int, trace, false, 1, 0", "float, pair, true, 4, 0", "int, pair, true, 4, 0",
      "int, trace, true, 3, 12", "int, trace, independent, 1, 0", "float, trace, leaks, 2, 0", "int, pair, leaks, 1, 8"})
  void resumedTwoThreadRunEqualsUninterruptedOneThreadRun(String precision, String form, String heterogeneous,
      int maxDelay, int rounding, @TempDir Path dir) throws Exception {
    Map<String, Object> o = new HashMap<>(Map.of("--lr-log2", new int[] {-4, -4}, "--stdp-form", form,
        "--threshold-shift", 4, "--max-delay", maxDelay));
    if (!heterogeneous.equals("false")) {
      o.put("--heterogeneous", true);
    }
    if (heterogeneous.equals("independent")) {
      o.put("--independent-windows", true);
    }
    if (heterogeneous.equals("leaks")) {
      o.put("--leak-shifts", new int[] {1, 4});
    }
    if (rounding > 0) {
      o.put("--stochastic-rounding", rounding);
      o.put("--shadow-bits", new int[] {4});
    }
    int[] sizes = {6, 10, 3};
    RuleFixture.Outcome a = RuleFixture.assertResumeEqualsUninterrupted(STDP, precision, sizes, o, dir);
    assertTrue(a.floatNetwork().layers().get(0).recurrentWeights() != null);
    RuleFixture.assertLearnedAndSeeded(STDP, precision, sizes, o, a.state());
  }

  /** Homeostasis (inhibition, rate, scaling) in both forms: 1 vs 2 threads, stop and resume, the same bits. */
  @ParameterizedTest
  @CsvSource({"float, false", "int, false", "int, true"})
  void homeostasisResumesAndIsDeterministic(String precision, boolean heterogeneous, @TempDir Path dir)
      throws Exception {
    Map<String, Object> o = new HashMap<>(Map.of("--lr-log2", new int[] {-4, -4}, "--threshold-shift", 4,
        "--inhibition", 4, "--target-rate", 2, "--homeostasis-log2", -3, "--synaptic-scaling", true, "--max-delay", 2));
    if (heterogeneous) {
      o.put("--heterogeneous", true);
      o.put("--stochastic-rounding", 8);
    }
    int[] sizes = {6, 10, 3};
    RuleFixture.Outcome a = RuleFixture.assertResumeEqualsUninterrupted(STDP, precision, sizes, o, dir);
    RuleFixture.assertLearnedAndSeeded(STDP, precision, sizes, o, a.state());
    Map<String, Object> plain = new HashMap<>(o);
    plain.remove("--target-rate");
    plain.remove("--homeostasis-log2");
    plain.remove("--synaptic-scaling");
    plain.remove("--inhibition");
    try (TrainingEngine h = STDP.engine(config(precision, sizes, 1, o), TRAIN);
        TrainingEngine p = STDP.engine(config(precision, sizes, 1, plain), TRAIN)) {
      Trainer.run(h, TRAIN, TEST, new RateEncoder(), TrainOptions.of(1, 5), TrainListener.NONE);
      Trainer.run(p, TRAIN, TEST, new RateEncoder(), TrainOptions.of(1, 5), TrainListener.NONE);
      assertNotEquals(h.describe(), p.describe());
      assertEquals(Map.of("inhibition", 4, "targetRate", 2, "rateLog2", -3, "scaling", true),
          h.describe().get("homeostasis"));
      assertFalse(p.describe().containsKey("homeostasis"));
      int[][] rec = h.intNetwork() == null ? null : h.intNetwork().layers().get(0).recurrentWeights();
      if (rec != null) {
        assertTrue(Arrays.stream(rec).flatMapToInt(Arrays::stream).sum() < 0, "inhibition keeps the recurrence negative");
      }
    }
  }

  @Test
  void heterogeneousWindowsChangeTheBitsAndTheDescription() throws Exception {
    int[] sizes = {6, 10, 3};
    try (TrainingEngine hom = STDP.engine(config("int", sizes, 1, Map.of()), TRAIN);
        TrainingEngine het = STDP.engine(config("int", sizes, 1, Map.of("--heterogeneous", true)), TRAIN)) {
      Trainer.run(hom, TRAIN, TEST, new RateEncoder(), TrainOptions.of(1, 5), TrainListener.NONE);
      Trainer.run(het, TRAIN, TEST, new RateEncoder(), TrainOptions.of(1, 5), TrainListener.NONE);
      assertNotEquals(hom.describe(), het.describe());
      assertFalse(Arrays.equals(hom.state(), het.state()));
    }
  }

  /**
   * {@code --leak-shifts}: each hidden neuron's leak shift drawn from the range (all of it used on 10 neurons), in the
   * exported integer and float networks per neuron, the bits and the description changed; one shift is the default.
   */
  @Test
  void perNeuronLeakShiftsAreDrawnExportedAndChangeTheBits() throws Exception {
    int[] sizes = {6, 10, 3};
    try (TrainingEngine hom = STDP.engine(config("int", sizes, 1, Map.of()), TRAIN);
        TrainingEngine het = STDP.engine(config("int", sizes, 1, Map.of("--leak-shifts", new int[] {1, 4})), TRAIN);
        TrainingEngine fl = STDP.engine(config("float", sizes, 1, Map.of("--leak-shifts", new int[] {1, 4})), TRAIN)) {
      Trainer.run(hom, TRAIN, TEST, new RateEncoder(), TrainOptions.of(1, 5), TrainListener.NONE);
      Trainer.run(het, TRAIN, TEST, new RateEncoder(), TrainOptions.of(1, 5), TrainListener.NONE);
      assertNotEquals(hom.describe(), het.describe());
      assertFalse(Arrays.equals(hom.state(), het.state()));
      assertFalse(hom.intNetwork().layers().get(0).hasNeuronLeaks());
      int[] k = het.intNetwork().layers().get(0).leakShifts();
      // the draw of seed 1 (Lfsr.seeded(1, 4), 2-bit draws): pinned, so a change of the draw order shows
      assertArrayEquals(new int[] {4, 1, 2, 2, 2, 2, 4, 4, 3, 4}, k, Arrays.toString(k));
      assertEquals(1, Arrays.stream(k).min().getAsInt());
      assertEquals(4, Arrays.stream(k).max().getAsInt());
      assertFalse(het.intNetwork().layers().get(1).hasNeuronLeaks(), "the readout keeps one leak");
      // the float form draws the same shifts (same seed and stream) and exports them as decays 1 - 2^-k
      double[] d = fl.floatNetwork().layers().get(0).leaks();
      for (int j = 0; j < k.length; j++) {
        assertEquals(1 - Math.scalb(1.0, -k[j]), d[j], "neuron " + j);
      }
    }
  }

  @Test
  void lrLog2NamesBothRatesInTheHelp() {
    RuleOption lr = STDP.options().stream().filter(o -> o.name().equals("--lr-log2")).findFirst().orElseThrow();
    assertEquals("LTP,LTD", lr.label());
    assertTrue(lr.description().contains("2^LTP, 2^LTD"), lr.description());
  }

  @Test
  void defaultsComeFromTheData() {
    StdpConfig c = StdpRule.config(config("int", new int[] {6, 10, 3}, 1, Map.of()), TRAIN);
    assertEquals(24, c.timesteps());
    assertArrayEquals(new int[] {-6, -6}, c.lrLog2());
    assertEquals(8, c.intParams().shadowBits());
    assertFalse(c.pair());
    assertFalse(c.windows().heterogeneous());
    StdpConfig h = StdpRule.config(config("float", new int[] {6, 10, 3}, 1, Map.of("--heterogeneous", true)), TRAIN);
    assertEquals(1, h.windows().lo());
    assertEquals(3, h.windows().hi());
    assertFalse(h.windows().independent());
  }

  @Test
  void refusedInputsGetOneClearMessage() {
    int[] net = {6, 10, 3};
    assertEquals("--rule stdp trains one recurrent hidden layer: --arch IN-HIDDEN-CLASSES, got 6-3, which has no "
        + "hidden layer; e.g. --arch 6-64-3", refused(config("float", new int[] {6, 3}, 1, Map.of())));
    assertEquals("--rule stdp trains one recurrent hidden layer: --arch IN-HIDDEN-CLASSES, got 6-10-10-3",
        refused(config("float", new int[] {6, 10, 10, 3}, 1, Map.of())));
    assertEquals("--recurrent applies to --rule eprop, ottt only, not to --rule stdp",
        assertThrows(LearningRuleException.class, () -> RuleOptions.of(STDP, Map.of("--recurrent", true)))
            .getMessage());
    assertEquals("--shadow-bits applies to --precision int only (the float form has no such width)",
        refused(config("float", net, 1, Map.of("--shadow-bits", new int[] {4}))));
    assertEquals("--stdp-form must be trace or pair, not 'triplet'",
        refused(config("float", net, 1, Map.of("--stdp-form", "triplet"))));
    assertEquals("--lr-log2 takes two exponents for --rule stdp (LTP,LTD), got 1",
        refused(config("float", net, 1, Map.of("--lr-log2", new int[] {-4}))));
    assertEquals("--window-shifts 4,2 is an empty range; give LO,HI with LO <= HI",
        refused(config("float", net, 1, Map.of("--heterogeneous", true, "--window-shifts", new int[] {4, 2}))));
    assertEquals("--window-shifts must be in 1..12 for --rule stdp, got 13",
        refused(config("float", net, 1, Map.of("--window-shifts", new int[] {2, 13}))));
    assertEquals("--independent-windows draws heterogeneous windows; give --heterogeneous too",
        refused(config("float", net, 1, Map.of("--independent-windows", true))));
    assertEquals("--max-delay must be in 1..255 for --rule stdp, got 0",
        refused(config("float", net, 1, Map.of("--max-delay", 0))));
    assertEquals("give either --leak-shift K (one time constant) or --leak-shifts LO,HI (drawn per neuron), not both",
        refused(config("float", net, 1, Map.of("--leak-shift", 2, "--leak-shifts", new int[] {1, 3}))));
    assertEquals("--leak-shifts 3,3 is not a range of two or more shifts; give LO,HI with LO < HI (one shift: "
        + "--leak-shift)", refused(config("float", net, 1, Map.of("--leak-shifts", new int[] {3, 3}))));
    assertEquals("--leak-shifts must be in 0..7 for --rule stdp, got 9",
        refused(new RuleConfig(net, "delay-pattern", "int", 1, null, 8, 1,
            RuleOptions.of(STDP, Map.of("--leak-shifts", new int[] {1, 9})))));
    assertEquals("--leak-shifts takes a range LO,HI of leak shifts, got 1 value(s)",
        refused(config("float", net, 1, Map.of("--leak-shifts", new int[] {2}))));
    assertEquals("dataset delay-pattern has 24 steps per sample but --timesteps is 30",
        refused(config("float", net, 1, Map.of("--timesteps", 30))));
    assertEquals("--ridge must be positive, got -1.0", refused(config("float", net, 1, Map.of("--ridge", -1.0))));
    assertEquals("--stochastic-rounding must be in 0..32 for --rule stdp, got 40",
        refused(config("int", net, 1, Map.of("--stochastic-rounding", 40))));
    assertEquals("--inhibition must be in 0..127 for --rule stdp, got 128",
        refused(config("float", net, 1, Map.of("--inhibition", 128))));
    assertEquals("--target-rate must be in 0..24 for --rule stdp, got 25",
        refused(config("float", net, 1, Map.of("--target-rate", 25))));
    // -1 is the record's OFF, not a rate the option may give
    assertEquals("--target-rate must be in 0..24 for --rule stdp, got -1",
        refused(config("float", net, 1, Map.of("--target-rate", -1))));
    assertEquals("--inhibition must be in 0..127 for --rule stdp, got -1",
        refused(config("int", net, 1, Map.of("--inhibition", -1))));
    assertEquals("--homeostasis-log2 sets the rate of --target-rate; give --target-rate R too",
        refused(config("int", net, 1, Map.of("--homeostasis-log2", -2))));
    assertEquals("--homeostasis-log2 must be in -16..4 for --rule stdp, got 5",
        refused(config("int", net, 1, Map.of("--target-rate", 2, "--homeostasis-log2", 5))));
  }

  private static String refused(RuleConfig c) {
    return RuleFixture.refused(STDP, c);
  }
}
