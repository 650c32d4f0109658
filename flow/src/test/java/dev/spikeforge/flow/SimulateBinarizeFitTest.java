package dev.spikeforge.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.DatasetCatalog;
import dev.spikeforge.golden.data.RateEncoder;
import dev.spikeforge.golden.data.Split;
import dev.spikeforge.golden.eval.EvalReport;
import dev.spikeforge.golden.eval.Evaluator;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.network.RandomNetworks;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.ReadoutSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Flow#simulate}, {@link Flow#binarize} and {@link Flow#fitLinear} on a tiny random 784-8-10
 * network and a few mnist-subset images: the returned reports against the files and the library calls
 * they stand for, and requests refused with the field at fault.
 */
@Tag("unit")
class SimulateBinarizeFitTest {
  private static Path tiny(Path dir) throws Exception {
    NetworkSpec net = RandomNetworks.generate(new RandomNetworks.Options(new int[] {784, 8, 10}, 8, 4, 16, 0, false,
        false, false, false, ReadoutSpec.spikeCount(), 0.05), 3);
    Path m = dir.resolve("model.json");
    NetworkJson.write(net, m);
    return m;
  }

  @Test
  void simulatesBothTwinsAndWritesTheResultsDocument(@TempDir Path dir) throws Exception {
    Path model = tiny(dir);
    SimulateReport r = Flow.simulate(SimulateRequest.of(model, "mnist-subset").withLimit(6).withSim("both")
        .withJson(dir.resolve("r.json")), FlowEvents.quiet());
    assertEquals(6, r.samples());
    assertEquals("mnist-subset/test", r.dataset());
    assertEquals(2, r.reports().size());
    assertNotNull(r.agreement());
    Dataset d = DatasetCatalog.load("mnist-subset", Split.TEST, null).slice(0, 6);
    EvalReport direct = Evaluator.evaluate(NetworkJson.read(model), d, new RateEncoder(), 1, n -> { });
    assertEquals(direct.correct(), r.reports().get(0).correct());
    JsonNode doc = Json.MAPPER.readTree(dir.resolve("r.json").toFile());
    assertEquals(NetworkJson.contentHash(r.network()), doc.get("modelHash").asText());
    assertEquals(6, doc.get("int").get("samples").asInt());
    assertEquals(6, doc.get("float").get("samples").asInt());
  }

  @Test
  void simulateRefusesBadFields() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> SimulateRequest.of(Path.of("m.json"), "mnist-subset").withSim("fpga"));
    assertEquals("sim", e.field());
    assertEquals("threads", assertThrows(ConfigException.class, () -> new SimulateRequest(Path.of("m.json"),
        "mnist-subset", null, "test", 0, null, "rate", 1, "int", 0, null, 10, null)).field());
    assertEquals("dataset", assertThrows(ConfigException.class,
        () -> SimulateRequest.of(Path.of("m.json"), "nope")).field());
  }

  @Test
  void binarizesAnIntegerModelWithinABudget(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("b.json");
    BinarizeReport r = Flow.binarize(BinarizeRequest.budget(tiny(dir), "mnist-subset", 0.5, out).withLimit(8),
        FlowEvents.quiet());
    assertTrue(r.integer());
    assertEquals(r.modelHash(), NetworkJson.contentHash(NetworkJson.read(out)));
    assertTrue(r.network().weightCount() > 0);
  }

  @Test
  void binarizeRefusesWidthsForAnIntegerModelAndBothConstraints(@TempDir Path dir) throws Exception {
    Path model = tiny(dir);
    assertEquals("budget", assertThrows(ConfigException.class, () -> new BinarizeRequest(model, "mnist-subset", null,
        "test", 0, 4, "rate", 1, null, 0.5, 1.0, null, null, null, dir.resolve("b.json"), null, 2000, null)).field());
    ConfigException e = assertThrows(ConfigException.class, () -> Flow.binarize(new BinarizeRequest(model,
        "mnist-subset", null, "test", 0, 4, "rate", 1, null, 0.5, null, 4, null, null, dir.resolve("b.json"), null, 2000,
        null),
        FlowEvents.quiet()));
    assertEquals("weightBits", e.field());
    assertTrue(Files.notExists(dir.resolve("b.json")));
  }

  @Test
  void fitsAndWritesALinearReadout(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("lin.json");
    FitLinearReport r = Flow.fitLinear(FitLinearRequest.of("mnist-subset", out).withLimit(100), FlowEvents.quiet());
    assertEquals(1, r.network().layers().size());
    assertEquals(784, r.network().inputSize());
    assertEquals(r.modelHash(), NetworkJson.contentHash(NetworkJson.read(out)));
    assertEquals("ridge", assertThrows(ConfigException.class, () -> new FitLinearRequest("mnist-subset", null, 0,
        null, 20, 0, 8, 16, out)).field());
  }
}
