package dev.spikeforge.flow.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.compiler.map.HwMapper;
import dev.spikeforge.compiler.map.MappingOptions;
import dev.spikeforge.compiler.map.MemoryTarget;
import dev.spikeforge.golden.network.RandomNetworks;
import dev.spikeforge.golden.spec.ReadoutSpec;
import dev.spikeforge.golden.spec.hw.HwCore;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The estimator against the real yosys/nextpnr runs recorded in its calibration file, each run held out
 * of the fit that predicts it: the error bounds docs/explore.md states. A change of the core that moves
 * logic cells, or of the features, fails here until the calibration runs are redone
 * ({@code bench/run-explore-calibration.sh}).
 */
@Tag("unit")
class CostEstimatorTest {
  private final CostEstimator est = CostEstimator.bundled();

  @Test
  void logicCellsAreWithinTheStatedErrorOnHeldOutRuns() {
    CostEstimator.Error lc = est.errors().get("logicCells");
    assertTrue(lc.runs() >= 8, "calibration runs: " + lc.runs());
    assertTrue(lc.median() <= 0.10, "median leave-one-out logic-cell error " + lc.median());
    assertTrue(lc.worst() <= 0.25, "worst leave-one-out logic-cell error " + lc.worst());
    assertTrue(est.errors().get("lut4").median() <= 0.10, "LUT4 " + est.errors().get("lut4"));
    assertTrue(est.errors().get("flipFlops").median() <= 0.10, "FF " + est.errors().get("flipFlops"));
    assertTrue(est.errors().get("fmaxMhz").median() <= 0.10, "Fmax " + est.errors().get("fmaxMhz"));
    assertTrue(est.errors().get("fmaxMhz").runs() >= 6, "Fmax runs " + est.errors().get("fmaxMhz"));
  }

  @Test
  void heldOutRunsThatNoFitSawAreWithinTheTarget() {
    Set<String> calibration = new HashSet<>();
    est.runs().forEach(r -> calibration.add(r.name()));
    for (CostEstimator.Run r : CostEstimator.heldOutRuns()) {
      assertTrue(!calibration.contains(r.name()), r.name() + " is a calibration run, so it is not held out");
    }
    // recomputed from the resources: the fit to the calibration runs predicting each held-out run
    Map<String, CostEstimator.Error> e = est.heldOutErrors();
    CostEstimator.Error lc = e.get("logicCells");
    assertTrue(lc.runs() >= 30, "held-out runs: " + lc.runs());
    assertTrue(lc.median() <= 0.10, "median held-out logic-cell error " + lc);
    assertTrue(e.get("lut4").median() <= 0.10, "LUT4 on held-out runs: " + e.get("lut4"));
    assertTrue(e.get("flipFlops").median() <= 0.10, "FF on held-out runs: " + e.get("flipFlops"));
    CostEstimator.Error ebr = e.get("blockRams");
    assertEquals(CostEstimator.heldOutRuns().size(), ebr.runs(), "every held-out run counts its block RAMs");
    assertEquals(ebr.runs(), ebr.exact(), "block RAMs exactly right on every held-out run: " + ebr);
    CostEstimator.Error spram = e.get("sprams");
    assertEquals(spram.runs(), spram.exact(), "SPRAMs exact on held-out runs: " + spram);
  }

  @Test
  void theErrorStatisticIsTheMedianAndWorstRelativeError() {
    CostEstimator.Error e = CostEstimator.error("logicCells", new double[] {100, 200, 50, 40},
        new double[] {110, 200, 40, 40.4});
    // relative errors 0.10, 0, 0.20, 0.01: median (0.01 + 0.10) / 2, worst 0.20, two within 0.5 of the real value
    assertEquals(0.055, e.median(), 1e-12);
    assertEquals(0.20, e.worst(), 1e-12);
    assertEquals(2, e.exact());
    assertEquals(4, e.runs());
  }

  @Test
  void blockRamsAndSpramsAreExact() {
    CostEstimator.Error spram = est.errors().get("sprams");
    assertEquals(spram.runs(), spram.exact(), "SPRAM is read off the spec");
    CostEstimator.Error ebr = est.errors().get("blockRams");
    assertTrue(ebr.runs() >= 40, "calibration runs with block RAMs: " + ebr);
    assertEquals(ebr.runs(), ebr.exact(), "block RAMs follow Yosys' mapping rule exactly: " + ebr);
  }

  @Test
  void theFitReproducesItsOwnRunsAndGrowsWithLanes() {
    for (CostEstimator.Run r : est.runs()) {
      CostEstimator.Estimate e = est.estimate(r.shape(), r.part());
      double real = r.measured().get("logicCells");
      assertTrue(Math.abs(e.logicCells() - real) / real <= 0.25, r.name() + ": " + e.logicCells() + " vs " + real);
      assertEquals(r.measured().get("sprams"), e.sprams(), 1e-9, r.name());
    }
    var net = RandomNetworks.generate(new RandomNetworks.Options(new int[] {784, 32, 10}, 20, 4, 10, 0, false, false,
        false, false, ReadoutSpec.spikeCount(), 0.03), 1);
    HwCore p1 = HwMapper.map(net, MappingOptions.lanes(1), MemoryTarget.forBoard("icebreaker"));
    HwCore p8 = HwMapper.map(net, MappingOptions.lanes(8), MemoryTarget.forBoard("icebreaker"));
    assertTrue(est.estimate(p8, "iCE40UP5K").logicCells() > est.estimate(p1, "iCE40UP5K").logicCells());
  }
}
