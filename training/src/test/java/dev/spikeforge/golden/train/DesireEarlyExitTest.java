package dev.spikeforge.golden.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.RateEncoder;
import dev.spikeforge.golden.learning.DesireIntParams;
import dev.spikeforge.golden.learning.DesireParams;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.spec.SpecException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Early exit in desire-backpropagation training (docs/learning.md §12): the sample is decided at the
 * first step d at which an output reaches K spikes; error, desires and updates use steps 0..d only.
 */
@Tag("unit")
@net.jqwik.api.Tag("unit")
class DesireEarlyExitTest {
  static final int[] SIZES = DesireHandExampleTest.SIZES;
  static final double[][][] W = DesireHandExampleTest.W;
  static final SpikeRaster X = DesireHandExampleTest.X;

  /*
   * The 2-2-2 sample of DesireHandExampleTest (T = 4, T_eff = 4, η = 0.5, label 1) with K = 2.
   * Forward pass as there: h0 spikes at 0,1,2,3; h1 never; o0 at 1,2,3; o1 at 3.
   * Decision: o0 reaches 2 spikes at step 2 (o1 has none): d = 2, prediction o0, unique, wrong.
   * Counts up to d: h0 3, h1 0, o0 2, o1 0.
   * Output error against K: o1 (label) 1 − 0/2 = 1 > .3 → +1, ε = 1; o0 2/2 = 1 > .3 → −1, ε = 1.
   * Loss (|0 − 2/2| + |1 − 0/2|) / 2 = 1.
   * Hidden sums: h0 = 1·(−1) + .5·(+1) = −.5 → −1 (ε = |0 − 3/4| = .75, T_eff as before);
   * h1 = 0·(−1) + 1.5·(+1) = 1.5 → +1 (no spike up to d: no update).
   * Updates, spikes of steps ≤ 2 only. o0 (−1) spikes at 1, 2; h0 as o's input (delay 1): 1 at
   * step 1, 1.75 at step 2: U = 2.75, W2[0][0] = 1 − .5·2.75 = −.375. o1 has no spike up to d: no
   * update (the full sample would add its step-3 spike). h0 (−1) spikes at 0, 1, 2: in0 trace 1,
   * 1.75, 2.3125, U = 5.0625, W1[0][0] = 1 − 2.53125 = −1.53125; in1 trace 0, 1, .75, U = 1.75,
   * W1[0][1] = .5 − .875 = −.375.
   */
  @Test
  void floatHandExample() {
    try (DesireFloatEngine e = new DesireFloatEngine(DesireConfig.floatForm(SIZES, DesireHandExampleTest.PARAMS, 1)
        .withEarlyExit(2), 1)) {
      e.setWeights(W);
      SampleOutcome r = e.train(X, 1, 0, 0);
      assertEquals(new SampleOutcome(0, false, 1.0), r);
      assertEquals(3, e.credited);
      assertArrayEquals(new int[] {3, 0}, e.hist.count[0]);
      assertArrayEquals(new int[] {2, 0}, e.hist.count[1]);
      assertArrayEquals(new int[] {-1, 1}, e.desire[1]);
      assertArrayEquals(new int[] {-1, 1}, e.desire[0]);
      double[][] w1 = e.floatNetwork().layers().get(0).weights();
      double[][] w2 = e.floatNetwork().layers().get(1).weights();
      assertArrayEquals(new double[] {-1.53125, -0.375}, w1[0]);
      assertArrayEquals(new double[] {0.25, -0.5}, w1[1]);
      assertArrayEquals(new double[] {-0.375, 0.0}, w2[0]);
      assertArrayEquals(new double[] {0.5, 1.5}, w2[1]);
    }
  }

