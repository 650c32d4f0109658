package dev.spikeforge.flow.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep file: the shipped example reads, and every kind of bad file is one error naming its field. */
@Tag("unit")
class SweepTest {
  static final Path TINY = Path.of("..", "examples", "sweeps", "tiny.json");

  private static String sweep(String axes, String extra) {
    return "{\"format\": \"spikeforge.sweep\", \"version\": 1, \"name\": \"t\","
        + " \"model\": {\"fitLinear\": {\"trainSamples\": 1000}},"
        + " \"axes\": " + axes + ", \"objectives\": {\"accuracy\": \"max\", \"logicCells\": \"min\"}" + extra + "}";
  }

  private static SweepException bad(String json) {
    return assertThrows(SweepException.class, () -> Sweep.parse(json, null));
  }

  @Test
  void readsTheTinyExampleIntoItsPoints() {
    Sweep s = Sweep.read(TINY);
    assertEquals("tiny", s.name());
    assertEquals(12, s.size());
    List<PointSettings> p = s.points();
    assertEquals(12, p.size());
    // the last axis varies fastest
    assertEquals(1, p.get(0).lanes());
    assertEquals(4, p.get(1).lanes());
    assertEquals(2, p.get(0).weightBits());
    assertEquals(8, p.get(11).weightBits());
    assertEquals(null, p.get(2).membraneBits()); // calibrate
    assertEquals("icebreaker", p.get(5).board());
    assertTrue(s.constraints().stream().anyMatch(c -> "icebreaker".equals(c.board())));
  }

  @Test
  void readsTheReadoutMixExample() {
    Sweep s = Sweep.read(TINY.resolveSibling("readout-mix.json"));
    assertEquals(48, s.points().size());
    assertEquals(List.of("readout"), s.points().get(47).binarize());
    assertEquals("hx8k-breakout", s.points().get(47).board());
    assertEquals(3, s.points().get(47).earlyExit());
  }

  @Test
  void defaultsFillWhatIsNeitherAnAxisNorFixed() {
    Sweep s = Sweep.parse(sweep("{\"lanes\": [1, 2]}", ""), null);
    PointSettings p = s.points().get(1);
    assertEquals(2, p.lanes());
    assertEquals(4, p.weightBits());
    assertEquals(null, p.membraneBits());
    assertEquals("rate", p.encoder());
    assertEquals(List.of(), p.binarize());
    assertEquals(0, p.earlyExit());
  }

  @Test
  void refusesAnUnknownAxis() {
    SweepException e = bad(sweep("{\"lane\": [1, 2]}", ""));
    assertEquals("axes.lane", e.field());
    assertTrue(e.problem().contains("lanes"), e.problem());
  }

  @Test
  void refusesAnEmptyAxis() {
    SweepException e = bad(sweep("{\"lanes\": []}", ""));
    assertEquals("axes.lanes", e.field());
    assertTrue(e.problem().contains("empty"), e.problem());
    assertEquals("axes", bad(sweep("{}", "")).field());
  }

  @Test
  void refusesAConstraintOnAnUnknownMetric() {
    SweepException e = bad(sweep("{\"lanes\": [1]}", ", \"constraints\": [\"accuracy >= 0.5\", \"area < 3\"]"));
    assertEquals("constraints[1]", e.field());
    assertTrue(e.problem().contains("logicCells"), e.problem());
    assertEquals("constraints[0]", bad(sweep("{\"lanes\": [1]}", ", \"constraints\": [\"fits: zedboard\"]")).field());
    assertEquals("constraints[0]", bad(sweep("{\"lanes\": [1]}", ", \"constraints\": [\"accuracy >= 84\"]")).field());
    assertEquals("constraints[0]", bad(sweep("{\"lanes\": [1]}", ", \"constraints\": [\"accuracy is high\"]")).field());
  }

  @Test
  void refusesBadValuesNamingTheElement() {
    assertEquals("axes.weightBits[1]", bad(sweep("{\"weightBits\": [4, 40]}", "")).field());
    assertEquals("axes.weightBits[1]", bad(sweep("{\"weightBits\": [4, 4]}", "")).field());
    assertEquals("axes.membraneBits[0]", bad(sweep("{\"membraneBits\": [\"auto\"]}", "")).field());
    assertEquals("axes.board[0]", bad(sweep("{\"board\": [\"de10\"]}", "")).field());
    assertEquals("axes.binarize[0]", bad(sweep("{\"binarize\": [\"fc1\"]}", "")).field());
    assertEquals("axes.encoder[0]", bad(sweep("{\"encoder\": [\"delta\"]}", "")).field());
    assertEquals("axes.lanes", bad(sweep("{\"lanes\": 4}", "")).field());
    assertEquals("axes.learning[1]", bad(sweep("{\"learning\": [\"none\", \"stdp\"]}", "")).field());
  }

