package dev.spikeforge.compiler.quantize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.RateEncoder;
import dev.spikeforge.golden.eval.Evaluator;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Membrane-width calibration: every trial is the measured accuracy at that width, the search stops
 * at the first width outside the tolerance (or refused), the choice is the width before it, and the
 * same inputs give the same choice.
 */
@Tag("unit")
class MembraneCalibrationTest {
  private static Dataset data(int n, long seed) {
    return TestNets.randomImages(n, seed);
  }

  private static FloatNetwork net() {
    return TestNets.random16x12x4();
  }

  private static double accuracy(NetworkSpec q, Dataset cal) {
    return Evaluator.evaluate(q, cal, new RateEncoder(), 1, null).accuracy();
  }

  @Test
  void choosesTheLastWidthBeforeTheFirstOutsideTheTolerance() {
    Dataset cal = data(80, 1);
    QuantizationConfig base = QuantizationConfig.of(4).withScaleStrategy(ScaleStrategy.percentile(99));
    for (double tolerance : new double[] {0.0, 0.05, 0.5}) {
      MembraneCalibration.Result r = MembraneCalibration.calibrate(net(), base, 12, tolerance, cal, new RateEncoder(), 2);
      assertEquals(12, r.trials().get(0).bits());
      assertEquals(r.reference(), r.trials().get(0).accuracy(), 0.0);
      for (int i = 0; i < r.trials().size(); i++) {
        MembraneCalibration.Trial t = r.trials().get(i);
        assertEquals(12 - i, t.bits(), "widths are tried from the widest down, one bit at a time");
        boolean last = i == r.trials().size() - 1;
        if (t.refused() == null) {
          NetworkSpec q = Quantizer.quantize(net(), base.withMembraneWidth(MembraneWidth.fixed(t.bits())));
          assertEquals(accuracy(q, cal), t.accuracy(), 0.0, "trial " + t);
          boolean within = r.reference() - t.accuracy() <= tolerance + 1e-12;
          // Every trial but the last is within the tolerance; the last is outside it, refused, or the 2-bit floor.
          assertTrue(last || within, r.describe());
          if (last && t.bits() > 2) {
            assertTrue(!within, r.describe());
          }
        } else {
          assertTrue(last, "a refused width ends the search: " + r.describe());
        }
      }
      MembraneCalibration.Trial stop = r.trials().get(r.trials().size() - 1);
      int expected = stop.refused() != null || r.reference() - stop.accuracy() > tolerance + 1e-12
          ? stop.bits() + 1 : stop.bits();
      assertEquals(expected, r.chosen(), r.describe());
      for (LayerSpec l : r.network().layers()) {
        assertEquals(r.chosen(), l.neuron().membraneWidth());
      }
      assertEquals(NetworkJson.contentHash(Quantizer.quantize(net(), base.withMembraneWidth(
          MembraneWidth.fixed(r.chosen())))), NetworkJson.contentHash(r.network()));
      assertEquals(r.config().scaleStrategy(), ScaleStrategy.percentile(99), "the scale choice is kept");
      assertTrue(r.describe().contains("<- chosen"), r.describe());
      MembraneCalibration.Result again = MembraneCalibration.calibrate(net(), base, 12, tolerance, cal, new RateEncoder(), 1);
      assertEquals(r.trials(), again.trials(), "deterministic, whatever the thread count");
    }
  }

  @Test
  void aLargerToleranceNeverChoosesAWiderMembrane() {
    Dataset cal = data(80, 2);
    QuantizationConfig base = QuantizationConfig.of(4);
    int previous = Integer.MAX_VALUE;
    for (double tolerance : new double[] {0.0, 0.02, 0.1, 0.3, 0.99}) {
      int chosen = MembraneCalibration.calibrate(net(), base, 10, tolerance, cal, new RateEncoder(), 1).chosen();
      assertTrue(chosen <= previous, "tolerance " + tolerance + ": " + chosen + " > " + previous);
      previous = chosen;
    }
    // Accepting any loss goes down to the narrowest width that still holds every threshold.
    MembraneCalibration.Result any = MembraneCalibration.calibrate(net(), base, 10, 0.99, cal, new RateEncoder(), 1);
    MembraneCalibration.Trial stop = any.trials().get(any.trials().size() - 1);
    assertTrue(stop.refused() != null && stop.refused().contains("threshold") || stop.bits() == 2, any.describe());
  }

  @Test
  void badArgumentsAreRefused() {
    Dataset cal = data(5, 1);
    assertThrows(IllegalArgumentException.class, () -> MembraneCalibration.calibrate(net(), QuantizationConfig.of(4), 10,
        1.5, cal, new RateEncoder(), 1));
    QuantizationConfig overrides = QuantizationConfig.of(4).withMembraneWidth("fc1", MembraneWidth.fixed(8));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MembraneCalibration.calibrate(net(), overrides, 10, 0.1, cal, new RateEncoder(), 1));
    assertTrue(e.getMessage().contains("overrides"), e.getMessage());
  }
}
