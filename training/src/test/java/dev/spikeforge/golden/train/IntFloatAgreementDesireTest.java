package dev.spikeforge.golden.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.RateEncoder;
import dev.spikeforge.golden.learning.DesireIntParams;
import dev.spikeforge.golden.learning.DesireParams;
import dev.spikeforge.golden.sim.SpikeRaster;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Integer form against float form. (1) Where nothing rounds, they are the same rule: weights on a
 * 1/16 grid, θ = 2^12, T = 5 (four leaks of a multiple of 4^4 stay exact), T_eff = 4, traces with 12
 * fraction bits, η = 2^−4 and E = 15 (the update is a left shift): after a sample every shadow weight
 * is exactly 2^27 times the float weight, and counts and desires agree, with and without early exit
 * (K = 1..4: the output errors in units of 1/K). (2) At hardware widths they learn alike: after
 * training on the same data the test accuracies are within a bound, with and without early exit.
 */
@Tag("unit")
@net.jqwik.api.Tag("unit")
class IntFloatAgreementDesireTest {
  @Property(tries = 60)
  void exactWhereNothingRounds(@ForAll @IntRange(min = 3, max = 8) int in, @ForAll @IntRange(min = 2, max = 8) int hidden,
      @ForAll @IntRange(min = 2, max = 4) int out, @ForAll boolean deep, @ForAll @IntRange(min = 0, max = 4) int earlyExit,
      @ForAll long seed) {
    int[] sizes = deep ? new int[] {in, hidden, hidden, out} : new int[] {in, hidden, out};
    DesireParams p = new DesireParams(5, 2, 1, 0.05, 0.30, 0, 0, 0.0625, 0, 1);
    int[] q = new int[sizes.length - 1];
    java.util.Arrays.fill(q, 12);
    DesireIntParams ip = new DesireIntParams(16, 15, 32, 12, q);
    SplittableRandom r = new SplittableRandom(seed);
    double[][][] w = new double[sizes.length - 1][][];
    for (int l = 0; l < w.length; l++) {
      w[l] = new double[sizes[l + 1]][sizes[l]];
      for (double[] row : w[l]) {
        for (int i = 0; i < row.length; i++) {
          row[i] = (r.nextInt(127) - 50) / 16.0; // −50/16 .. 76/16, biased to excite
        }
      }
    }
    int[][] ev = new int[5][];
    for (int t = 0; t < 5; t++) {
      ev[t] = r.ints(0, in).limit(r.nextInt(in + 1)).distinct().toArray();
    }
    SpikeRaster x = SpikeRaster.of(in, ev);
    int label = r.nextInt(out);
    try (DesireFloatEngine f = new DesireFloatEngine(DesireConfig.floatForm(sizes, p, 1).withEarlyExit(earlyExit), 1);
        DesireIntEngine i = new DesireIntEngine(DesireConfig.intForm(sizes, p, ip, 1).withEarlyExit(earlyExit), 1)) {
      f.setWeights(w);
      i.setWeights(w);
      SampleOutcome a = f.train(x, label, 0, 0);
      SampleOutcome b = i.train(x, label, 0, 0);
      assertEquals(a, b);
      assertEquals(f.credited, i.credited);
      boolean changed = false;
      for (int l = 0; l < w.length; l++) {
        assertArrayEquals(f.hist.count[l], i.hist.count[l], "counts of layer " + l);
        assertArrayEquals(f.desire[l], i.desire[l], "desires of layer " + l);
        double[][] fw = f.floatNetwork().layers().get(l).weights();
        for (int j = 0; j < sizes[l + 1]; j++) {
          for (int k = 0; k < sizes[l]; k++) {
            assertEquals(fw[j][k], Math.scalb((double) i.shadow(l, j, k), -27), "layer " + l + " w[" + j + "][" + k + "]");
            changed |= fw[j][k] != w[l][j][k];
          }
        }
      }
      Statistics.label("weights changed").collect(changed);
      Statistics.label("weights changed").coverage(c -> c.check(true).percentage(pct -> pct > 30));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 3})
  void accuraciesAgreeAtHardwareWidths(int earlyExit) throws Exception {
    Dataset train = SyntheticData.make("syn-train", 600, 48, 4, 21);
    Dataset test = SyntheticData.make("syn-test", 300, 48, 4, 22);
    int[] sizes = {48, 40, 4};
    DesireParams p = DesireParams.mnist().withLearningRate(5e-4, 0.04);
    double[] acc = new double[2];
    for (int k = 0; k < 2; k++) {
      DesireConfig cfg = (k == 0 ? DesireConfig.floatForm(sizes, p, 3)
          : DesireConfig.intForm(sizes, p, DesireIntParams.defaults(sizes, 8), 3)).withEarlyExit(earlyExit);
      try (TrainingEngine e = cfg.engine(1)) {
        TrainResult r = Trainer.run(e, train, test, new RateEncoder(), TrainOptions.of(3, 3).withEvalThreads(2),
            TrainListener.NONE);
        acc[k] = r.epochs().get(2).testAccuracy();
      }
    }
    assertTrue(acc[0] > 0.8, "float form learns the task: " + acc[0]);
    assertEquals(acc[0], acc[1], 0.05, "8-bit integer form within 5 points of the float form");
  }
}
