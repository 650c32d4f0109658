package dev.spikeforge.golden.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.RateEncoder;
import dev.spikeforge.golden.learning.DesireBackpropInt;
import dev.spikeforge.golden.learning.DesireIntParams;
import dev.spikeforge.golden.learning.DesireParams;
import dev.spikeforge.golden.learning.StochasticRounding;
import dev.spikeforge.golden.numerics.Lfsr;
import dev.spikeforge.golden.sim.SpikeRaster;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The integer desire rule with stochastically rounded shadow updates (docs/learning.md §3.6, §4.2):
 * a hand example, the draw order against an independent transcription of the specification, thread
 * count and resume independence, and the option's run record.
 */
@Tag("unit")
class DesireStochasticRoundingTest {
  /*
   * The 2-2-2 sample of DesireHandExampleTest (same forward pass, counts and desires), integer form
   * q = 4, B = 8, E = 8, F = 4, with η = 2^−10: s = 10, R = s + F − q − E = 10 + 4 − 4 − 8 = 2, and
   * K = 3 random bits per update. Trace sums U (hand example): fc1 h0←in0 125, h0←in1 53;
   * fc2 o0←h0 81, o1←h0 37.
   *
   * Draws (seed 1, epoch 0, position 0): fc1 stream 2^56: 3, 7, … → rows in0, in1 (both spiked),
   * list {h0}: r = 3 for (in0, h0), 7 for (in1, h0). fc2 stream 2·2^56: 6, 4, … → row h0 (spiked;
   * h1 never did: no row), list {o0, o1}: r = 6 for (h0, o0), 4 for (h0, o1).
   * fc1 (d_h0 = −1): 4096 − floor(125/4 + 3/8) = 4096 − 31 = 4065; 2048 − floor(53/4 + 7/8) = 2048 − 14 = 2034.
   * fc2: o0 (−1): 4096 − floor(81/4 + 6/8) = 4096 − 21 = 4075; o1 (+1): 2048 + floor(37/4 + 4/8) = 2048 + 9 = 2057.
   * Forward weights shr_8^HALF_UP: 4065 → 16, 2034 → 8, 4075 → 16, 2057 → 8. The floor rule would give
   * 4065, 2035, 4076, 2057 (a different bit in two of the four weights).
   */
  @Test
  void handExample() {
    DesireParams params = new DesireParams(4, 2, 0, 0.05, 0.30, 0, 0, Math.scalb(1.0, -10), 0, 1);
    DesireIntParams ip = new DesireIntParams(8, 8, 16, 4, new int[] {4, 4}, 3);
    try (DesireIntEngine e = new DesireIntEngine(DesireConfig.intForm(DesireHandExampleTest.SIZES, params, ip, 1), 1)) {
      e.setWeights(DesireHandExampleTest.W);
      assertEquals(2, e.updateShift(0, 0));
      e.train(DesireHandExampleTest.X, 1, 0, 0);
      assertArrayEquals(new int[] {-1, 1}, e.desire[1]);
      assertArrayEquals(new int[] {-1, 1}, e.desire[0]);
      assertEquals(4065, e.shadow(0, 0, 0));
      assertEquals(2034, e.shadow(0, 0, 1));
      assertEquals(4 * 256, e.shadow(0, 1, 0));
      assertEquals(-8 * 256, e.shadow(0, 1, 1));
      assertEquals(4075, e.shadow(1, 0, 0));
      assertEquals(2057, e.shadow(1, 1, 0));
      assertEquals(0, e.shadow(1, 0, 1));
      assertEquals(24 * 256, e.shadow(1, 1, 1));
      assertArrayEquals(new int[] {16, 8}, e.intNetwork().layers().get(0).weights()[0]);
      assertArrayEquals(new int[] {16, 0}, e.intNetwork().layers().get(1).weights()[0]);
      assertArrayEquals(new int[] {8, 24}, e.intNetwork().layers().get(1).weights()[1]);
    }
  }

