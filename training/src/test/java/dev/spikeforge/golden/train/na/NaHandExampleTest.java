package dev.spikeforge.golden.train.na;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.train.SampleOutcome;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One sample of three steps on a 1-1-2 network computed by hand (docs/learning.md Part V §6): every
 * membrane, kicked waveform, loss difference, estimate, weight gradient and the first Adam step.
 *
 * <p>Leak λ = 1/2 (k = 1), one kick either way (K = 1, h = 1/2), β = 1, label 0. The input spikes at
 * every step; W1 = [[0.6]], W2 = [[1.2], [0]].
 */
@Tag("unit")
class NaHandExampleTest {
  static final NaConfig CFG = new NaConfig(new int[] {1, 1, 2}, 3, 1, 1, 0.5, 1.0, 0.01, 0, 1, 1);
  static final SpikeRaster INPUT = SpikeRaster.of(1, new int[][] {{0}, {0}, {0}});

  /** L(c) − L(c') for c = (1, 0) against c' = (0, 0): log 2 − log(1 + e^−1). */
  static final double DL = Math.log(2) - Math.log(1 + Math.exp(-1));

  @Test
  void oneSampleByHand() {
    double[][][] w = {{{0.6}}, {{1.2}, {0.0}}};
    NaNetwork net = new NaNetwork(CFG, w, 1);
    double[][][] grad = {{{0}}, {{0}, {0}}};
    SampleOutcome r = net.train(INPUT, 0, grad, new Workers(1));
    // hidden: v' = 0.6; 0.3 + 0.6 = 0.9; 0.45 + 0.6 = 1.05 (spike)
    assertArrayEquals(new double[] {0.6, 0.9, 1.05}, net.membranes()[0][0], 1e-15);
    // output 0: v' = 0, 0, 1.2 (spike); output 1: 0, 0, 0. Counts (1, 0), label 0 holds the unique maximum
    assertArrayEquals(new double[] {0, 0, 1.2}, net.membranes()[1][0], 0);
    assertEquals(0, r.prediction());
    assertEquals(true, r.correct());
    assertEquals(Math.log(1 + Math.exp(-1)), r.loss(), 1e-15);
    // output 0, t = 0: +1/2 -> 0.5, 0.25, 1.325 (spike as before): no change; -1/2 -> -0.5, -0.25, 1.075: none.
    //   t = 1: +1/2 -> 0.5, then 0.25 + 1.2 spikes: none; -1/2 -> -0.5, then 0.95: the spike is lost, ΔL = DL
    //   t = 2: +1/2 -> 1.7: none; -1/2 -> 0.7: lost, ΔL = DL.  g = ΔL·(−1/2) / (2·1/4) = −DL
    assertArrayEquals(new double[] {0, -DL, -DL}, net.estimates()[1][0], 1e-15);
    // output 1 never comes within 1/2 of the threshold: g = 0
    assertArrayEquals(new double[] {0, 0, 0}, net.estimates()[1][1], 0);
    // hidden: e[τ] = 1.2·g_o0[τ] + 0·g_o1[τ] = (0, −1.2·DL, −1.2·DL)
    //   t = 0: +1/2 -> 1.1 spikes (+1 at 0), then 0.05 + 0.6 = 0.65, 0.325 + 0.6 = 0.925 (−1 at 2): ΔL = 0 − e[2]
    //          -1/2 -> 0.1, 0.65, 0.925 (−1 at 2): ΔL = −e[2].  g = (−e[2]·1/2 − e[2]·(−1/2)) / (1/2) = 0
    //   t = 1: +1/2 -> 1.4 (+1 at 1), 0.2 + 0.6 = 0.8 (−1 at 2): ΔL = e[1] − e[2] = 0; -1/2 -> 0.4, 0.8: ΔL = −e[2]
    //          g = (−e[2])·(−1/2) / (1/2) = e[2] = −1.2·DL
    //   t = 2: +1/2 -> 1.55: none; -1/2 -> 0.55 (−1 at 2): g = e[2]
    double e2 = -1.2 * DL;
    assertArrayEquals(new double[] {0, e2, e2}, net.estimates()[0][0], 1e-15);
    // dL/dW = Σ_t g[t]·s_in[t]: hidden input spikes at 0, 1, 2; the hidden neuron spikes at 2 only
    assertEquals(2 * e2, grad[0][0][0], 1e-15);
    assertEquals(-DL, grad[1][0][0], 1e-15);
    assertEquals(0, grad[1][1][0]);
    // Adam's first step moves every weight with a non-zero gradient by α against its sign
    double[] m = new double[1];
    double[] v = new double[1];
    Adam.step(w[0][0], m, v, grad[0][0], 1, 1, 0.01);
    assertEquals(0.61, w[0][0][0], 1e-9);
    assertEquals(0, grad[0][0][0]);
  }

  @Test
  void theLossDifferenceOfOneCountIsExact() {
    int[] c = {3, 1, 4};
    CountLoss l = new CountLoss(0.5, c, 1);
    double at = Math.log(Math.exp(1.5) + Math.exp(0.5) + Math.exp(2)) - 0.5;
    assertEquals(at, l.loss(), 1e-12);
    double plus = Math.log(Math.exp(1.5) + Math.exp(1.0) + Math.exp(2)) - 1.0;
    assertEquals(plus - at, l.change(1, 1), 1e-12);
    double minus = Math.log(Math.exp(1.5) + Math.exp(0.5) + Math.exp(1.5)) - 0.5;
    assertEquals(minus - at, l.change(2, -1), 1e-12);
    assertEquals(0.0, l.change(0, 0));
  }
}
