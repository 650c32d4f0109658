package dev.spikeforge.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.compiler.build.BuildDirectory;
import dev.spikeforge.compiler.build.CompileConfig;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.learning.DesireIntParams;
import dev.spikeforge.golden.learning.DesireParams;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.train.DesireConfig;
import dev.spikeforge.golden.train.DesireHardware;
import dev.spikeforge.golden.train.DesireLearningReference;
import dev.spikeforge.compiler.map.MappingOptions;
import dev.spikeforge.golden.spec.hw.DelayMode;
import dev.spikeforge.golden.train.TrainingEngine;
import dev.spikeforge.golden.train.threefactor.NetworkShape;
import dev.spikeforge.golden.train.threefactor.HardwareLearningSpec;
import dev.spikeforge.golden.train.threefactor.NumericForm;
import dev.spikeforge.golden.train.threefactor.ThreeFactorConfig;
import dev.spikeforge.golden.train.threefactor.ThreeFactorEngine;
import dev.spikeforge.golden.train.threefactor.ThreeFactorTraining;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a learning core's parameters come from (the integer desire run beside the model, else the
 * training defaults; the options override E and K) and the golden reference a learning build gives back.
 */
@Tag("unit")
class LearningSetupTest {
  static final int[] SIZES = {10, 6, 3};

  static DesireConfig config() {
    DesireParams p = DesireParams.fashionMnist().withTimesteps(8);
    return DesireConfig.intForm(SIZES, p, DesireIntParams.defaults(SIZES, 6).withLayerShadowBits(2, 5)
        .withRoundingBits(16), 4);
  }

  /** A run directory: model.json and the config.json of the run that trained it. */
  static Path run(Path dir, DesireConfig c, String precision) throws Exception {
    Files.createDirectories(dir);
    try (TrainingEngine e = c.engine(1)) {
      NetworkJson.write(e.intNetwork(), dir.resolve("model.json"));
    }
    Map<String, Object> described = new LinkedHashMap<>(DesireHardware.describe(c));
    described.put("precision", precision);
    return record(dir, described, "fashion-mnist");
  }

  /** Writes the training record of {@code run} (learning from {@code dataset}) beside dir/model.json; returns the model. */
  static Path record(Path dir, Map<String, Object> run, String dataset) throws Exception {
    Map<String, Object> described = new LinkedHashMap<>(run);
    described.put("data", Map.of("dataset", dataset));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("format", "spikeforge.train-config");
    doc.put("run", described);
    Json.writeFile(dir.resolve("config.json"), doc);
    return dir.resolve("model.json");
  }

  @Test
  void theRunBesideTheModelOrTheTrainingDefaults(@TempDir Path dir) throws Exception {
    DesireConfig c = config();
    Path m = run(dir.resolve("int"), c, "int");
    NetworkSpec net = NetworkJson.read(m);
    var l = LearningSetup.desire(net, m, "fashion-mnist", null, null);
    assertEquals(DesireHardware.learningSpec(c), l.spec());
    // a float run's record does not apply (compile quantized its weights): the defaults, E = 12, K = 0
    Path f = run(dir.resolve("float"), c, "float");
    assertNull(LearningSetup.trainingRun(LearningSetup.trainingRecord(f)));
    var d = LearningSetup.desire(net, f, "fashion-mnist", List.of(3), 8);
    assertEquals("[3, 3]", java.util.Arrays.toString(((dev.spikeforge.golden.spec.hw.HwDesireLearning) d.spec()).shadowBits()));
    assertEquals(8, ((dev.spikeforge.golden.spec.hw.HwDesireLearning) d.spec()).roundingBits());
    ConfigException count = assertThrows(ConfigException.class,
        () -> LearningSetup.desire(net, m, "fashion-mnist", List.of(1, 2, 3), null));
    assertEquals("shadowBits", count.field());
    ConfigException k = assertThrows(ConfigException.class,
        () -> LearningSetup.desire(net, m, "fashion-mnist", null, 33));
    assertEquals("stochasticRounding", k.field());
  }

