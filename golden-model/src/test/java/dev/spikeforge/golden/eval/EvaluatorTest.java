package dev.spikeforge.golden.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.RateEncoder;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.network.RandomNetworks;
import dev.spikeforge.golden.sim.IntSimulator;
import dev.spikeforge.golden.spec.NetworkSpec;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class EvaluatorTest {
  static Dataset randomImages(int n, int len, int classes, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    byte[][] x = new byte[n][len];
    int[] y = new int[n];
    for (int s = 0; s < n; s++) {
      r.nextBytes(x[s]);
      y[s] = r.nextInt(classes);
    }
    return Dataset.ofIntensities("rnd", new int[] {len}, classes, x, y);
  }

  @Test
  void resultIsIndependentOfThreadCountAndMatchesSingleRuns() {
    NetworkSpec net = RandomNetworks.generate(RandomNetworks.Options.dense(16, 12, 4), 5);
    Dataset d = randomImages(60, 16, 4, 9);
    AtomicInteger ticks = new AtomicInteger();
    EvalReport one = Evaluator.evaluate(net, d, new RateEncoder(), 1, k -> ticks.addAndGet(k));
    EvalReport two = Evaluator.evaluate(net, d, new RateEncoder(), 2, null);
    assertEquals(60, ticks.get());
    assertArrayEquals(one.predictions(), two.predictions());
    assertEquals(one.synapticOps(), two.synapticOps());
    assertEquals(one.correct(), two.correct());
    IntSimulator sim = new IntSimulator(net);
    int correct = 0;
    for (int i = 0; i < 60; i++) {
      var r = sim.run(d.encode(i, new RateEncoder(), net.timesteps()));
      assertEquals(r.prediction(), one.predictions()[i]);
      correct += r.correct(d.label(i)) ? 1 : 0;
    }
    assertEquals(correct, one.correct());
    EvalReport fl = Evaluator.evaluate(FloatNetwork.of(net), d, new RateEncoder(), 2, null);
    assertEquals(60, fl.samples());
  }

  @Test
  void shapeMismatchIsReported() {
    NetworkSpec net = RandomNetworks.generate(RandomNetworks.Options.dense(16, 12, 4), 5);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Evaluator.evaluate(net, randomImages(3, 15, 4, 1), new RateEncoder(), 1, null));
    assertEquals("dataset 'rnd' has 15 input channels but the network expects 16", e.getMessage());
  }
}
