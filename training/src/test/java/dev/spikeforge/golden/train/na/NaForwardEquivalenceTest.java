package dev.spikeforge.golden.train.na;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.sim.FloatSimulator;
import dev.spikeforge.golden.sim.SimResult;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.train.RandomRasters;
import dev.spikeforge.golden.train.SampleOutcome;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * NA's forward pass is the golden model's float model: on random weights and random input rasters,
 * every layer's spike train equals {@code FloatSimulator}'s on the network NA exports, and so do the
 * prediction and its correctness; on one and on two workers.
 */
@Tag("unit")
class NaForwardEquivalenceTest {
  @ParameterizedTest
  @CsvSource({"'5,7,3', 1", "'6,9,5,4', 2", "'4,3', 1"})
  void forwardPassIsTheFloatSimulators(String arch, int threads) {
    int[] sizes = Arrays.stream(arch.split(",")).mapToInt(Integer::parseInt).toArray();
    NaConfig cfg = NaConfig.defaults(sizes, 3).withTimesteps(12);
    SplittableRandom rnd = new SplittableRandom(sizes.length * 17L + threads);
    double[][][] w = new double[sizes.length - 1][][];
    for (int l = 0; l < w.length; l++) {
      w[l] = new double[sizes[l + 1]][sizes[l]];
      for (double[] row : w[l]) {
        for (int i = 0; i < row.length; i++) {
          row[i] = rnd.nextDouble(-0.3, 0.8);
        }
      }
    }
    NaNetwork net = new NaNetwork(cfg, w, threads);
    FloatSimulator sim = new FloatSimulator(NaEngine.floatNetwork(cfg, w));
    int outputSpikes = 0;
    try (Workers workers = new Workers(threads)) {
      for (int s = 0; s < 40; s++) {
        SpikeRaster x = RandomRasters.dense(rnd, cfg.timesteps(), sizes[0]);
        int label = rnd.nextInt(sizes[sizes.length - 1]);
        SpikeRaster[] expected = sim.runRasters(x);
        SimResult r = sim.run(x);
        double[][][] grad = NaGradientCheckTest.zeros(sizes);
        SampleOutcome got = net.train(x, label, grad, workers);
        boolean[][][] spikes = net.spikes();
        for (int l = 0; l < w.length; l++) {
          for (int t = 0; t < cfg.timesteps(); t++) {
            for (int j = 0; j < sizes[l + 1]; j++) {
              assertEquals(expected[l].spiked(t, j), spikes[l][j][t], "sample " + s + " layer " + l + " step " + t);
            }
          }
        }
        outputSpikes += (int) expected[w.length - 1].spikeCount();
        assertEquals(r.prediction(), got.prediction(), "sample " + s);
        assertEquals(r.correct(label), got.correct(), "sample " + s);
      }
    }
    assertTrue(outputSpikes > 40, "the networks must be active: " + outputSpikes + " output spikes");
  }
}
