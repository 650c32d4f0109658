package dev.spikeforge.golden.train.na;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.learning.KaimingNormal;
import dev.spikeforge.golden.sim.SpikeRaster;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * NA's estimates against brute force (docs/learning.md Part V §2): for every neuron j, step t and
 * kick δ_n of the neighbourhood, the whole network is re-simulated from scratch with {@code v'_j[t]}
 * kicked by δ_n and the exact loss taken; the brute-force estimate aggregates those exact differences
 * with the same least-squares slope. The reference simulator below is written independently of
 * {@link NaNetwork}.
 *
 * <p>Output layer: NA's loss differences are exact, so the estimates must agree to rounding. Hidden
 * layer: NA carries the output layer's estimates down first order ({@code ΔL ≈ Σ_τ e[τ]·Δs[τ]}); the
 * brute force also sees the output neurons' spike flips that a hidden spike change causes and their
 * non-linear loss. The two must point the same way: cosine similarity over all neurons, steps and
 * samples at least {@value #MIN_COSINE} (measured: 0.796 on this network; an estimate of the wrong
 * sign gives −0.796, one that ignores the layer above 0).
 */
@Tag("unit")
class NaGradientCheckTest {
  static final double MIN_COSINE = 0.7;

  @Test
  void estimatesAgreeWithBruteForceFiniteDifferences() {
    int[] sizes = {12, 10, 4};
    NaConfig cfg = new NaConfig(sizes, 10, 2, 3, 0.3, 1.0, 1e-3, 0, 1, 7);
    double[][][] w = KaimingNormal.weights(sizes, 7);
    for (double[] row : w[0]) {
      for (int i = 0; i < row.length; i++) {
        row[i] *= 2.5; // enough hidden activity at this size for non-trivial estimates
      }
    }
    for (double[] row : w[1]) {
      for (int i = 0; i < row.length; i++) {
        row[i] *= 1.5;
      }
    }
    NaNetwork net = new NaNetwork(cfg, w, 1);
    SplittableRandom rnd = new SplittableRandom(3);
    double dot = 0;
    double na2 = 0;
    double bf2 = 0;
    int nonZero = 0;
    for (int s = 0; s < 12; s++) {
      SpikeRaster x = randomInput(rnd, sizes[0], cfg.timesteps());
      int label = s % sizes[2];
      net.train(x, label, zeros(sizes), new Workers(1));
      double[][][] g = net.estimates();
      for (int l = 1; l >= 0; l--) {
        for (int j = 0; j < sizes[l + 1]; j++) {
          for (int t = 0; t < cfg.timesteps(); t++) {
            double bf = bruteForce(cfg, w, x, label, l, j, t);
            if (l == 1) {
              assertEquals(bf, g[l][j][t], 1e-12, "output neuron " + j + " step " + t);
            } else {
              dot += bf * g[l][j][t];
              na2 += g[l][j][t] * g[l][j][t];
              bf2 += bf * bf;
              nonZero += bf != 0 ? 1 : 0;
            }
          }
        }
      }
    }
    double cosine = dot / Math.sqrt(na2 * bf2);
    assertTrue(nonZero > 50, "too few non-zero hidden estimates to compare: " + nonZero);
    System.out.printf(Locale.ROOT, "NaGradientCheckTest: hidden cosine %.4f over %d non-zero brute-force estimates%n",
        cosine, nonZero);
    assertTrue(cosine >= MIN_COSINE, "cosine " + cosine);
  }

  static SpikeRaster randomInput(SplittableRandom rnd, int channels, int steps) {
    boolean[][] d = new boolean[steps][channels];
    for (boolean[] row : d) {
      for (int i = 0; i < channels; i++) {
        row[i] = rnd.nextDouble() < 0.3;
      }
    }
    return SpikeRaster.ofDense(d);
  }

  static double[][][] zeros(int[] sizes) {
    double[][][] a = new double[sizes.length - 1][][];
    for (int l = 0; l < a.length; l++) {
      a[l] = new double[sizes[l + 1]][sizes[l]];
    }
    return a;
  }

  /** Σ_n (L(kick δ_n at layer l, neuron j, step t) − L)·δ_n / Σ_n δ_n², every L by a full simulation. */
  static double bruteForce(NaConfig cfg, double[][][] w, SpikeRaster x, int label, int l, int j, int t) {
    double base = loss(cfg, w, x, label, -1, 0, 0, 0);
    double num = 0;
    double den = 0;
    for (int n = 1; n <= cfg.neighbours(); n++) {
      for (double delta : new double[] {n * cfg.step(), -n * cfg.step()}) {
        num += (loss(cfg, w, x, label, l, j, t, delta) - base) * delta;
        den += delta * delta;
      }
    }
    return num / den;
  }

  /** The loss of one sample with {@code v'} of (kl, kj) at step kt raised by kick. */
  static double loss(NaConfig cfg, double[][][] w, SpikeRaster x, int label, int kl, int kj, int kt, double kick) {
    int steps = cfg.timesteps();
    boolean[][] in = new boolean[steps][];
    for (int t = 0; t < steps; t++) {
      in[t] = new boolean[x.channels()];
      for (int i : x.at(t)) {
        in[t][i] = true;
      }
    }
    for (int l = 0; l < w.length; l++) {
      int n = w[l].length;
      boolean[][] out = new boolean[steps][n];
      for (int j = 0; j < n; j++) {
        double v = 0;
        for (int t = 0; t < steps; t++) {
          double c = 0;
          for (int i = 0; i < in[t].length; i++) {
            c += in[t][i] ? w[l][j][i] : 0;
          }
          double u = cfg.leak() * v + c + (l == kl && j == kj && t == kt ? kick : 0);
          out[t][j] = u >= 1;
          v = out[t][j] ? u - 1 : u;
        }
      }
      in = out;
    }
    double[] z = new double[in[0].length];
    for (boolean[] row : in) {
      for (int k = 0; k < z.length; k++) {
        z[k] += row[k] ? cfg.logitScale() : 0;
      }
    }
    double sum = 0;
    for (double zk : z) {
      sum += Math.exp(zk);
    }
    return Math.log(sum) - z[label];
  }
}
