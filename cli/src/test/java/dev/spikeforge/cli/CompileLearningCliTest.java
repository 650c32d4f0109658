package dev.spikeforge.cli;

import static dev.spikeforge.cli.CliTest.assertOneCleanError;
import static dev.spikeforge.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.learning.DesireIntParams;
import dev.spikeforge.golden.learning.DesireParams;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.train.DesireConfig;
import dev.spikeforge.golden.train.DesireHardware;
import dev.spikeforge.golden.train.TrainingEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spikeforge compile --learning desire}: the learning unit's parameters come from the training
 * run beside the model (or the training defaults), {@code --shadow-bits} and {@code --stochastic-rounding}
 * override them; a network the unit cannot learn, or shadow words that do not fit the board, is one
 * clear error with exit code 2 and nothing written.
 */
@Tag("unit")
class CompileLearningCliTest {
  static final int[] SIZES = {10, 6, 3};
  static final ObjectMapper JSON = new ObjectMapper();

  /** An integer desire run's output: model.json and the config.json that records the run. */
  static Path trainedRun(Path dir) throws Exception {
    DesireParams p = DesireParams.fashionMnist().withTimesteps(8);
    DesireConfig c = DesireConfig.intForm(SIZES, p, DesireIntParams.defaults(SIZES, 6).withLayerShadowBits(2, 5)
        .withRoundingBits(16), 4);
    Path run = dir.resolve("run");
    Files.createDirectories(run);
    NetworkSpec net;
    try (TrainingEngine e = c.engine(1)) {
      net = e.intNetwork();
    }
    NetworkJson.write(net, run.resolve("model.json"));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("format", "spikeforge.train-config");
    Map<String, Object> described = new LinkedHashMap<>(DesireHardware.describe(c));
    described.put("data", Map.of("dataset", "fashion-mnist"));
    doc.put("run", described);
    doc.put("epochs", 1);
    Files.writeString(run.resolve("config.json"), JSON.writeValueAsString(doc));
    return run;
  }

  static JsonNode learning(Path build) throws Exception {
    return JSON.readTree(Files.readString(build.resolve("manifest.json"))).path("hardware").path("learning");
  }

  @Test
  void theTrainingRunsParametersAndTheirOverrides(@TempDir Path dir) throws Exception {
    Path run = trainedRun(dir);
    Path a = dir.resolve("a");
    CliTest.Run r = run("compile", run.toString(), "-o", a.toString(), "--lanes", "2", "--learning", "desire");
    assertEquals(0, r.code(), r.err());
    org.junit.jupiter.api.Assertions.assertTrue(r.out().contains("learning: desire, shadow words of 8, 11 bits"),
        r.out());
    JsonNode l = learning(a);
    assertEquals("[2,5]", l.path("shadowBits").toString());
    assertEquals(16, l.path("roundingBits").asInt());
    assertEquals("[13,102]", l.path("dropoutThresholds").toString(), "fashion-mnist dropout 0.05, 0.4");
    assertEquals("[269,427]", l.path("dropoutScales").toString());
    Path b = dir.resolve("b");
    r = run("compile", run.resolve("model.json").toString(), "-o", b.toString(), "--lanes", "2", "--learning", "desire",
        "--shadow-bits", "0,8", "--stochastic-rounding", "12");
    assertEquals(0, r.code(), r.err());
    assertEquals("[0,8]", learning(b).path("shadowBits").toString());
    assertEquals(12, learning(b).path("roundingBits").asInt());
    JsonNode cfg = JSON.readTree(Files.readString(b.resolve("config.json")));
    assertEquals(12, cfg.path("learning").path("run").path("int").path("roundingBits").asInt());
    assertEquals(4, cfg.path("learning").path("run").path("seed").asInt(), "the run's seed");
  }

