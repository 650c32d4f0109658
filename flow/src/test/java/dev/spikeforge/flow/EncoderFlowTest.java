package dev.spikeforge.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.DatasetCatalog;
import dev.spikeforge.golden.data.LatencyEncoder;
import dev.spikeforge.golden.data.Split;
import dev.spikeforge.golden.eval.Evaluator;
import dev.spikeforge.golden.io.FloatNetworkJson;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.network.RandomNetworks;
import dev.spikeforge.golden.spec.EncoderSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.ReadoutSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The encoder a model records, through the flow: compile records it (or the given one) in network.json and the
 * manifest, a float model is quantized on it, evaluate and simulate code their inputs with it unless told
 * otherwise, and a malformed encoder is refused with the field at fault.
 */
@Tag("unit")
class EncoderFlowTest {
  private static NetworkSpec tiny() {
    return RandomNetworks.generate(new RandomNetworks.Options(new int[] {784, 8, 10}, 6, 4, 16, 0, false, false,
        false, false, ReadoutSpec.spikeCount(), 0.05), 3);
  }

  @Test
  void compileRecordsTheEncoderInTheNetworkAndTheManifest(@TempDir Path dir) throws Exception {
    Path m = dir.resolve("model.json");
    NetworkJson.write(tiny().withEncoder(EncoderSpec.latency(64)), m);
    CompileReport kept = Flow.compile(CompileRequest.of(m, dir.resolve("a")), FlowEvents.quiet());
    assertEquals("latency:min=64", kept.network().encoder().toString());
    assertEquals(kept.network(), NetworkJson.read(dir.resolve("a/network.json")));
    JsonNode manifest = Json.MAPPER.readTree(dir.resolve("a/manifest.json").toFile());
    assertEquals("latency:min=64", manifest.path("network").path("encoder").asText());
    assertEquals(NetworkJson.contentHash(kept.network()), manifest.path("network").path("hash").asText());

    StringWriter log = new StringWriter();
    CompileReport given = Flow.compile(CompileRequest.of(m, dir.resolve("b")).withEncoder("rate:min=32"),
        FlowEvents.logTo(new PrintWriter(log, true)));
    assertEquals(EncoderSpec.rate(32), NetworkJson.read(dir.resolve("b/network.json")).encoder());
    assertTrue(log.toString().contains("note: the build records encoder rate:min=32 (--encoder)"), log.toString());
  }

  @Test
  void aFloatModelIsQuantizedOnTheGivenEncoderAndRecordsIt(@TempDir Path dir) throws Exception {
    Path fm = dir.resolve("float-model.json");
    FloatNetworkJson.write(FloatNetwork.of(tiny()), fm);
    CompileReport r = Flow.compile(CompileRequest.of(fm, dir.resolve("b")).withQuantization(4, "16", "max-abs")
        .withData("mnist-subset", 10, 6).withThreads(1).withEncoder("latency"), FlowEvents.quiet());
    assertEquals(EncoderSpec.latency(1), r.network().encoder());
    Dataset test = DatasetCatalog.load("mnist-subset", Split.TEST, null).slice(0, 6);
    assertArrayEquals(Evaluator.evaluate(r.network(), test, new LatencyEncoder(), 1, null).predictions(),
        r.accuracy().intReport().predictions(), "the accuracy check codes with the recorded encoder");
  }

  @Test
  void evaluateAndSimulateUseTheRecordedEncoderUnlessGiven(@TempDir Path dir) throws Exception {
    Path m = dir.resolve("model.json");
    NetworkJson.write(tiny().withEncoder(EncoderSpec.latency(1)), m);
    EvaluateReport recorded = Flow.evaluate(EvaluateRequest.of(m, "mnist-subset").withLimit(5), FlowEvents.quiet());
    assertEquals("latency", recorded.coding());
    Dataset test = DatasetCatalog.load("mnist-subset", Split.TEST, null).slice(0, 5);
    assertArrayEquals(Evaluator.evaluate(tiny(), test, new LatencyEncoder(), 1, null).predictions(),
        recorded.intReport().predictions());
    StringWriter log = new StringWriter();
    EvaluateReport given = Flow.evaluate(EvaluateRequest.of(m, "mnist-subset").withLimit(5).withEncoder("rate"),
        FlowEvents.logTo(new PrintWriter(log, true)));
    assertEquals("rate", given.coding());
    assertTrue(log.toString().contains("was made for latency"), log.toString());
    SimulateReport sim = Flow.simulate(SimulateRequest.of(m, "mnist-subset").withLimit(3), FlowEvents.quiet());
    assertEquals("latency", sim.coding());
  }

  @Test
  void refusesAMalformedEncoderNamingTheField(@TempDir Path dir) {
    ConfigException e = assertThrows(ConfigException.class,
        () -> CompileRequest.of(dir.resolve("m.json"), dir).withEncoder("latency:max=3"));
    assertEquals("encoder", e.field());
    assertTrue(e.problem().contains("latency takes only min=…, not 'max'"), e.problem());
    assertEquals("encoder", assertThrows(ConfigException.class,
        () -> TrainRequest.of("desire", "fashion-mnist", "784-8-10", dir).withEncoder("rate:min=999")).field());
    assertEquals("encoder", assertThrows(ConfigException.class,
        () -> EvaluateRequest.of(dir.resolve("m.json"), "mnist-subset").withEncoder("nope")).field());
    assertEquals("encoder", assertThrows(ConfigException.class,
        () -> TrainRequest.of("desire", "delay-pattern", "16-8-4", dir).withEncoder("latency")).field());
  }
}
