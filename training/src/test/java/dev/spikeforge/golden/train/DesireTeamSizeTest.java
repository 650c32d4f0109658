package dev.spikeforge.golden.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.RateEncoder;
import dev.spikeforge.golden.learning.DesireIntParams;
import dev.spikeforge.golden.learning.DesireParams;
import dev.spikeforge.golden.sim.SpikeRaster;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 16 item 2: a team of threads trains a sample by splitting every large layer's neurons (the
 * first layer's forward pass and update without any barrier). Sample by sample over 300 samples with
 * dropout, 1, 2 and 3 threads give the same outcome (prediction, correctness, loss bits) and the same
 * engine state every 100 samples (what a checkpoint holds), in the float and the integer form, with
 * stochastic rounding, early exit and a binarized layer, and on a deeper network whose hidden desires
 * are split too. An {@link AdaptiveDesireEngine} that switches between its team and one thread every
 * few samples gives the same bits as well.
 */
@Tag("unit")
class DesireTeamSizeTest {
  static final int SAMPLES = 300;
  /** Three split layers (76,800, 90,000 and 72,000 synapses) and a small output layer. */
  static final int[] DEEP = {256, 300, 300, 240, 4};

  static DesireConfig config(String variant) {
    DesireParams p = DesireParams.fashionMnist().withLearningRate(2e-3, 0.04);
    int[] sizes = variant.equals("deep") ? DEEP : DesireDeterminismTest.SIZES;
    DesireIntParams ip = DesireIntParams.defaults(sizes, 6);
    return switch (variant) {
      case "float", "deep" -> DesireConfig.floatForm(sizes, p, 5);
      case "int" -> DesireConfig.intForm(sizes, p, ip, 5);
      case "int-rounding" -> DesireConfig.intForm(sizes, p, ip.withRoundingBits(12), 5);
      case "float-early-exit" -> DesireConfig.floatForm(sizes, p, 5).withEarlyExit(3);
      case "float-binarized" -> DesireConfig.floatForm(sizes, p, 5).withBinarized(1);
      default -> throw new IllegalArgumentException(variant);
    };
  }

  /** Outcomes of every sample, then the state after every 100 samples. */
  static List<Object> run(DesireConfig cfg, int threads, SpikeRaster[] x, Dataset data) {
    List<Object> trace = new ArrayList<>();
    try (DesireEngine e = (DesireEngine) cfg.engine(threads)) {
      assertEquals(threads, e.workers);
      for (int i = 0; i < SAMPLES; i++) {
        SampleOutcome o = e.train(x[i % x.length], data.label(i % x.length), i / x.length, i);
        trace.add(o.prediction() + " " + o.correct() + " " + Double.doubleToRawLongBits(o.loss()));
        if ((i + 1) % 100 == 0) {
          trace.add(Arrays.toString(e.state()));
        }
      }
    }
    return trace;
  }

  @ParameterizedTest
  @ValueSource(strings = {"float", "int", "int-rounding", "float-early-exit", "float-binarized", "deep"})
  void everyTeamSizeGivesTheSameOutcomesAndStates(String variant) {
    DesireConfig cfg = config(variant);
    int pixels = cfg.sizes()[0];
    Dataset data = SyntheticData.make("syn", 150, pixels, cfg.sizes()[cfg.sizes().length - 1], 3);
    SpikeRaster[] x = new SpikeRaster[data.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = data.encode(i, new RateEncoder(), cfg.params().timesteps());
    }
    try (DesireEngine two = (DesireEngine) cfg.engine(2)) {
      assertTrue(two.parallel[0] && two.parallel[1], "the first two layers must be split");
    }
    List<Object> one = run(cfg, 1, x, data);
    assertFalse(one.get(100).equals(one.get(302)), "training must change the state");
    assertEquals(one, run(cfg, 2, x, data), "2 threads");
    assertEquals(one, run(cfg, 3, x, data), "3 threads");
  }

  @ParameterizedTest
  @ValueSource(strings = {"float", "int-rounding", "float-binarized"})
  void switchingBetweenTeamAndOneThreadGivesTheSameBits(String variant) {
    DesireConfig cfg = config(variant);
    Dataset data = SyntheticData.make("syn", 150, cfg.sizes()[0], cfg.sizes()[cfg.sizes().length - 1], 3);
    SpikeRaster[] x = new SpikeRaster[data.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = data.encode(i, new RateEncoder(), cfg.params().timesteps());
    }
    List<Object> one = run(cfg, 1, x, data);
    List<Object> adaptive = new ArrayList<>();
    int onTeam = 0;
    try (AdaptiveDesireEngine e = new AdaptiveDesireEngine((DesireEngine) cfg.engine(2), 3, 4, 11)) {
      for (int i = 0; i < SAMPLES; i++) {
        onTeam += e.onTeam() ? 1 : 0;
        SampleOutcome o = e.train(x[i % x.length], data.label(i % x.length), i / x.length, i);
        adaptive.add(o.prediction() + " " + o.correct() + " " + Double.doubleToRawLongBits(o.loss()));
        if ((i + 1) % 100 == 0) {
          adaptive.add(Arrays.toString(e.state()));
        }
      }
    }
    assertTrue(onTeam >= 3 + 4 * (SAMPLES / 11) && onTeam <= SAMPLES - 4 * (SAMPLES / 11), "switched: " + onTeam);
    assertEquals(one, adaptive);
  }

  @ParameterizedTest
  @ValueSource(ints = {1000, 100, 300, 17})
  void splitsCoverTheLayerInEqualShares(int n) {
    for (int workers = 1; workers <= 4; workers++) {
      int[] b = DesireEngine.split(n, workers);
      assertEquals(0, b[0]);
      assertEquals(n, b[workers]);
      for (int k = 1; k < workers; k++) {
        assertTrue(b[k] >= b[k - 1], Arrays.toString(b));
        assertTrue(Math.abs(b[k] - (double) n * k / workers) <= 0.5, Arrays.toString(b));
      }
    }
    assertArrayEquals(new int[] {0, 500, 1000}, DesireEngine.split(1000, 2));
    assertArrayEquals(new int[] {0, 50, 100}, DesireEngine.split(100, 2));
    assertArrayEquals(new int[] {0, 333, 667, 1000}, DesireEngine.split(1000, 3));
  }
}
