package dev.spikeforge.golden.train.threefactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.learning.threefactor.Eligibility;
import dev.spikeforge.golden.learning.threefactor.FeedbackMode;
import dev.spikeforge.golden.learning.threefactor.GaussianDerivativeKernel;
import dev.spikeforge.golden.learning.threefactor.GaussianSurrogate;
import dev.spikeforge.golden.learning.threefactor.Traces;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.spec.hw.DelayMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The float eligibilities are exact gradients of a smooth surrogate objective (docs/learning.md (Part II) §4):
 * {@code E = Σ_j L_j Σ_t κ^(T−1−t) Φ(v2_j[t] − θ)} with {@code Φ' = ψ} (a "soft spike count"). With
 * the spikes held fixed (a small enough perturbation flips none; the test checks that), {@code
 * dE/dW_ji = L_j ē^W_ji} and {@code dE/dR_jk = L_j ē^R_jk} on the trainer's own hard forward pass,
 * and {@code dE/dd_ji = −L_j W_ji ē^ȳ_ji} on the smoothed-input forward pass that defines the delay
 * gradient (inputs {@code W_ji · Σ_{s≤t} g(t − d_ji − s)}).
 */
@Tag("unit")
class EligibilityFiniteDifferenceTest {
  private static final double SIGMA = 16;
  private static final GaussianSurrogate PSI = new GaussianSurrogate(SIGMA);
  private static final int T = 24;
  private static final double[] L = {0.7, -1.3, 0.4};

  /** Φ(u) = ∫_0^u ψ, Simpson's rule with 4000 intervals (error far below the finite-difference noise). */
  static double phi(double u) {
    int n = 4000;
    double h = u / n;
    double s = PSI.psi(0) + PSI.psi(u);
    for (int k = 1; k < n; k++) {
      s += (k % 2 == 1 ? 4 : 2) * PSI.psi(k * h);
    }
    return s * h / 3;
  }

  private static LearningParams params(int kappaShift) {
    return new LearningParams(FeedbackMode.SYMMETRIC, SIGMA, 1.0, 3, kappaShift, 2, 0, -10, -10, -10, -10);
  }

  private static FloatLayerLearner layer(DelayMode mode, boolean recurrent, int kappaShift) {
    int[][] w = {{30, 45, 20, 38}, {50, 12, 33, 27}, {25, 40, 41, 18}};
    int[][] r = recurrent ? new int[][] {{0, -20, 15}, {22, 0, -10}, {-14, 9, 0}} : null;
    double[] ax = mode == DelayMode.AXONAL ? new double[] {0.4, 2.2, 1.6, 3.0} : null;
    double[][] syn = mode == DelayMode.SYNAPTIC ? new double[][] {{0, 1.3, 2.6, 0.7}, {3.2, 0.2, 1.8, 2.4},
        {1.1, 2.9, 0.6, 1.5}} : null;
    double[][] recD = mode == DelayMode.SYNAPTIC && recurrent ? new double[][] {{1, 2.3, 1.4}, {2.6, 1, 3.1},
        {1.2, 1.7, 2.2}} : null;
    return new FloatLayerLearner("l", 4, 3, mode, recurrent, 4, new NeuronParams(64, 1, 16, 8), params(kappaShift),
        w, r, ax, syn, recD);
  }

  /** Runs the layer, returns E and (in {@code spikes}) every spike emitted. */
  private static double objective(FloatLayerLearner l, SpikeRaster x, double kappa, List<Integer> spikes) {
    l.begin(T);
    double[] acc = new double[l.size];
    for (int t = 0; t < T; t++) {
      int[] s = l.step(t, x.at(t), x.at(t).length);
      for (int e = 0; e < l.lastCount(); e++) {
        spikes.add(t * 100 + s[e]);
      }
      for (int j = 0; j < l.size; j++) {
        acc[j] = kappa * acc[j] + phi(l.lastV2[j] - l.threshold);
      }
    }
    double e = 0;
    for (int j = 0; j < l.size; j++) {
      e += L[j] * acc[j];
    }
    return e;
  }

  private static void weightGradients(DelayMode mode, boolean recurrent, int kappaShift) {
    FloatLayerLearner l = layer(mode, recurrent, kappaShift);
    double kappa = params(kappaShift).kappa();
    SpikeRaster x = TinyNets.randomRaster(4, T, 0.35, 5);
    List<Integer> base = new ArrayList<>();
    objective(l, x, kappa, base);
    assertTrue(base.size() >= 5, "the layer spikes: " + base.size());
    double[] ebW = l.ebW.clone();
    double[] ebR = l.ebR.clone();
    double eps = 1e-5;
    int checked = 0;
    for (int j = 0; j < 3; j++) {
      for (int i = 0; i < 4 + (recurrent ? 3 : 0); i++) {
        boolean rec = i >= 4;
        double[] row = rec ? l.r[j] : l.w[j];
        int c = rec ? i - 4 : i;
        double w0 = row[c];
        List<Integer> sp = new ArrayList<>();
        List<Integer> sm = new ArrayList<>();
        row[c] = w0 + eps;
        double ep = objective(l, x, kappa, sp);
        row[c] = w0 - eps;
        double em = objective(l, x, kappa, sm);
        row[c] = w0;
        if (!sp.equals(base) || !sm.equals(base)) {
          continue;
        }
        double fd = (ep - em) / (2 * eps);
        double an = L[j] * (rec ? ebR[j * 3 + c] : ebW[j * 4 + c]);
        assertEquals(fd, an, 1e-6 * Math.max(1, Math.abs(an)), "dE/d" + (rec ? "R" : "W") + "[" + j + "][" + c + "]");
        checked++;
      }
    }
    assertTrue(checked >= 10, "checked " + checked);
  }

  @Test
  void weightEligibilitiesFeedforward() {
    weightGradients(DelayMode.NONE, false, 0);
    weightGradients(DelayMode.AXONAL, false, 2);
  }

  @Test
  void weightEligibilitiesRecurrentWithSynapticDelays() {
    weightGradients(DelayMode.SYNAPTIC, true, 0);
    weightGradients(DelayMode.SYNAPTIC, true, 3);
  }

  /** The smoothed-input model of §4 with its delay eligibilities (pure functions of the rule). */
  private static final class Smoothed {
    final GaussianDerivativeKernel k = new GaussianDerivativeKernel(1.0, 3);
    final double[][] w = {{30, 45, 20, 38}, {50, 12, 33, 27}, {25, 40, 41, 18}};
    final double alpha = 0.5;
    final double kappa;
    final boolean[][] hist;
    final double[][] ebY = new double[3][4];
    final List<Integer> spikes = new ArrayList<>();

    Smoothed(SpikeRaster x, double kappa) {
      this.kappa = kappa;
      hist = new boolean[4][T];
      for (int t = 0; t < T; t++) {
        for (int i : x.at(t)) {
          hist[i][t] = true;
        }
      }
    }

    double run(double[][] d) {
      spikes.clear();
      double[] v = new double[3];
      double[] acc = new double[3];
      double[][] ybar = new double[3][4];
      for (double[] row : ebY) {
        java.util.Arrays.fill(row, 0);
      }
      for (int t = 0; t < T; t++) {
        for (int j = 0; j < 3; j++) {
          double cur = 0;
          for (int i = 0; i < 4; i++) {
            cur += w[j][i] * k.smoothed(hist[i], t, d[j][i]);
          }
          double v2 = alpha * v[j] + cur;
          boolean z = v2 >= 64;
          v[j] = z ? v2 - 64 : v2;
          if (z) {
            spikes.add(t * 100 + j);
          }
          acc[j] = kappa * acc[j] + phi(v2 - 64);
          double p = PSI.psi(v2 - 64);
          for (int i = 0; i < 4; i++) {
            ybar[j][i] = Traces.step(ybar[j][i], alpha, k.derivative(hist[i], t, d[j][i]));
            ebY[j][i] = Eligibility.accumulate(ebY[j][i], kappa, p, ybar[j][i]);
          }
        }
      }
      double e = 0;
      for (int j = 0; j < 3; j++) {
        e += L[j] * acc[j];
      }
      return e;
    }
  }

  @Test
  void synapticDelayEligibilities() {
    SpikeRaster x = TinyNets.randomRaster(4, T, 0.35, 9);
    Smoothed m = new Smoothed(x, 1 - 0.25);
    double[][] d = {{0.3, 1.3, 2.6, 0.7}, {3.2, 0.2, 1.8, 2.4}, {1.1, 2.9, 0.6, 1.5}};
    m.run(d);
    List<Integer> base = new ArrayList<>(m.spikes);
    assertTrue(base.size() >= 5, "the smoothed model spikes: " + base.size());
    double[][] ebY = new double[3][];
    for (int j = 0; j < 3; j++) {
      ebY[j] = m.ebY[j].clone();
    }
    double eps = 1e-6;
    int checked = 0;
    for (int j = 0; j < 3; j++) {
      for (int i = 0; i < 4; i++) {
        double d0 = d[j][i];
        d[j][i] = d0 + eps;
        double ep = m.run(d);
        boolean same = m.spikes.equals(base);
        d[j][i] = d0 - eps;
        double em = m.run(d);
        same &= m.spikes.equals(base);
        d[j][i] = d0;
        if (!same) {
          continue;
        }
        double fd = (ep - em) / (2 * eps);
        double an = -L[j] * m.w[j][i] * ebY[j][i];
        assertEquals(fd, an, 1e-5 * Math.max(1, Math.abs(an)), "dE/dd[" + j + "][" + i + "]");
        checked++;
      }
    }
    assertTrue(checked >= 10, "checked " + checked);
  }

  @Test
  void axonalDelayGradientIsTheFanOutSum() {
    SpikeRaster x = TinyNets.randomRaster(4, T, 0.35, 13);
    Smoothed m = new Smoothed(x, 1.0);
    double[] ax = {0.4, 2.2, 1.6, 3.3};
    double[][] d = new double[3][4];
    for (int j = 0; j < 3; j++) {
      d[j] = ax.clone();
    }
    m.run(d);
    List<Integer> base = new ArrayList<>(m.spikes);
    double[][] ebY = new double[3][];
    for (int j = 0; j < 3; j++) {
      ebY[j] = m.ebY[j].clone();
    }
    double eps = 1e-6;
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 3; j++) {
        d[j][i] = ax[i] + eps;
      }
      double ep = m.run(d);
      assertEquals(base, m.spikes);
      for (int j = 0; j < 3; j++) {
        d[j][i] = ax[i] - eps;
      }
      double em = m.run(d);
      assertEquals(base, m.spikes);
      for (int j = 0; j < 3; j++) {
        d[j][i] = ax[i];
      }
      double an = 0;
      for (int j = 0; j < 3; j++) {
        an -= L[j] * m.w[j][i] * ebY[j][i];
      }
      assertEquals((ep - em) / (2 * eps), an, 1e-5 * Math.max(1, Math.abs(an)), "dE/dD[" + i + "]");
    }
  }
}
