package dev.spikeforge.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spikeforge.compiler.quantize.Calibration;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.DatasetCatalog;
import dev.spikeforge.golden.data.DelayPatternParams;
import dev.spikeforge.golden.data.Split;
import dev.spikeforge.golden.io.FloatNetworkJson;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.train.EpochMetrics;
import dev.spikeforge.golden.train.rules.LearningRuleException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Flow#train} on tiny runs of the generated delay-pattern task: the returned report against the
 * files it names, the float run's model.json against {@link CalibrationRule}, the epoch events, and
 * requests refused with the field at fault.
 */
@Tag("unit")
class TrainRunTest {
  /** Desire, 16-24-4 at T = 64, 2 epochs on 120 training and 40 test samples, one thread. */
  static TrainRequest tiny(Path out) {
    return TrainRequest.of("desire", "delay-pattern", "16-24-4", out).withEpochs(2).withLimits(120, 40)
        .withThreads(1).withRuleOptions(Map.of("--timesteps", 64, "--lr", 1e-3));
  }

  @Test
  void floatRunWritesWhatItReportsAndQuantizesByTheCalibrationRule(@TempDir Path dir) throws Exception {
    List<EpochTime> events = new ArrayList<>();
    TrainReport r = Flow.train(tiny(dir), recording(events));

    assertTrue(r.finished());
    assertEquals(2, r.run().epochs().size());
    assertEquals(240, r.run().samplesTrained());
    assertEquals(List.of("model.json", "float-model.json", "metrics.json", "metrics.csv", "curve.svg", "timing.json",
        "config.json", "checkpoint.sfck"), r.files());
    for (String f : r.files()) {
      assertTrue(Files.isRegularFile(dir.resolve(f)), f);
    }
    assertEquals(List.of(1, 2), events.stream().map(EpochTime::epoch).toList());
    assertEquals(List.of(120L, 120L), events.stream().map(EpochTime::samples).toList());
    assertEquals(events, r.epochTimes());

    // model.json is the float model quantized by the flow's calibration rule on the last training images
    TrainReport.Quantized q = r.quantized();
    assertEquals(8, q.weightBits());
    assertEquals(CalibrationRule.REFERENCE_MEMBRANE_WIDTH, q.membraneBits());
    assertEquals(120, q.calibrationImages());
    Dataset train = DatasetCatalog.load("delay-pattern", Split.TRAIN, null).shuffled(TrainRequest.LIMIT_SEED)
        .slice(0, 120);
    Calibration.Result cal = CalibrationRule.calibrateScale(FloatNetworkJson.read(dir.resolve("float-model.json")), 8,
        16, CalibrationRule.calibrationSet(train, CalibrationRule.DEFAULT_IMAGES), 1);
    NetworkSpec model = NetworkJson.read(dir.resolve("model.json"));
    assertEquals(NetworkJson.contentHash(cal.network()), NetworkJson.contentHash(model));
    assertEquals(cal.chosen().toString(), q.scale());
    assertEquals(NetworkJson.contentHash(model), r.modelHash());

    JsonNode metrics = Json.MAPPER.readTree(dir.resolve("metrics.json").toFile());
    assertEquals(q.testAccuracy(), metrics.get("final").get("quantizedTestAccuracy").asDouble());
    assertEquals(r.lastEpoch().testAccuracy(), metrics.get("epochs").get(1).get("testAccuracy").asDouble());
    JsonNode data = Json.MAPPER.readTree(dir.resolve("config.json").toFile()).get("run").get("data");
    assertEquals(List.of("dataset", "encoder", "trainSamples", "testSamples", "shuffle", "shuffleSeed"),
        fieldNames(data), "config.json's data keys in insertion order");
    assertEquals(2, Json.MAPPER.readTree(dir.resolve("timing.json").toFile()).get("epochs").size());
  }

