package dev.spikeforge.golden.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.RateEncoder;
import dev.spikeforge.golden.learning.DesireIntParams;
import dev.spikeforge.golden.learning.DesireParams;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Same seed → same bits: 1 thread and 2 threads give identical weights (float and integer form,
 * dropout on, layers large enough to be split across the team), and so do two runs; another seed
 * gives other weights.
 */
@Tag("unit")
class DesireDeterminismTest {
  static final int[] SIZES = {256, 300, 240, 4};

  static DesireConfig config(boolean integer, long seed) {
    DesireParams p = DesireParams.fashionMnist().withLearningRate(2e-3, 0.04);
    return integer ? DesireConfig.intForm(SIZES, p, DesireIntParams.defaults(SIZES, 6), seed)
        : DesireConfig.floatForm(SIZES, p, seed);
  }

  static byte[] train(DesireConfig cfg, int threads, Dataset data) throws Exception {
    try (TrainingEngine e = cfg.engine(threads)) {
      byte[] initial = e.state();
      TrainResult r = Trainer.run(e, data, data.slice(0, 20), new RateEncoder(),
          TrainOptions.of(2, cfg.seed()).withEvalThreads(threads), TrainListener.NONE);
      assertEquals(2, r.epochs().size());
      assertFalse(Arrays.equals(initial, e.state()), "training must change the weights");
      return e.state();
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void oneAndTwoThreadsGiveTheSameBits(boolean integer) throws Exception {
    Dataset data = SyntheticData.make("syn", 120, 256, 4, 7);
    DesireConfig cfg = config(integer, 11);
    assertEquals(List.of(true, true, false), Arrays.asList(parallel(cfg)));
    byte[] one = train(cfg, 1, data);
    byte[] two = train(cfg, 2, data);
    assertArrayEquals(one, two);
    assertArrayEquals(one, train(cfg, 2, data));
    assertFalse(Arrays.equals(one, train(config(integer, 12), 1, data)));
  }

  /** Which layers a 2-thread engine splits (the test must exercise the split). */
  static Boolean[] parallel(DesireConfig cfg) {
    try (DesireEngine e = (DesireEngine) cfg.engine(2)) {
      Boolean[] b = new Boolean[e.parallel.length];
      for (int l = 0; l < b.length; l++) {
        b[l] = e.parallel[l];
      }
      return b;
    }
  }
}
