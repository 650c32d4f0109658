package dev.spikeforge.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Flow#run} on {@link BuildConfig#tiny()} without the tool steps: the files and typed results,
 * a second run that skips every step and gives the same results, and a changed input that reruns
 * exactly the steps downstream of it, and a run that stops early leaves no stale results.
 */
@Tag("unit")
class FlowSkipTest {

  @Test
  void secondRunSkipsAndAChangedInputReruns(@TempDir Path dir) throws Exception {
    BuildConfig c = BuildConfig.tiny().withOutDir(dir.toString()).withVerify(BuildConfig.tiny().verify().disabled());
    BuildResult first = Flow.run(c);
    assertEquals(TrainOutcome.Source.TRAINED, first.train().how());
    assertEquals(300, first.train().samplesTrained());
    assertEquals(100, first.quantize().intReport().samples());
    assertEquals(4, first.network().layers().get(0).weightWidth());
    assertNull(first.verify());
    assertTrue(Files.isRegularFile(dir.resolve("build/manifest.json")));
    assertTrue(Files.isRegularFile(dir.resolve("train/float-model.json")));
    String results = Files.readString(first.resultsFile());
    JsonNode doc = Json.MAPPER.readTree(results);
    assertEquals("784-8-10", doc.get("architecture").asText());
    assertEquals(first.quantize().membraneWidth(), doc.get("membraneWidth").asInt());
    assertEquals(first.quantize().intReport().accuracy(), doc.get("int").get("accuracy").asDouble());
    assertSkipped(dir, false, false, false);
    String manifest = Files.readString(dir.resolve("build/manifest.json"));

    BuildResult again = Flow.run(c);
    assertEquals(TrainOutcome.Source.REUSED, again.train().how());
    assertEquals(first.quantize().scaleRule(), again.quantize().scaleRule());
    assertEquals(first.quantize().membraneWidth(), again.quantize().membraneWidth());
    assertArrayEquals(first.quantize().intReport().predictions(), again.quantize().intReport().predictions());
    assertEquals(results, Files.readString(again.resultsFile()), "same inputs, same results");
    assertSkipped(dir, true, true, true);

    // Narrower weights: the model is not retrained, quantize and compile run again.
    BuildResult changed = Flow.run(c.withQuantize(QuantizeConfig.of(3)));
    assertEquals(TrainOutcome.Source.REUSED, changed.train().how());
    assertEquals(3, changed.network().layers().get(0).weightWidth());
    assertSkipped(dir, true, false, false);
    assertNotEquals(manifest, Files.readString(dir.resolve("build/manifest.json")));
    // Only the lanes: the quantized model is reused, compile runs again.
    Flow.run(c.withQuantize(QuantizeConfig.of(3)).withHardware(new HardwareConfig(2, "icebreaker")));
    assertSkipped(dir, true, true, false);

    // A run that stops early (its dataset is missing) leaves no results or report of the earlier build.
    assertTrue(Files.isRegularFile(dir.resolve(ResultsJson.FILE)));
    assertTrue(Files.isRegularFile(dir.resolve(HtmlReport.FILE)));
    BuildConfig broken = c.withData(c.data().withDataDir(dir.resolve("no-such-data").toString()));
    assertThrows(RuntimeException.class, () -> Flow.run(broken));
    assertFalse(Files.exists(dir.resolve(ResultsJson.FILE)), "stale results.json");
    assertFalse(Files.exists(dir.resolve(HtmlReport.FILE)), "stale report.html");
  }

  private static void assertSkipped(Path dir, boolean train, boolean quantize, boolean compile) throws Exception {
    JsonNode t = Json.MAPPER.readTree(dir.resolve(StepLedger.TIMES).toFile());
    assertEquals(train, t.get("train").get("skipped").asBoolean(), t.toString());
    assertEquals(quantize, t.get("quantize").get("skipped").asBoolean(), t.toString());
    assertEquals(compile, t.get("compile").get("skipped").asBoolean(), t.toString());
    assertTrue(t.get("report").get("seconds").asDouble() >= 0, t.toString());
    JsonNode h = Json.MAPPER.readTree(dir.resolve(StepLedger.HASHES).toFile());
    assertEquals(64, h.get("compile").asText().length(), h.toString());
  }
}