  @Test
  void intRunWritesItsOwnNetworkAndStoppedRunsNoModel(@TempDir Path dir) throws Exception {
    TrainReport r = Flow.train(tiny(dir.resolve("int")).withPrecision("int"), FlowEvents.quiet());
    assertNull(r.quantized());
    assertFalse(r.files().contains("float-model.json"));
    assertEquals(NetworkJson.contentHash(NetworkJson.read(dir.resolve("int/model.json"))), r.modelHash());

    TrainRequest stop = tiny(dir.resolve("stop"));
    stop = new TrainRequest(stop.rule(), stop.dataset(), null, stop.arch(), 2, 1, "float", null, null,
        stop.ruleOptions(), null, 120, 40, 1, 50, false, 30L, null, true, stop.output(), null);
    TrainReport stopped = Flow.train(stop, FlowEvents.quiet());
    assertFalse(stopped.finished());
    assertEquals(30, stopped.run().samplesTrained());
    assertNull(stopped.modelHash());
    assertFalse(Files.exists(dir.resolve("stop/model.json")));
    assertTrue(Files.isRegularFile(dir.resolve("stop/checkpoint.sfck")));
  }

  @Test
  void invalidRequestsNameTheirField(@TempDir Path dir) {
    assertField("epochs", "must be at least 1, got 0", () -> tiny(dir).withEpochs(0));
    assertField("precision", "must be float or int, not 'double'", () -> tiny(dir).withPrecision("double"));
    assertField("trainLimit", "must be positive, got 0", () -> tiny(dir).withLimits(0, null));
    assertField("dataset", "'cifar' is unknown", () -> TrainRequest.of("desire", "cifar", null, dir));
    assertField("delayPattern", "applies to the dataset delay-pattern only, not to mnist-subset",
        () -> new TrainRequest("desire", "mnist-subset", null, null, 1, 1, "float", null, null, null,
            DelayPatternParams.DEFAULT, null, null, null, 0, false, null, null, true, dir, null));
    assertField("arch", "starts with 10 inputs but dataset delay-pattern has 16 input channels",
        () -> Flow.train(TrainRequest.of("desire", "delay-pattern", "10-24-4", dir).withLimits(10, 10),
            FlowEvents.quiet()));
    assertField("arch", "is required for dataset delay-pattern, e.g. 16-100-4",
        () -> Flow.train(TrainRequest.of("desire", "delay-pattern", null, dir).withLimits(10, 10), FlowEvents.quiet()));
    TrainRequest r = tiny(dir);
    assertField("resume", "finds no checkpoint in " + dir, () -> Flow.train(new TrainRequest(r.rule(), r.dataset(),
        null, r.arch(), 2, 1, "float", null, null, r.ruleOptions(), null, 120, 40, 1, 0, true, null, null, true, dir, null),
        FlowEvents.quiet()));
    LearningRuleException e = assertThrows(LearningRuleException.class,
        () -> Flow.train(tiny(dir).withRuleOptions(Map.of("--delays", "axonal")), FlowEvents.quiet()));
    assertEquals("--delays applies to --rule eprop only, not to --rule desire", e.getMessage());
    assertThrows(LearningRuleException.class, () -> TrainRequest.of("nope", "delay-pattern", null, dir));
  }

  private static void assertField(String field, String problem, Runnable call) {
    ConfigException e = assertThrows(ConfigException.class, call::run);
    assertEquals(field, e.field(), e.getMessage());
    assertTrue(e.problem().startsWith(problem), e.problem());
  }

  private static List<String> fieldNames(JsonNode o) {
    List<String> names = new ArrayList<>();
    o.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** Quiet events that record the epoch times. */
  private static FlowEvents recording(List<EpochTime> times) {
    FlowEvents quiet = FlowEvents.logTo(new PrintWriter(Writer.nullWriter()));
    return new FlowEvents() {
      @Override
      public PrintWriter log() {
        return quiet.log();
      }

      @Override
      public Task ticker(String task) {
        return quiet.ticker(task);
      }

      @Override
      public Meter progress(String task, long total, String unit) {
        return quiet.progress(task, total, unit);
      }

      @Override
      public dev.spikeforge.golden.train.TrainListener training(int epochs, long perEpoch) {
        return quiet.training(epochs, perEpoch);
      }

      @Override
      public void epoch(EpochMetrics metrics, EpochTime time) {
        assertEquals(metrics.epoch(), time.epoch());
        assertEquals(2, time.epochs());
        times.add(time);
      }
    };
  }
}
