package dev.spikeforge.golden.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.RateEncoder;
import dev.spikeforge.golden.network.RandomNetworks;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.ReadoutSpec;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class EarlyExitSweepTest {
  /** Each sweep point equals a separate FIRST_TO_FIRE evaluation with that decision count. */
  @Test
  void sweepEqualsSeparateFirstToFireRuns() {
    NetworkSpec net = RandomNetworks.generate(RandomNetworks.Options.dense(20, 16, 5), 11);
    Dataset d = EvaluatorTest.randomImages(80, 20, 5, 3);
    List<EarlyExitSweep.Point> sweep = EarlyExitSweep.run(net, d, new RateEncoder(), 6);
    assertEquals(7, sweep.size());
    EvalReport base = Evaluator.evaluate(net, d, new RateEncoder(), 1, null);
    assertEquals(base.accuracy(), sweep.get(0).accuracy(), 1e-12);
    for (int k = 1; k <= 6; k++) {
      NetworkSpec ftf = new NetworkSpec(net.name(), net.numericsVersion(), net.inputSize(), net.timesteps(),
          net.layers(), ReadoutSpec.firstToFire(k));
      EvalReport r = Evaluator.evaluate(ftf, d, new RateEncoder(), 2, null);
      assertEquals(r.accuracy(), sweep.get(k).accuracy(), 1e-12, "K = " + k);
      assertEquals(r.meanDecisionStep(), sweep.get(k).meanDecisionStep(), 1e-12, "K = " + k);
    }
    assertTrue(sweep.get(1).meanDecisionStep() <= sweep.get(6).meanDecisionStep());
  }
}