  /** With R ≤ 0 (a left shift) nothing rounds: the hand example of DesireHandExampleTest (R = −7) is unchanged. */
  @Test
  void leftShiftIgnoresTheRandomBits() {
    DesireIntParams ip = new DesireIntParams(8, 8, 16, 4, new int[] {4, 4}, 16);
    try (DesireIntEngine e = new DesireIntEngine(
        DesireConfig.intForm(DesireHandExampleTest.SIZES, DesireHandExampleTest.PARAMS, ip, 1), 1)) {
      e.setWeights(DesireHandExampleTest.W);
      e.train(DesireHandExampleTest.X, 1, 0, 0);
      assertEquals(-6272, e.shadow(1, 0, 0));
      assertEquals(6784, e.shadow(1, 1, 0));
      assertEquals(-11904, e.shadow(0, 0, 0));
      assertEquals(-4736, e.shadow(0, 0, 1));
    }
  }

  /**
   * The engine's draws follow the specification, checked against an independent transcription: per
   * layer its own stream, rows (inputs that spiked as the layer saw them) ascending, within a row the
   * neurons with a desire that fired ascending, one nextBits(K) each, and {@code Δ = floor(U/2^R + r/2^K)}.
   * The exact trace sums U come from a twin engine with R = 0 and no rounding (E larger by R): both
   * start from the same forward weights, so both run the same sample. Random networks and inputs,
   * dropout on, two hidden layers, layer delay 1, 2 threads (first layer split, grouped input).
   */
  @ParameterizedTest
  @CsvSource({"1, 3, 3", "5, 8, 4", "9, 16, 5", "4, 2, 6"})
  void drawOrderMatchesTheSpecification(int shiftR, int k, long seed) {
    int[] sizes = {300, 240, 20, 5};
    DesireParams params = DesireParams.fashionMnist().withLearningRate(Math.scalb(1.0, -12), 0);
    int eExact = 12; // s + F − q = 12 + 4 − 4: R = 0
    DesireIntParams exact = new DesireIntParams(8, eExact, 16, 4, new int[] {4, 4, 4});
    DesireIntParams rounded = new DesireIntParams(8, eExact - shiftR, 16, 4, new int[] {4, 4, 4}, k);
    SplittableRandom rnd = new SplittableRandom(seed);
    Dataset data = SyntheticData.make("syn", 6, 300, 5, seed);
    int draws = 0;
    try (DesireIntEngine a = new DesireIntEngine(DesireConfig.intForm(sizes, params, exact, seed), 2);
        DesireIntEngine b = new DesireIntEngine(DesireConfig.intForm(sizes, params, rounded, seed), 2)) {
      assertTrue(b.parallel[0]);
      for (int n = 0; n < data.size(); n++) {
        double[][][] w = new double[3][][];
        for (int l = 0; l < 3; l++) {
          w[l] = new double[sizes[l + 1]][sizes[l]];
          for (double[] row : w[l]) {
            for (int i = 0; i < row.length; i++) {
              row[i] = (rnd.nextInt(41) - (l == 0 ? 14 : 16)) / 16.0;
            }
          }
        }
        a.setWeights(w);
        b.setWeights(w);
        int[][] before = shadows(b, sizes);
        int[][] beforeA = shadows(a, sizes);
        SpikeRaster x = data.encode(n, new RateEncoder(), params.timesteps());
        int epoch = 1 + n % 2;
        long position = 1000 + n;
        a.train(x, data.label(n), epoch, position);
        b.train(x, data.label(n), epoch, position);
        assertEquals(shiftR, b.updateShift(0, epoch));
        int[][] afterA = shadows(a, sizes);
        int[][] after = shadows(b, sizes);
        for (int l = 0; l < 3; l++) {
          int in = sizes[l];
          int out = sizes[l + 1];
          int[][] expected = {before[l].clone()};
          Lfsr g = Lfsr.seeded(seed, ((long) (l + 1) << 56) + ((long) epoch << 32) + position);
          List<Integer> list = new java.util.ArrayList<>();
          for (int j = 0; j < out; j++) {
            if (b.desire[l][j] != 0 && b.hist.count[l][j] > 0) {
              list.add(j);
            }
          }
          for (int i = 0; i < in && !list.isEmpty(); i++) {
            long spikes = l == 0 ? b.input.bits[i] : (b.hist.bits[l - 1][i] << 1) & b.stepMask;
            if (spikes == 0) {
              continue;
            }
            for (int j : list) {
              long r = g.nextBits(k);
              long du = afterA[l][i * out + j] - beforeA[l][i * out + j]; // d·U exactly (R = 0, no saturation here)
              long u = Math.abs(du);
              long delta = Math.floorDiv((u << k) + (r << shiftR), 1L << (shiftR + k));
              long v = before[l][i * out + j] + (b.desire[l][j] > 0 ? delta : -delta);
              long max = (1L << (rounded.shadowWidth() - 1)) - 1;
              expected[0][i * out + j] = (int) Math.max(-max - 1, Math.min(max, v));
              draws++;
            }
          }
          assertArrayEquals(expected[0], after[l], "layer " + l + ", sample " + n);
        }
      }
    }
    assertTrue(draws > 500, "the test must exercise many draws: " + draws);
  }

