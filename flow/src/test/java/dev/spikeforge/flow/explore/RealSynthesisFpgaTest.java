package dev.spikeforge.flow.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spikeforge.flow.FlowEvents;
import dev.spikeforge.golden.json.JsonMappers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A point of the Pareto front built for real: one 784-10 readout at one lane through yosys, nextpnr-ice40
 * (placement seeds 1 and 2: Fmax is their median, the best and each kept) and icepack, linked from the HTML
 * report. Its hardware figures become {@code real} with the estimate beside them, the estimate is
 * within the estimator's stated worst error of the real logic cells, block RAMs match exactly, and a rerun
 * reads the real run back instead of synthesizing again.
 */
@Tag("fpga")
class RealSynthesisFpgaTest {
  @Test
  void buildsTheFrontForRealAndKeepsTheEstimateBeside(@TempDir Path dir) throws Exception {
    String sweep = Files.readString(SweepTest.TINY)
        .replace("\"weightBits\": [2, 4, 8]", "\"weightBits\": [4]")
        .replace("\"membraneBits\": [8, \"calibrate\"]", "\"membraneBits\": [8]")
        .replace("\"lanes\": [1, 4]", "\"lanes\": [1, 2]")
        .replace("\"objectives\": {\"accuracy\": \"max\", \"logicCells\": \"min\", \"latencyUs\": \"min\"}",
            "\"objectives\": {\"accuracy\": \"max\", \"logicCells\": \"min\"}")
        .replace("\"synthesis\": {\"real\": \"none\"}", "\"synthesis\": {\"real\": \"front\", \"max\": 1, \"seeds\": 2}");
    Path f = Files.writeString(dir.resolve("s.json"), sweep);
    Path out = dir.resolve("out");
    ExploreRequest req = ExploreRequest.of(f, out).withThreads(2);
    ExploreReport r = Explore.run(req, FlowEvents.quiet());
    assertEquals(1, r.real());
    PointResult p = r.points().get(0); // P = 1: fewest logic cells at the same accuracy
    assertNotNull(p.realDir(), p.toString());
    Measure lc = p.metrics().get("logicCells");
    assertEquals("real", lc.source());
    double worst = CostEstimator.bundled().errors().get("logicCells").worst();
    assertTrue(Math.abs(lc.estimate() - lc.value()) / lc.value() <= Math.max(0.10, worst), lc.toString());
    Measure fmax = p.metrics().get("fmaxMhz");
    assertEquals(2, fmax.seeds().size(), "nextpnr run with placement seeds 1 and 2");
    assertEquals((fmax.seeds().get(0) + fmax.seeds().get(1)) / 2, fmax.value(), 0.006, "the median of two seeds");
    assertEquals(Math.max(fmax.seeds().get(0), fmax.seeds().get(1)), fmax.best());
    Measure ebr = p.metrics().get("blockRams");
    assertEquals(ebr.estimate(), ebr.value(), 0.0, "block RAMs");
    assertTrue(Files.isRegularFile(out.resolve(p.realDir()).resolve("reports").resolve("utilization.json")));
    JsonNode doc = JsonMappers.strict().readTree(out.resolve("pareto.json").toFile());
    assertEquals(0, doc.get("synthesizedForReal").get(0).asInt());
    JsonNode fx = doc.get("results").get(0).get("metrics").get("fmaxMhz");
    assertEquals("median over placement seeds", fx.get("statistic").asText());
    assertEquals(2, fx.get("seeds").size());
    assertEquals(2, doc.get("synthesis").get("seeds").asInt());
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("<a href=\"" + p.realDir() + "/reports/utilization.json\">"), "links the real build's report");
    assertTrue(html.contains("<a href=\"" + p.realDir() + "/\">"), "links the real build directory");
    byte[] json = Files.readAllBytes(out.resolve("pareto.json"));
    ExploreReport again = Explore.run(req, FlowEvents.quiet());
    assertEquals(0, again.computed());
    assertEquals(1, again.real());
    assertTrue(java.util.Arrays.equals(json, Files.readAllBytes(out.resolve("pareto.json"))));
  }
}
