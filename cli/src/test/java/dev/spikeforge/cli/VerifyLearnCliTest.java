package dev.spikeforge.cli;

import static dev.spikeforge.cli.CliTest.assertOneCleanError;
import static dev.spikeforge.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * {@code spikeforge verify DIR --learn}: a tiny learning build (784-6-10, T = 6, the hardware configuration's
 * E = (0, 8) and K = 16, Fashion-MNIST dropout) learns consecutive Fashion-MNIST training samples in Verilator,
 * every weight identical to the golden model's after each, and the same again gives the same record; an
 * inference-only build, more samples than the dataset has, an unknown simulator and learning options without
 * {@code --learn} are one clear error each, exit code 2.
 */
@Tag("sim")
class VerifyLearnCliTest {
  static final ObjectMapper JSON = new ObjectMapper();

  /** An integer desire run's output (model.json and the config.json that records the run), untrained. */
  static Path tinyRun(Path dir) throws Exception {
    int[] sizes = {784, 6, 10};
    DesireParams f = DesireParams.fashionMnist();
    DesireParams p = new DesireParams(6, f.leakShift(), f.errorMargin(), f.hiddenDesireThreshold(),
        f.outputDesireThreshold(), f.inputDropout(), f.hiddenDropout(), Math.scalb(1.0, -10), 0.0, f.layerDelay());
    DesireConfig c = DesireConfig.intForm(sizes, p, DesireIntParams.defaults(sizes, 8).withLayerShadowBits(0, 8)
        .withRoundingBits(16), 3);
    Path run = Files.createDirectories(dir.resolve("run"));
    NetworkSpec net;
    try (TrainingEngine e = c.engine(1)) {
      net = e.intNetwork();
    }
    NetworkJson.write(net, run.resolve("model.json"));
    Map<String, Object> described = new LinkedHashMap<>(DesireHardware.describe(c));
    described.put("data", Map.of("dataset", "fashion-mnist"));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("format", "spikeforge.train-config");
    doc.put("run", described);
    Files.writeString(run.resolve("config.json"), JSON.writeValueAsString(doc));
    return run;
  }

  @Test
  void aLearningBuildLearnsBitExactlyAndBadInputIsOneClearError(@TempDir Path dir) throws Exception {
    Path run = tinyRun(dir);
    Path b = dir.resolve("learn");
    CliTest.Run c = run("compile", run.toString(), "-o", b.toString(), "--lanes", "4", "--learning", "desire");
    assertEquals(0, c.code(), c.err());
    JsonNode data = JSON.readTree(Files.readString(b.resolve("config.json"))).path("learning").path("run").path("data");
    assertEquals("fashion-mnist", data.path("dataset").asText(), "the run's dataset is recorded: " + data);

    CliTest.Run r = run("verify", b.toString(), "--learn", "--samples", "3", "--first", "10", "--epoch", "1");
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("3 training samples of fashion-mnist (images 10..12, epoch 1"), r.out());
    assertTrue(r.out().contains("verilator 3/3 training samples bit-exact"), r.out());
    assertTrue(r.out().contains(" per sample; simulation "), r.out());
    assertTrue(r.out().contains("PASSED"), r.out());
    String record = Files.readString(b.resolve("reports/verify-learn.json"));
    JsonNode rec = JSON.readTree(record);
    assertTrue(rec.path("passed").asBoolean(), record);
    assertEquals(3, rec.path("simulators").get(0).path("bitExact").asInt(), record);
    assertTrue(rec.path("simulators").get(0).path("cycles").asLong() > 0, record);
    CliTest.Run again = run("verify", b.toString(), "--learn", "--samples", "3", "--first", "10", "--epoch", "1");
    assertEquals(0, again.code(), again.out() + again.err());
    assertEquals(record, Files.readString(b.resolve("reports/verify-learn.json")), "same inputs, same record");