  @Test
  void aLearningBuildGivesItsGoldenReference(@TempDir Path dir) throws Exception {
    DesireConfig c = config();
    Path m = run(dir.resolve("run"), c, "int");
    Path b = dir.resolve("b");
    Flow.compile(CompileRequest.of(m, b).withLearning("desire", null, null), FlowEvents.quiet());
    BuildDirectory.Loaded loaded = BuildDirectory.load(b);
    try (DesireLearningReference ref = (DesireLearningReference) LearningSetup.reference(loaded)) {
      assertEquals(c.seed(), ref.config().seed());
      for (int l = 0; l < 2; l++) {
        assertEquals(Files.readString(b.resolve("mem/layer" + l + "_ff.hex")), ref.memoryImage(l));
      }
      boolean[][] x = new boolean[8][10];
      for (int t = 0; t < 8; t++) {
        for (int i = 0; i < 10; i++) {
          x[t][i] = (t + i) % 3 == 0;
        }
      }
      ref.train(SpikeRaster.ofDense(x), 1, 0, 0);
      assertTrue(ref.lastOutcome() != null);
    }
    BuildDirectory.Loaded inference = new BuildDirectory.Loaded(b, loaded.network(), loaded.networkHash(),
        loaded.core().withLearning(null), loaded.config().withLearning(null), loaded.manifest());
    ConfigException inf = assertThrows(ConfigException.class, () -> LearningSetup.reference(inference));
    assertTrue(inf.problem().contains("inference-only"), inf.problem());
  }

  /** A three-factor run directory: model.json (16-6-4, T = 64) and the config.json of the run that trained it. */
  static Path threeFactorRun(Path dir, ThreeFactorConfig c) throws Exception {
    Files.createDirectories(dir);
    try (ThreeFactorEngine e = ThreeFactorTraining.engine(c, 16, 4, 64)) {
      NetworkJson.write(e.intNetwork(), dir.resolve("model.json"));
      return record(dir, e.describe(), "delay-pattern");
    }
  }

  static ThreeFactorConfig threeFactor(DelayMode mode, boolean recurrent, int maxDelay, NumericForm form) {
    ThreeFactorConfig c = ThreeFactorConfig.preset(6, recurrent, mode, form);
    NetworkShape s = c.shape();
    return c.withShape(new NetworkShape(6, recurrent, mode, maxDelay, s.hiddenNeuron(), s.outputNeuron()));
  }

  private static String epropRefusal(Path model, MappingOptions mapping) throws Exception {
    NetworkSpec net = NetworkJson.read(model);
    ConfigException e = assertThrows(ConfigException.class, () -> LearningSetup.of("eprop", net, model, "delay-pattern",
        mapping, null, null));
    assertEquals("learning", e.field(), e.getMessage());
    return e.problem();
  }

