package dev.spikeforge.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.DatasetCatalog;
import dev.spikeforge.golden.data.RateEncoder;
import dev.spikeforge.golden.data.Split;
import dev.spikeforge.golden.eval.EvalReport;
import dev.spikeforge.golden.eval.Evaluator;
import dev.spikeforge.golden.io.FloatNetworkJson;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.network.RandomNetworks;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.ReadoutSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Flow#compile(CompileRequest, FlowEvents)} and {@link Flow#evaluate} on a tiny random 784-8-10
 * network (integer, and as a float model) and a few mnist-subset images: the returned reports against the
 * files and against the library calls they stand for, and requests refused with the field at fault.
 */
@Tag("unit")
class CompileEvaluateTest {
  private static NetworkSpec tinyNetwork() {
    return RandomNetworks.generate(new RandomNetworks.Options(new int[] {784, 8, 10}, 8, 4, 16, 0, false, false,
        false, false, ReadoutSpec.spikeCount(), 0.05), 3);
  }

  private static Path write(NetworkSpec net, Path dir) throws Exception {
    Path m = dir.resolve("model.json");
    NetworkJson.write(net, m);
    return m;
  }

  @Test
  void compilesAnIntegerNetworkAsItIs(@TempDir Path dir) throws Exception {
    NetworkSpec net = tinyNetwork();
    CompileReport r = Flow.compile(CompileRequest.of(write(net, dir), dir.resolve("b")), FlowEvents.quiet());
    assertFalse(r.quantized());
    assertNull(r.accuracy());
    assertEquals(NetworkJson.contentHash(net), NetworkJson.contentHash(r.network()));
    assertEquals(dir.resolve("b"), r.output());
    assertTrue(Files.isRegularFile(r.output().resolve("manifest.json")));
    assertEquals(NetworkJson.contentHash(net), NetworkJson.contentHash(NetworkJson.read(r.output().resolve("network.json"))));
    assertEquals(net.layers().size(), r.build().core().layers().size());
  }

  @Test
  void quantizesAndCalibratesAFloatModelOnTrainingImages(@TempDir Path dir) throws Exception {
    Path fm = dir.resolve("float-model.json");
    FloatNetworkJson.write(FloatNetwork.of(tinyNetwork()), fm);
    CompileReport r = Flow.compile(CompileRequest.of(fm, dir.resolve("b")).withQuantization(4, "calibrate", "calibrate")
        .withData("mnist-subset", 20, 12).withThreads(1), FlowEvents.quiet());
    assertTrue(r.quantized());
    assertEquals(4, r.input().source().weightWidth());
    assertNotNull(r.input().calibration());
    assertNotNull(r.input().membraneCalibration());
    assertEquals(12, r.accuracy().images());
    Dataset test = DatasetCatalog.load("mnist-subset", Split.TEST, null).slice(0, 12);
    EvalReport direct = Evaluator.evaluate(r.network(), test, new RateEncoder(), 1, null);
    assertArrayEquals(direct.predictions(), r.accuracy().intReport().predictions());
  }

  @Test
  void refusesQuantizationFieldsForAnIntegerNetwork(@TempDir Path dir) throws Exception {
    Path m = write(tinyNetwork(), dir);
    ConfigException e = assertThrows(ConfigException.class, () -> Flow.compile(
        CompileRequest.of(m, dir.resolve("b")).withQuantization(4, null, null), FlowEvents.quiet()));
    assertEquals("weightWidth", e.field());
    assertEquals("scale", assertThrows(ConfigException.class,
        () -> CompileRequest.of(m, null).withQuantization(8, null, "median")).field());
    assertEquals("membraneWidth", assertThrows(ConfigException.class,
        () -> CompileRequest.of(m, null).withQuantization(8, "narrow", null)).field());
    assertEquals("calibrationImages", assertThrows(ConfigException.class,
        () -> CompileRequest.of(m, null).withData("mnist-subset", -1, 0)).field());
  }

  @Test
  void evaluatesAnIntegerNetworkWithItsSweepAndResults(@TempDir Path dir) throws Exception {
    NetworkSpec net = tinyNetwork();
    Path json = dir.resolve("results.json");
    EvaluateReport r = Flow.evaluate(EvaluateRequest.of(write(net, dir), "mnist-subset").withLimit(15)
        .withEarlyExitSweep(2).withJson(json), FlowEvents.quiet());
    Dataset d = DatasetCatalog.load("mnist-subset", Split.TEST, null).slice(0, 15);
    EvalReport direct = Evaluator.evaluate(net, d, new RateEncoder(), 1, null);
    assertEquals(15, r.samples());
    assertEquals("mnist-subset/test", r.dataset());
    assertEquals("rate", r.coding());
    assertNull(r.floatReport());
    assertArrayEquals(direct.predictions(), r.intReport().predictions());
    assertEquals(NetworkJson.contentHash(net), r.modelHash());
    assertEquals(3, r.earlyExitSweep().size()); // the full count, then K = 1, 2
    String doc = Files.readString(json);
    assertTrue(doc.contains("\"earlyExitSweep\"") && doc.contains(r.modelHash()), doc);
  }

  @Test
  void quantizesAFloatModelWhenAsked(@TempDir Path dir) throws Exception {
    Path fm = dir.resolve("float-model.json");
    FloatNetworkJson.write(FloatNetwork.of(tinyNetwork()), fm);
    EvaluateReport r = Flow.evaluate(EvaluateRequest.of(fm, "mnist-subset").withLimit(10).withQuantize(6),
        FlowEvents.quiet());
    assertEquals(10, r.floatReport().samples());
    assertEquals(6, r.weightBits());
    assertEquals(6, r.network().layers().get(0).weightWidth());
    assertEquals(10, r.intReport().samples());
    ConfigException e = assertThrows(ConfigException.class, () -> Flow.evaluate(
        EvaluateRequest.of(fm, "mnist-subset").withLimit(10).withEarlyExitSweep(2), FlowEvents.quiet()));
    assertEquals("earlyExitSweep", e.field());
    assertEquals("earlyExitSweep", assertThrows(ConfigException.class,
        () -> EvaluateRequest.of(fm, "mnist-subset").withEarlyExitSweep(0)).field());
    assertEquals("dataset", assertThrows(ConfigException.class, () -> EvaluateRequest.of(fm, "nope")).field());
  }
}