  /*
   * Integer form, widths of DesireHandExampleTest (θ = 16, E = 8, F = 4, R = −7: Δ = U·128), K = 2.
   * Same spikes and decision (d = 2). D_out = floor(.3·2) = 0: o1 2 − 0 = 2 > 0 → +1, ε' = 2;
   * o0 2 > 0 → −1, ε' = 2. The output weights' desire threshold uses K: D = ceil(.05·2·16) = 2.
   * A_h0 = 16·(−2) + 8·2 = −16 → −1; A_h1 = 24·2 = 48 → +1.
   * Traces (+16 per spike): h0 delayed 16 (step 1), 28 (step 2): U = 44, shadow W2[0][0] = 4096 −
   * 44·128 = −1536 (−6 = −.375·16). in0 16, 28, 37: U = 81, W1[0][0] = 4096 − 10368 = −6272
   * (forward round_half_up(−24.5) = −24); in1 0, 16, 12: U = 28, W1[0][1] = 2048 − 3584 = −1536 (−6).
   */
  @Test
  void integerHandExample() {
    DesireIntParams ip = new DesireIntParams(8, 8, 16, 4, new int[] {4, 4});
    try (DesireIntEngine e = new DesireIntEngine(DesireConfig.intForm(SIZES, DesireHandExampleTest.PARAMS, ip, 1)
        .withEarlyExit(2), 1)) {
      e.setWeights(W);
      SampleOutcome r = e.train(X, 1, 0, 0);
      assertEquals(new SampleOutcome(0, false, 1.0), r);
      assertEquals(3, e.credited);
      assertArrayEquals(new int[] {3, 0}, e.hist.count[0]);
      assertArrayEquals(new int[] {2, 0}, e.hist.count[1]);
      assertArrayEquals(new int[] {-1, 1}, e.desire[1]);
      assertArrayEquals(new int[] {-1, 1}, e.desire[0]);
      assertEquals(-1536, e.shadow(1, 0, 0));
      assertEquals(8 * 256, e.shadow(1, 1, 0));
      assertEquals(0, e.shadow(1, 0, 1));
      assertEquals(24 * 256, e.shadow(1, 1, 1));
      assertEquals(-6272, e.shadow(0, 0, 0));
      assertEquals(-1536, e.shadow(0, 0, 1));
      assertEquals(4 * 256, e.shadow(0, 1, 0));
      assertEquals(-8 * 256, e.shadow(0, 1, 1));
      int[][] w1 = e.intNetwork().layers().get(0).weights();
      int[][] w2 = e.intNetwork().layers().get(1).weights();
      assertArrayEquals(new int[] {-24, -6}, w1[0]);
      assertArrayEquals(new int[] {-6, 0}, w2[0]);
      assertArrayEquals(new int[] {8, 24}, w2[1]);
    }
  }