  /**
   * --learning eprop: one clear refusal per reason, each naming the fix: a network without a three-factor record
   * or trained by desire (and --learning desire on a three-factor network), a run not in the hardware form, delays
   * the sample cannot deliver, more than one lane per layer; a network that passes every check (a feedforward or a
   * recurrent hidden layer) gets the run's unit spec.
   */
  @Test
  void epropRefusesEachMismatchWithItsFix(@TempDir Path dir) throws Exception {
    MappingOptions one = MappingOptions.lanes(1);
    Path desire = run(dir.resolve("desire"), config(), "int");
    assertTrue(epropRefusal(desire, one).contains("trained by --rule desire: compile it with --learning desire"));
    Path plain = dir.resolve("plain/model.json");
    Files.createDirectories(plain.getParent());
    Files.copy(desire, plain);
    assertTrue(epropRefusal(plain, one).contains("has no training record"));
    Path synaptic = threeFactorRun(dir.resolve("syn"), threeFactor(DelayMode.SYNAPTIC, false, 8, NumericForm.HARDWARE));
    NetworkSpec synNet = NetworkJson.read(synaptic);
    ConfigException mismatch = assertThrows(ConfigException.class,
        () -> LearningSetup.of("desire", synNet, synaptic, "delay-pattern", one, null, null));
    assertTrue(mismatch.problem().contains("trained by --rule eprop"), mismatch.problem());
    // a network that passes every check gets the run's unit spec, and the training record as the build's run
    CompileConfig.Learning ready = LearningSetup.of("eprop", synNet, synaptic, "delay-pattern", one, null, null);
    assertEquals(HardwareLearningSpec.of(threeFactor(DelayMode.SYNAPTIC, false, 8, NumericForm.HARDWARE)), ready.spec());
    assertEquals("eprop", ready.run().path("rule").asText(), ready.run().toString());
    // more than one lane per layer is refused, naming the fix
    ConfigException lanes = assertThrows(ConfigException.class, () -> LearningSetup.of("eprop", synNet, synaptic,
        "delay-pattern", MappingOptions.lanes(2), null, null));
    assertEquals("lanes", lanes.field(), lanes.getMessage());
    assertTrue(lanes.problem().contains("compile it with --lanes 1"), lanes.problem());
    assertTrue(epropRefusal(threeFactorRun(dir.resolve("int"), threeFactor(DelayMode.AXONAL, false, 8, NumericForm.INT)),
        one).contains("trained in the integer form; the learning core runs the hardware form"));
    // a recurrent hidden layer compiles (the core reads its recurrent synapses from the walk's recurrent rows), at
    // one lane per layer like a feedforward one
    Path recurrent = threeFactorRun(dir.resolve("rec"), threeFactor(DelayMode.SYNAPTIC, true, 8, NumericForm.HARDWARE));
    NetworkSpec recNet = NetworkJson.read(recurrent);
    assertEquals(HardwareLearningSpec.of(threeFactor(DelayMode.SYNAPTIC, true, 8, NumericForm.HARDWARE)),
        LearningSetup.of("eprop", recNet, recurrent, "delay-pattern", one, null, null).spec());
    ConfigException recLanes = assertThrows(ConfigException.class, () -> LearningSetup.of("eprop", recNet, recurrent,
        "delay-pattern", MappingOptions.lanes(2), null, null));
    assertTrue(recLanes.problem().contains("compile it with --lanes 1"), recLanes.problem());
    // the trainer refuses --max-delay >= T for the hardware form on the command line; a record that has it is refused too
    String far = epropRefusal(threeFactorRun(dir.resolve("far"), threeFactor(DelayMode.AXONAL, false, 70,
        NumericForm.HARDWARE)), one);
    assertTrue(far.contains("70 is not below T = 64"), far);
    ConfigException bits = assertThrows(ConfigException.class, () -> LearningSetup.of("eprop", synNet, synaptic,
        "delay-pattern", one, List.of(4), null));
    assertEquals("shadowBits", bits.field());
  }

  /** A hand-edited three-factor record is one clear refusal naming its entry (exit 2), never a stack trace. */
  @Test
  void epropRefusesAHandEditedRecordByItsEntry(@TempDir Path dir) throws Exception {
    MappingOptions one = MappingOptions.lanes(1);
    try (ThreeFactorEngine e = ThreeFactorTraining.engine(threeFactor(DelayMode.SYNAPTIC, false, 8,
        NumericForm.HARDWARE), 16, 4, 64)) {
      NetworkJson.write(e.intNetwork(), dir.resolve("model.json"));
      Map<String, Object> run = new LinkedHashMap<>(e.describe());
      for (Object hidden : Arrays.asList("6", null)) {
        run.put("arch", Arrays.asList(16, hidden, 4));
        String p = epropRefusal(record(dir, run, "delay-pattern"), one);
        assertTrue(p.contains("run.arch"), p);
      }
    }
  }
}
