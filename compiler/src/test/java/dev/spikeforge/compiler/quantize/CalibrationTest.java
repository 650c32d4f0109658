package dev.spikeforge.compiler.quantize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.RateEncoder;
import dev.spikeforge.golden.eval.Evaluator;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.SpecException;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Scale calibration: the choice is the measured best, ties go to the earlier candidate, same inputs same choice. */
@Tag("unit")
class CalibrationTest {
  private static Dataset data(int n, long seed) {
    return TestNets.randomImages(n, seed);
  }

  private static FloatNetwork net() {
    return TestNets.random16x12x4();
  }

  @Test
  void choosesTheMostAccurateCandidateMeasuredOnTheCalibrationSet() {
    Dataset cal = data(60, 1);
    QuantizationConfig base = QuantizationConfig.of(3);
    List<ScaleStrategy> candidates = List.of(ScaleStrategy.maxAbs(), ScaleStrategy.percentile(90),
        ScaleStrategy.percentile(70), ScaleStrategy.powerOfTwo());
    Calibration.Result r = Calibration.calibrate(net(), base, candidates, cal, new RateEncoder(), 2);
    assertEquals(candidates.size(), r.trials().size());
    double best = -1;
    for (Calibration.Trial t : r.trials()) {
      NetworkSpec q = Quantizer.quantize(net(), base.withScaleStrategy(t.strategy()));
      assertEquals(Evaluator.evaluate(q, cal, new RateEncoder(), 1, null).accuracy(), t.accuracy(), 0.0);
      best = Math.max(best, t.accuracy());
    }
    Calibration.Trial chosen = r.trials().stream().filter(t -> t.strategy().equals(r.chosen())).findFirst().orElseThrow();
    assertEquals(best, chosen.accuracy(), 0.0);
    // The first candidate reaching the best accuracy wins.
    for (Calibration.Trial t : r.trials()) {
      if (t.strategy().equals(r.chosen())) {
        break;
      }
      assertTrue(t.accuracy() < best, t.toString());
    }
    assertEquals(NetworkJson.contentHash(Quantizer.quantize(net(), base.withScaleStrategy(r.chosen()))),
        NetworkJson.contentHash(r.network()));
    assertEquals(r.chosen(), r.config().scaleStrategy());
    assertTrue(r.describe().contains("<- chosen"), r.describe());
    // Deterministic.
    Calibration.Result again = Calibration.calibrate(net(), base, candidates, cal, new RateEncoder(), 1);
    assertEquals(r.trials(), again.trials());
    assertEquals(NetworkJson.contentHash(r.network()), NetworkJson.contentHash(again.network()));
  }

  @Test
  void tiesGoToTheEarlierCandidate() {
    Calibration.Result r = Calibration.calibrate(net(), QuantizationConfig.of(4),
        List.of(ScaleStrategy.percentile(100), ScaleStrategy.maxAbs()), data(20, 2), new RateEncoder(), 1);
    assertEquals(ScaleStrategy.percentile(100), r.chosen());
  }

  @Test
  void noCandidatesIsAnError() {
    assertThrows(IllegalArgumentException.class, () -> Calibration.calibrate(net(), QuantizationConfig.of(4), List.of(),
        data(5, 1), new RateEncoder(), 1));
  }

  @Test
  void aNetworkNoCandidateCanQuantizeGivesTheFirstError() {
    // A 2-bit membrane cannot hold the threshold of any scale: every candidate is refused.
    QuantizationConfig tight = QuantizationConfig.of(8).withMembraneWidth(MembraneWidth.fixed(2));
    SpecException e = assertThrows(SpecException.class, () -> Calibration.calibrate(net(), tight,
        List.of(ScaleStrategy.maxAbs(), ScaleStrategy.percentile(50)), data(5, 1), new RateEncoder(), 1));
    assertTrue(e.getMessage().contains("threshold"), e.getMessage());
  }
}
