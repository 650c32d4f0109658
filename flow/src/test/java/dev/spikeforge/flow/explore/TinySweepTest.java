package dev.spikeforge.flow.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spikeforge.flow.FlowEvents;
import dev.spikeforge.golden.json.JsonMappers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped {@code examples/sweeps/tiny.json} end to end (estimates only, Fashion-MNIST): its outputs,
 * every metric with its source, the recorded failure, and the cache: a rerun computes nothing and writes
 * the same bytes; a sweep cut short (points lost, one file cut mid-write) recomputes only those points
 * and ends with the same {@code pareto.json}.
 */
@Tag("unit")
class TinySweepTest {
  @Test
  void runsResumesAndRepeatsByteForByte(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("sweep");
    ExploreRequest req = ExploreRequest.of(SweepTest.TINY, out).withThreads(2);
    ExploreReport r = Explore.run(req, FlowEvents.quiet());
    assertEquals(12, r.points().size());
    assertEquals(12, r.computed());
    assertEquals(0, r.real());
    byte[] json = Files.readAllBytes(out.resolve("pareto.json"));
    byte[] csv = Files.readAllBytes(out.resolve("pareto.csv"));
    JsonNode doc = JsonMappers.strict().readTree(json);
    assertEquals(12, doc.get("points").asInt());
    assertFalse(doc.get("front").isEmpty());
    for (JsonNode p : doc.get("results")) {
      if (p.get("status").asText().equals("failed")) {
        assertTrue(p.get("reason").asText().contains("membrane"), p.toString()); // 8-bit weights, 8-bit membranes
        assertFalse(p.get("feasible").asBoolean());
        continue;
      }
      JsonNode m = p.get("metrics");
      assertEquals("golden-model", m.get("accuracy").get("source").asText());
      assertEquals("estimate", m.get("logicCells").get("source").asText());
      assertEquals("cycle-model", m.get("clocksPerImage").get("source").asText());
      assertEquals("derived-estimate", m.get("energyUj").get("source").asText());
      assertEquals("spec", m.get("sprams").get("source").asText());
      assertTrue(m.get("accuracy").get("value").asDouble() > 0.5, p.toString());
      assertTrue(m.get("clocksPerImage").get("value").asDouble() > 100, p.toString());
    }
    assertTrue(doc.get("results").get(8).get("status").asText().equals("failed"));
    for (String svg : List.of("accuracy-vs-logicCells.svg", "accuracy-vs-latencyUs.svg", "accuracy-vs-energyUj.svg")) {
      assertTrue(Files.readString(out.resolve(svg)).contains("<svg"), svg);
    }
    // lanes shorten the latency at the same accuracy: 4 lanes against 1
    assertEquals(r.points().get(4).value(Metric.ACCURACY), r.points().get(5).value(Metric.ACCURACY));
    assertTrue(r.points().get(5).value(Metric.LATENCY_US) < r.points().get(4).value(Metric.LATENCY_US));

    ExploreReport again = Explore.run(req, FlowEvents.quiet());
    assertEquals(0, again.computed());
    assertArrayEquals(json, Files.readAllBytes(out.resolve("pareto.json")));
    assertArrayEquals(csv, Files.readAllBytes(out.resolve("pareto.csv")));

    List<Path> cached;
    try (Stream<Path> s = Files.list(out.resolve(Explore.POINTS))) {
      cached = s.sorted().toList();
    }
    assertEquals(12, cached.size());
    Files.delete(cached.get(0));
    Files.delete(cached.get(5));
    Files.writeString(cached.get(7), "{\"hash\": \"cut mid-wri"); // a killed writer's leftovers are recomputed
    ExploreReport resumed = Explore.run(req, FlowEvents.quiet());
    assertEquals(3, resumed.computed());
    assertArrayEquals(json, Files.readAllBytes(out.resolve("pareto.json")));
  }

  /**
   * A learning core the network cannot be (the linear readout does not leak, and the desire learning unit's
   * neurons do) is one recorded failure naming why; the inference point beside it is evaluated and the sweep
   * completes.
   */
  @Test
  void aLearningCoreThatCannotBeBuiltIsOneRecordedFailure(@TempDir Path dir) throws Exception {
    String sweep = "{\"format\": \"spikeforge.sweep\", \"version\": 1, \"name\": \"learn\","
        + " \"model\": {\"fitLinear\": {\"trainSamples\": 1000}},"
        + " \"data\": {\"testImages\": 100, \"calibrationImages\": 100},"
        + " \"axes\": {\"learning\": [\"none\", \"desire\"]},"
        + " \"objectives\": {\"accuracy\": \"max\", \"logicCells\": \"min\"}}";
    Path f = Files.writeString(dir.resolve("learn.json"), sweep);
    ExploreReport r = Explore.run(ExploreRequest.of(f, dir.resolve("out")).withThreads(2), FlowEvents.quiet());
    assertEquals(2, r.points().size());
    assertTrue(r.points().get(0).ok(), r.points().get(0).toString());
    PointResult learning = r.points().get(1);
    assertEquals("failed", learning.status());
    assertTrue(learning.reason().startsWith("learning desire: linear_readout cannot be compiled as a learning core: "
        + "leakShift: 0 is outside the allowed range"), learning.reason()); // the linear readout does not leak
    assertEquals(1, r.failed());
    assertEquals(List.of(0), r.frontIndices());
  }

  @Test
  void anUnknownLayerToBinarizeIsNamedBeforeAnyPoint(@TempDir Path dir) throws Exception {
    String text = Files.readString(SweepTest.TINY).replace("\"lanes\": [1, 4]", "\"binarize\": [[], [\"fc7\"]]");
    Path f = dir.resolve("bad.json");
    Files.writeString(f, text);
    SweepException e = assertThrows(SweepException.class,
        () -> Explore.run(ExploreRequest.of(f, dir.resolve("out")).withThreads(2), FlowEvents.quiet()));
    assertEquals("axes.binarize[1]", e.field());
    assertTrue(e.problem().contains("readout"), e.problem());
    try (Stream<Path> s = Files.list(dir.resolve("out").resolve(Explore.POINTS))) {
      assertEquals(0, s.count());
    }
  }
}
