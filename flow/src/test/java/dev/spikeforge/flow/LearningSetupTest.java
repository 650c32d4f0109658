package dev.spikeforge.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.compiler.build.BuildDirectory;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.learning.DesireIntParams;
import dev.spikeforge.golden.learning.DesireParams;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.train.DesireConfig;
import dev.spikeforge.golden.train.DesireHardware;
import dev.spikeforge.golden.train.DesireLearningReference;
import dev.spikeforge.golden.train.TrainingEngine;
import java.nio.file.Files;
import java.nio.file.Path;
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
    described.put("data", Map.of("dataset", "fashion-mnist"));
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
    assertNull(LearningSetup.trainingRun(f));
    var d = LearningSetup.desire(net, f, "fashion-mnist", List.of(3), 8);
    assertEquals("[3, 3]", java.util.Arrays.toString(d.spec().shadowBits()));
    assertEquals(8, d.spec().roundingBits());
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
    try (DesireLearningReference ref = LearningSetup.reference(loaded)) {
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
}