  static int[][] shadows(DesireIntEngine e, int[] sizes) {
    int[][] s = new int[sizes.length - 1][];
    for (int l = 0; l < s.length; l++) {
      int out = sizes[l + 1];
      s[l] = new int[sizes[l] * out];
      for (int i = 0; i < sizes[l]; i++) {
        for (int j = 0; j < out; j++) {
          s[l][i * out + j] = e.shadow(l, j, i);
        }
      }
    }
    return s;
  }

  static DesireConfig config(int[] sizes, long seed, int e, int k) {
    DesireParams p = DesireParams.fashionMnist().withLearningRate(2e-3, 0.04);
    return DesireConfig.intForm(sizes, p, DesireIntParams.defaults(sizes, 4).withShadowBits(e).withRoundingBits(k), seed);
  }

  /** 1 and 2 threads give the same bits with stochastic rounding (split layers, dropout); so does a rerun. */
  @Test
  void threadsDoNotChangeTheBits() throws Exception {
    Dataset data = SyntheticData.make("syn", 120, 256, 4, 7);
    DesireConfig cfg = config(DesireDeterminismTest.SIZES, 11, 2, 16);
    assertEquals(List.of(true, true, false), Arrays.asList(DesireDeterminismTest.parallel(cfg)));
    byte[] one = DesireDeterminismTest.train(cfg, 1, data);
    assertArrayEquals(one, DesireDeterminismTest.train(cfg, 2, data));
    assertArrayEquals(one, DesireDeterminismTest.train(cfg, 2, data));
    assertFalse(Arrays.equals(one, DesireDeterminismTest.train(config(DesireDeterminismTest.SIZES, 11, 2, 0), 1, data)),
        "stochastic rounding must change the bits");
  }

  /** A run stopped mid-epoch and resumed ends bit-identical; a checkpoint of another K is refused. */
  @Test
  void resumeEqualsUninterrupted(@TempDir Path dir) throws Exception {
    DesireConfig cfg = config(CheckpointResumeTest.SIZES, 9, 1, 12);
    byte[] full;
    TrainResult a;
    try (TrainingEngine e = cfg.engine(1)) {
      a = Trainer.run(e, CheckpointResumeTest.TRAIN, CheckpointResumeTest.TEST, new RateEncoder(),
          CheckpointResumeTest.options(dir.resolve("a.ck"), 3), TrainListener.NONE);
      full = e.state();
    }
    Path ck = dir.resolve("b.ck");
    try (TrainingEngine e = cfg.engine(2)) {
      Trainer.run(e, CheckpointResumeTest.TRAIN, CheckpointResumeTest.TEST, new RateEncoder(),
          CheckpointResumeTest.options(ck, 3).withStopAfter(137), TrainListener.NONE);
    }
    try (TrainingEngine e = cfg.engine(2)) {
      TrainResult b = Trainer.run(e, CheckpointResumeTest.TRAIN, CheckpointResumeTest.TEST, new RateEncoder(),
          CheckpointResumeTest.options(ck, 3).withResume(true), TrainListener.NONE);
      assertEquals(a.epochs(), b.epochs());
      assertArrayEquals(full, e.state());
    }
    try (TrainingEngine e = config(CheckpointResumeTest.SIZES, 9, 1, 8).engine(1)) {
      CheckpointException ex = assertThrows(CheckpointException.class, () -> Trainer.run(e,
          CheckpointResumeTest.TRAIN, CheckpointResumeTest.TEST, new RateEncoder(),
          CheckpointResumeTest.options(ck, 4).withResume(true), TrainListener.NONE));
      assertTrue(ex.getMessage().contains("roundingBits"), ex.getMessage());
    }
  }