  @Test
  void whatTheUnitCannotLearnIsOneClearError(@TempDir Path dir) throws Exception {
    Path rec = dir.resolve("rec.json");
    assertEquals(0, run("model", "random", "--sizes", "6,5,3", "--timesteps", "8", "--recurrent", "-o",
        rec.toString()).code());
    Path out = dir.resolve("out");
    assertOneCleanError(run("compile", rec.toString(), "-o", out.toString(), "--learning", "desire"), "recurrent");
    Path bin = dir.resolve("bin.json");
    assertEquals(0, run("model", "random", "--sizes", "6,5,3", "--timesteps", "8", "--binarized-hidden", "-o",
        bin.toString()).code());
    assertOneCleanError(run("compile", bin.toString(), "-o", out.toString(), "--learning", "desire"), "BINARIZED");
    Path ftf = dir.resolve("ftf.json");
    assertEquals(0, run("model", "random", "--sizes", "6,5,3", "--timesteps", "8", "--first-to-fire", "2", "-o",
        ftf.toString()).code());
    assertOneCleanError(run("compile", ftf.toString(), "-o", out.toString(), "--learning", "desire"), "FIRST_TO_FIRE");
    Path plain = dir.resolve("plain.json");
    assertEquals(0, run("model", "random", "--sizes", "6,5,3", "--timesteps", "8", "-o", plain.toString()).code());
    assertOneCleanError(run("compile", plain.toString(), "-o", out.toString(), "--shadow-bits", "4"),
        "--shadow-bits applies to learning cores only");
    assertOneCleanError(run("compile", plain.toString(), "-o", out.toString(), "--learning", "hebb"),
        "--learning 'hebb' is not a learning unit");
    assertOneCleanError(run("compile", plain.toString(), "-o", out.toString(), "--learning", "eprop"),
        "--learning eprop: random_1 cannot be compiled as a three-factor learning core: it has no training record");
    Path run = trainedRun(dir);
    assertOneCleanError(run("compile", run.toString(), "-o", out.toString(), "--learning", "desire", "--shadow-bits",
        "1,2,3"), "--shadow-bits has 3 values for 2 layers");
    assertFalse(Files.exists(out), "nothing written");
  }

  @Test
  void shadowWordsThatDoNotFitTheBoardAreRefused(@TempDir Path dir) throws Exception {
    // 784-128-10 at B = 8, 4 lanes fills the UP5K's SPRAM with E = 0; E = 8 on fc1 needs twice that
    DesireParams p = DesireParams.fashionMnist().withTimesteps(8);
    int[] sizes = {784, 128, 10};
    DesireConfig c = DesireConfig.intForm(sizes, p, DesireIntParams.defaults(sizes, 8), 1);
    Path m = dir.resolve("big.json");
    try (TrainingEngine e = c.engine(1)) {
      NetworkJson.write(e.intNetwork(), m);
    }
    Path out = dir.resolve("out");
    assertOneCleanError(run("compile", m.toString(), "-o", out.toString(), "--lanes", "4", "--board", "icebreaker",
        "--learning", "desire", "--shadow-bits", "8,0", "--stochastic-rounding", "16"), "SPRAM");
    assertFalse(Files.exists(out), "nothing written");
  }

  /**
   * The rule and the network belong together: a three-factor hardware-form run (16-4-4, axonal delays, one small
   * epoch of the delay task through the CLI) is refused by --learning desire, and by --learning eprop at two lanes
   * (the core has one lane per layer); nothing is written.
   */
  @Test
  void theRuleMustBeTheNetworksOwn(@TempDir Path dir) throws Exception {
    Path train = dir.resolve("tf");
    assertEquals(0, run("train", "--rule", "eprop", "--precision", "int", "--hardware-form", "--dataset",
        "delay-pattern", "--arch", "16-4-4", "--epochs", "1", "--train-limit", "20", "--test-limit", "10", "--delays",
        "axonal", "-o", train.toString()).code());
    Path model = train.resolve("model.json");
    Path out = dir.resolve("out");
    assertOneCleanError(run("compile", model.toString(), "-o", out.toString(), "--learning", "desire"),
        "--learning desire: three_factor_int was trained by --rule eprop (its config.json beside the model): compile it"
            + " with --learning eprop");
    assertOneCleanError(run("compile", model.toString(), "-o", out.toString(), "--lanes", "2", "--learning", "eprop"),
        "walks one synapse per weight word (docs/hardware.md §7.2): compile it with --lanes 1");
    assertOneCleanError(run("compile", model.toString(), "-o", out.toString(), "--learning", "eprop", "--shadow-bits",
        "4"), "--shadow-bits applies to --learning desire");
    assertFalse(Files.exists(out), "nothing written");
  }
}