    // bad input: one clear error each, exit code 2
    assertOneCleanError(run("verify", b.toString(), "--learn", "--samples", "5", "--first", "59998"),
        "--samples 5 samples from training image 59998 need 60003 images but fashion-mnist has 60000");
    assertOneCleanError(run("verify", b.toString(), "--learn", "--sim", "modelsim"),
        "--sim must be verilator, icarus or both, not 'modelsim'");
    assertOneCleanError(run("verify", b.toString(), "--samples", "3"), "--samples applies to learning verification"
        + " only (add --learn)");
    assertOneCleanError(run("verify", b.toString(), "--learn", "--images", "3"), "--images does not apply to --learn");
    Path inf = dir.resolve("inference");
    assertEquals(0, run("compile", run.resolve("model.json").toString(), "-o", inf.toString(), "--lanes", "4").code());
    CliTest.Run refused = run("verify", inf.toString(), "--learn", "--samples", "2");
    assertOneCleanError(refused, "is an inference-only core");
    assertTrue(refused.err().contains("--learning desire"), refused.err());
    assertFalse(Files.exists(inf.resolve("reports/verify-learn.json")), "nothing written");
  }

  /**
   * The three-factor route end to end: {@code train --rule eprop --precision int --hardware-form} (16-4-4, synaptic
   * delays, one small epoch of the delay task), {@code compile --lanes 1 --learning eprop}, {@code verify --learn}:
   * 3 training samples of the delay task bit-exact in Verilator and Icarus.
   */
  @Test
  void aThreeFactorBuildLearnsBitExactly(@TempDir Path dir) throws Exception {
    Path train = dir.resolve("tf");
    CliTest.Run t = run("train", "--rule", "eprop", "--precision", "int", "--hardware-form", "--dataset",
        "delay-pattern", "--arch", "16-4-4", "--epochs", "1", "--train-limit", "20", "--test-limit", "10", "--delays",
        "synaptic", "-o", train.toString());
    assertEquals(0, t.code(), t.err());
    Path b = dir.resolve("learn");
    CliTest.Run c = run("compile", train.resolve("model.json").toString(), "-o", b.toString(), "--lanes", "1",
        "--learning", "eprop");
    assertEquals(0, c.code(), c.out() + c.err());
    assertTrue(c.out().contains("learning: eprop"), c.out());
    CliTest.Run r = run("verify", b.toString(), "--learn", "--samples", "3", "--first", "2", "--sim", "both");
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("3 training samples of delay-pattern (images 2..4, epoch 0, spike rasters"), r.out());
    assertTrue(r.out().matches("(?s).*verilator\\s+3/3 training samples bit-exact.*"), r.out());
    assertTrue(r.out().matches("(?s).*icarus\\s+3/3 training samples bit-exact.*"), r.out());
    assertTrue(r.out().contains("PASSED"), r.out());
  }

  /**
   * The three-factor route with a recurrent hidden layer: {@code train --rule eprop --precision int --hardware-form
   * --recurrent} (16-4-4, axonal delays, one small epoch of the delay task), {@code compile --lanes 1 --learning
   * eprop} (the recurrent memory's image holds the recurrent shadow words), {@code verify --learn}: 3 training samples
   * bit-exact in Verilator and Icarus, the recurrent shadows read back and compared after each.
   */
  @Test
  void aRecurrentThreeFactorBuildLearnsBitExactly(@TempDir Path dir) throws Exception {
    Path train = dir.resolve("tf");
    CliTest.Run t = run("train", "--rule", "eprop", "--precision", "int", "--hardware-form", "--recurrent",
        "--dataset", "delay-pattern", "--arch", "16-4-4", "--epochs", "1", "--train-limit", "20", "--test-limit", "10",
        "--delays", "axonal", "-o", train.toString());
    assertEquals(0, t.code(), t.err());
    Path b = dir.resolve("learn");
    CliTest.Run c = run("compile", train.resolve("model.json").toString(), "-o", b.toString(), "--lanes", "1",
        "--learning", "eprop");
    assertEquals(0, c.code(), c.out() + c.err());
    assertTrue(c.out().contains("learning: eprop"), c.out());
    assertTrue(Files.exists(b.resolve("mem/layer0_rec.hex")), "the recurrent memory's image");
    CliTest.Run r = run("verify", b.toString(), "--learn", "--samples", "3", "--first", "2", "--sim", "both");
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().matches("(?s).*verilator\\s+3/3 training samples bit-exact.*"), r.out());
    assertTrue(r.out().matches("(?s).*icarus\\s+3/3 training samples bit-exact.*"), r.out());
    assertTrue(r.out().contains("PASSED"), r.out());
  }
}