  /** The run record names K only when it is on: fingerprints (and checkpoints) of runs without it are unchanged. */
  @Test
  void fingerprintHoldsKOnlyWhenOn() {
    Map<?, ?> off = (Map<?, ?>) config(CheckpointResumeTest.SIZES, 9, 2, 0).describe().get("int");
    Map<?, ?> on = (Map<?, ?>) config(CheckpointResumeTest.SIZES, 9, 2, 16).describe().get("int");
    assertEquals(List.of("weightBits", "shadowBits", "membraneBits", "traceFracBits", "thresholdShifts"),
        List.copyOf(off.keySet()));
    assertEquals(16, on.get("roundingBits"));
  }

  /**
   * Per-layer shadow widths: after one sample from the same grid weights (so the same forward pass),
   * each layer of an (E_0, E_1) = (8, 12) run equals that layer of a run with E = 8, resp. E = 12, for
   * every layer; with stochastic rounding (R = 2 and −2) and without. A uniform list is the plain E.
   */
  @ParameterizedTest
  @CsvSource({"0", "3"})
  void perLayerShadowBitsActLayerByLayer(int k) {
    DesireParams params = new DesireParams(4, 2, 0, 0.05, 0.30, 0, 0, Math.scalb(1.0, -10), 0, 1);
    DesireIntParams base = new DesireIntParams(8, 8, 16, 4, new int[] {4, 4}, k);
    assertEquals(base.withShadowBits(12), base.withLayerShadowBits(12, 12));
    DesireIntParams mixed = base.withLayerShadowBits(8, 12);
    assertEquals(20, mixed.shadowWidth(1));
    int[][][] got = new int[3][][];
    DesireIntParams[] ps = {mixed, base, base.withShadowBits(12)};
    for (int n = 0; n < 3; n++) {
      try (DesireIntEngine e = new DesireIntEngine(DesireConfig.intForm(DesireHandExampleTest.SIZES, params, ps[n], 1), 1)) {
        e.setWeights(DesireHandExampleTest.W);
        e.train(DesireHandExampleTest.X, 1, 0, 0);
        got[n] = shadows(e, DesireHandExampleTest.SIZES);
        if (n == 0) {
          assertEquals(2, e.updateShift(0, 0));
          assertEquals(-2, e.updateShift(1, 0));
        }
      }
    }
    assertArrayEquals(got[1][0], got[0][0]);
    assertArrayEquals(got[2][1], got[0][1]);
    assertFalse(Arrays.equals(got[1][1], got[0][1]));
  }

  /** The update magnitude never leaves {floor(U/2^R), floor(U/2^R) + 1}. */
  @Test
  void roundedUpdateIsFloorOrNext() {
    SplittableRandom r = new SplittableRandom(3);
    for (int n = 0; n < 10000; n++) {
      long u = r.nextLong(1 << 14);
      int shift = r.nextInt(20);
      int k = 1 + r.nextInt(32);
      long d = DesireBackpropInt.shiftUpdateStochastic(u, shift, r.nextLong(1L << k), k);
      assertTrue(d == u >> shift || d == (u >> shift) + 1);
    }
    assertEquals(StochasticRounding.stream(0, 0, 0), 1L << 56);
  }
}