  /*
   * The label wins: label 0, K = 2. o0 reaches 2 at step 2 alone: correct. Label error 1 − 2/2 = 0,
   * o1 0/2 = 0: no desire anywhere, no weight changes (float and integer alike).
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aDecisionForTheLabelChangesNothing(boolean integer) {
    DesireIntParams ip = new DesireIntParams(8, 8, 16, 4, new int[] {4, 4});
    DesireConfig cfg = (integer ? DesireConfig.intForm(SIZES, DesireHandExampleTest.PARAMS, ip, 1)
        : DesireConfig.floatForm(SIZES, DesireHandExampleTest.PARAMS, 1)).withEarlyExit(2);
    try (DesireEngine e = (DesireEngine) cfg.engine(1)) {
      e.setWeights(W);
      byte[] before = e.state();
      assertEquals(new SampleOutcome(0, true, 0.0), e.train(X, 0, 0, 0));
      assertArrayEquals(new int[] {0, 0}, e.desire[1]);
      assertArrayEquals(before, e.state());
    }
  }

  /**
   * Off is the code before early exit, bit for bit: hashes of the trained state of {@link
   * DesireDeterminismTest}'s run (dropout on, split layers, 2 threads, 2 epochs), recorded with the
   * golden model of commit 8d10696 (before this feature).
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void offReproducesTheTrainerBeforeEarlyExit(boolean integer) throws Exception {
    Dataset data = SyntheticData.make("syn", 120, 256, 4, 7);
    DesireConfig cfg = DesireDeterminismTest.config(integer, 11);
    assertEquals(0, cfg.earlyExit());
    try (TrainingEngine e = cfg.engine(2)) {
      Trainer.run(e, data, data.slice(0, 20), new RateEncoder(), TrainOptions.of(2, 11).withEvalThreads(2),
          TrainListener.NONE);
      String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(e.state()));
      assertEquals(integer ? "ea1a84cbc39540aab28b76a04f126d436930f622eb4fdaf3a74df7ee5f4c4682"
          : "67f1772ccbb265903ad7ed2b5c60caa64431461a04a5486965330d86f50920ea", hash);
    }
  }

  /**
   * With one layer (no hidden errors), early exit at K is the existing trainer on the sample cut
   * after the decision step: T' = d + 1 steps and T_eff' = K (error margin T' − K). Same outcome, same
   * weights, float and integer form, with input dropout.
   */
  @Property(tries = 80)
  void oneLayerEqualsTheCutSampleWithoutEarlyExit(@ForAll @IntRange(min = 2, max = 12) int in,
      @ForAll @IntRange(min = 2, max = 5) int out, @ForAll @IntRange(min = 1, max = 4) int k, @ForAll boolean integer,
      @ForAll long seed) {
    int steps = 10;
    int[] sizes = {in, out};
    DesireParams p = new DesireParams(steps, 2, 2, 0.05, 0.30, 0.2, 0, 0.01, 0, 1);
    SplittableRandom r = new SplittableRandom(seed);
    double[][][] w = new double[1][out][in];
    for (double[] row : w[0]) {
      for (int i = 0; i < in; i++) {
        row[i] = (r.nextInt(100) - 30) / 64.0;
      }
    }
    int[][] ev = new int[steps][];
    for (int t = 0; t < steps; t++) {
      ev[t] = r.ints(0, in).limit(r.nextInt(in + 1)).distinct().sorted().toArray();
    }
    int label = r.nextInt(out);
    DesireConfig ee = config(sizes, p, integer).withEarlyExit(k);
    try (DesireEngine a = (DesireEngine) ee.engine(1)) {
      a.setWeights(w);
      byte[] initial = a.state();
      SampleOutcome oa = a.train(SpikeRaster.of(in, ev), label, 0, 3);
      Statistics.label("weights changed").collect(!Arrays.equals(initial, a.state()));
      Statistics.label("weights changed").coverage(c -> c.check(true).percentage(pct -> pct > 30));
      int cut = a.credited;
      assertTrue(cut >= k && cut <= steps);
      Statistics.label("decided early").collect(cut < steps);
      Statistics.label("decided early").coverage(c -> c.check(true).percentage(pct -> pct > 30));
      DesireParams pc = p.withErrorMargin(cut - k).withTimesteps(cut);
      try (DesireEngine b = (DesireEngine) config(sizes, pc, integer).engine(1)) {
        b.setWeights(w);
        SampleOutcome ob = b.train(SpikeRaster.of(in, Arrays.copyOf(ev, cut)), label, 0, 3);
        assertEquals(ob, oa);
        assertArrayEquals(b.desire[0], a.desire[0]);
        assertArrayEquals(b.state(), a.state());
      }
    }
  }

  private static DesireConfig config(int[] sizes, DesireParams p, boolean integer) {
    return integer ? DesireConfig.intForm(sizes, p, new DesireIntParams(8, 10, 16, 6, new int[] {6}), 5)
        : DesireConfig.floatForm(sizes, p, 5);
  }

  /** 1 and 2 threads give the same bits with early exit; early exit changes the result. */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void deterministicOnAnyNumberOfThreads(boolean integer) throws Exception {
    Dataset data = SyntheticData.make("syn", 120, 256, 4, 7);
    DesireConfig cfg = DesireDeterminismTest.config(integer, 11).withEarlyExit(3);
    byte[] one = DesireDeterminismTest.train(cfg, 1, data);
    byte[] two = DesireDeterminismTest.train(cfg, 2, data);
    assertArrayEquals(one, two);
    assertFalse(Arrays.equals(one, DesireDeterminismTest.train(cfg.withEarlyExit(0), 2, data)));
  }

  @Test
  void configuration() {
    DesireConfig c = DesireConfig.floatForm(SIZES, DesireHandExampleTest.PARAMS, 1);
    assertFalse(c.describe().containsKey("earlyExit"), "off leaves the fingerprint of earlier runs unchanged");
    assertEquals(3, c.withEarlyExit(3).describe().get("earlyExit"));
    assertEquals(4, c.errorScale(1));
    assertEquals(3, c.withEarlyExit(3).errorScale(1));
    assertEquals(4, c.withEarlyExit(3).errorScale(0), "hidden layers keep T_eff");
    assertFalse(c.equals(c.withEarlyExit(3)));
    SpecException ex = assertThrows(SpecException.class, () -> c.withEarlyExit(5));
    assertTrue(ex.getMessage().contains("earlyExit"), ex.getMessage());
    assertThrows(SpecException.class, () -> c.withEarlyExit(-1));
  }
}
