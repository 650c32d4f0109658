package dev.spikeforge.golden.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.RateEncoder;
import dev.spikeforge.golden.learning.DesireParams;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The rule-agnostic loop: time limit, metrics files and the curve are deterministic and well formed. */
@Tag("unit")
class TrainerTest {
  static final Dataset TRAIN = SyntheticData.make("syn-train", 60, 16, 2, 1);
  static final Dataset TEST = SyntheticData.make("syn-test", 20, 16, 2, 2);

  static DesireConfig config() {
    return DesireConfig.floatForm(new int[] {16, 12, 2}, DesireParams.mnist().withLearningRate(1e-3, 0.04), 4);
  }

  @Test
  void timeLimitEndsAfterWholeEpochsWithTheSameResult() throws Exception {
    byte[] limited;
    TrainResult r;
    try (TrainingEngine e = config().engine(1)) {
      r = Trainer.run(e, TRAIN, TEST, new RateEncoder(), TrainOptions.of(5, 1).withTimeLimit(1e-9), TrainListener.NONE);
      limited = e.state();
    }
    assertTrue(r.finished() && r.timeLimited());
    assertEquals(1, r.epochs().size());
    try (TrainingEngine e = config().engine(1)) {
      TrainResult one = Trainer.run(e, TRAIN, TEST, new RateEncoder(), TrainOptions.of(1, 1), TrainListener.NONE);
      assertEquals(one.epochs(), r.epochs());
      assertArrayEquals(one.epochs().isEmpty() ? null : e.state(), limited);
    }
  }

  @Test
  void metricsAndCurve() throws Exception {
    List<EpochMetrics> epochs;
    try (TrainingEngine e = config().engine(1)) {
      epochs = Trainer.run(e, TRAIN, TEST, new RateEncoder(), TrainOptions.of(3, 1), TrainListener.NONE).epochs();
    }
    String csv = MetricsFiles.csvText(epochs);
    assertEquals(4, csv.split("\n").length);
    assertTrue(csv.startsWith(MetricsFiles.CSV_HEADER + "\n1,0.001,60,"), csv);
    String json = MetricsFiles.jsonText(Map.of("rule", "desire"), epochs, Map.of("modelHash", "x"));
    assertTrue(json.contains("\"testAccuracy\""), json);
    assertEquals(epochs.get(2), MetricsFiles.fromJson(
        dev.spikeforge.golden.json.JsonMappers.compact().readTree(json).get("epochs").get(2)));
    String svg = CurveSvg.render("a <title> & more", epochs);
    assertTrue(svg.startsWith("<svg") && svg.endsWith("</svg>\n"));
    assertTrue(svg.contains("&lt;title&gt; &amp;"));
    assertEquals(3, svg.split("<polyline").length - 1);
    assertEquals(svg, CurveSvg.render("a <title> & more", epochs));
    assertTrue(CurveSvg.render("empty", List.of()).startsWith("<svg"));
  }
}