  @Test
  void readsTheLearningAxisAndTheSeedsOfRealRuns() {
    Sweep s = Sweep.parse(sweep("{\"learning\": [\"none\", \"desire\"]}",
        ", \"synthesis\": {\"real\": \"front\", \"seeds\": 5}"), null);
    assertEquals(List.of("none", "desire"), s.points().stream().map(PointSettings::learning).toList());
    assertTrue(s.points().get(1).learns());
    assertTrue(s.points().get(1).label().endsWith("learn:desire"), s.points().get(1).label());
    assertEquals("desire", s.points().get(1).buildConfig(s, Path.of("out"), "out/p1").hardware().learning());
    assertEquals(5, s.synthesis().seeds());
    assertEquals(Sweep.SynthesisPlan.DEFAULT_SEEDS,
        Sweep.parse(sweep("{\"lanes\": [1]}", ", \"synthesis\": {\"real\": \"front\"}"), null).synthesis().seeds());
    assertEquals("synthesis.seeds",
        bad(sweep("{\"lanes\": [1]}", ", \"synthesis\": {\"real\": \"front\", \"seeds\": 0}")).field());
  }

  @Test
  void aFigureThatIsNotKnownSurvivesTheCacheAsNaN() {
    PointResult r = new PointResult("ab", Sweep.parse(sweep("{\"lanes\": [1]}", ""), null).points().get(0), "ok", null,
        java.util.Map.of("hash", "h"), 8, java.util.Map.of("logicCells", Measure.of(Double.NaN, "unknown"),
        "fmaxMhz", new Measure(30.5, "real", 29.0, List.of(31.0, 30.5, 28.0))), java.util.Map.of("icebreaker", true),
        null);
    PointResult back = Explore.parseResult(Explore.Json.write(r));
    assertTrue(Double.isNaN(back.value(Metric.LOGIC_CELLS)), back.toString());
    assertEquals(r, back);
    assertEquals(31.0, back.metrics().get("fmaxMhz").best());
    assertEquals(30.5, Measure.median(List.of(31.0, 28.0, 30.5)));
    assertEquals(29.5, Measure.median(List.of(31.0, 28.0)));
  }

  @Test
  void refusesStructuralMistakes() {
    assertEquals("axes.lanes", bad(sweep("{\"lanes\": [1]}", ", \"fixed\": {\"lanes\": 2}")).field());
    assertEquals("colour", bad(sweep("{\"lanes\": [1]}", ", \"colour\": 1")).field());
    assertEquals("objectives", bad(sweep("{\"lanes\": [1]}", "").replace(", \"logicCells\": \"min\"", "")).field());
    assertEquals("objectives.area", bad(sweep("{\"lanes\": [1]}", "").replace("logicCells", "area")).field());
    assertEquals("objectives.logicCells", bad(sweep("{\"lanes\": [1]}", "").replace("\"min\"", "\"less\"")).field());
    assertEquals("format", bad("{\"version\": 1}").field());
    assertEquals("(json)", bad("{\"format\": ").field());
    assertEquals("model", bad(sweep("{\"lanes\": [1]}", "").replace("\"model\": {\"fitLinear\": {\"trainSamples\": 1000}},", "\"model\": {},")).field());
    assertEquals("synthesis.real", bad(sweep("{\"lanes\": [1]}", ", \"synthesis\": {\"real\": \"all\"}")).field());
    assertEquals("model.file", bad(sweep("{\"lanes\": [1]}", "").replace("{\"fitLinear\": {\"trainSamples\": 1000}}", "{\"file\": \"/nonexistent/float-model.json\"}")).field());
  }

  @Test
  void aMissingFileIsNamed(@TempDir Path dir) {
    SweepException e = assertThrows(SweepException.class, () -> Sweep.read(dir.resolve("none.json")));
    assertEquals("(file)", e.field());
    assertTrue(Files.notExists(dir.resolve("none.json")));
  }
}
