package dev.spikeforge.golden.train.threefactor;

import dev.spikeforge.golden.learning.threefactor.DerivativeLut;
import dev.spikeforge.golden.learning.threefactor.FeedbackMode;
import dev.spikeforge.golden.learning.threefactor.GaussianDerivativeKernel;
import dev.spikeforge.golden.learning.threefactor.GaussianSurrogate;
import dev.spikeforge.golden.learning.threefactor.IntLearningFormat;
import dev.spikeforge.golden.learning.threefactor.SurrogateLut;
import dev.spikeforge.golden.neuron.Lif;
import dev.spikeforge.golden.numerics.Fx;
import dev.spikeforge.golden.numerics.Lfsr;
import dev.spikeforge.golden.numerics.Rounding;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.spec.NeuronSpec;
import dev.spikeforge.golden.spec.ResetMode;
import dev.spikeforge.golden.spec.hw.DelayMode;

/**
 * A straightforward implementation of the hardware form, written from docs/learning.md Part II §9 for
 * the tests, sharing no code with the trainer beyond the numeric contract ({@code Fx}, {@code Lif},
 * {@code Lfsr}) and the two table builders: synaptic currents as direct sums over the delayed spike
 * trains (no pending ring), every trace and eligibility kept per synapse and updated every step (no
 * replay), the learning-rate shifts computed from their formulas, and the update walk with its own
 * LFSR streams. {@link HardwareFormReferenceTest} checks the trainer against it bit for bit.
 */
final class HardwareFormReference {
  final ThreeFactorConfig cfg;
  final int n;
  final int h;
  final int c;
  final int steps;
  final long[][] wS;
  final long[][] rS;
  final long[][] oS;
  final long[] ax;
  final long[][] syn;
  final long[][] recD;
  private final int[][] feedback;
  private final SurrogateLut lut;
  private final int[] taps;

  HardwareFormReference(ThreeFactorConfig cfg, int inputs, int classes, int steps) {
    this.cfg = cfg;
    this.n = inputs;
    this.h = cfg.shape().hidden();
    this.c = classes;
    this.steps = steps;
    IntLearningFormat f = cfg.intFormat();
    InitialNetwork init = InitialNetwork.generate(cfg, inputs, classes);
    wS = shadow(init.hidden(), f.weightFracBits());
    rS = init.recurrent() == null ? null : shadow(init.recurrent(), f.weightFracBits());
    oS = shadow(init.output(), f.weightFracBits());
    ax = init.axonalShadow() == null ? null : init.axonalShadow().clone();
    syn = init.synapticShadow() == null ? null : IntLayerLearner.copy(init.synapticShadow());
    recD = init.recurrentDelayShadow() == null ? null : IntLayerLearner.copy(init.recurrentDelayShadow());
    feedback = init.feedback();
    LearningParams lp = cfg.learning();
    lut = SurrogateLut.of(new GaussianSurrogate(lp.surrogateSigma()), f.psiShift(), f.psiHalf(), f.psiFracBits());
    taps = DerivativeLut.of(new GaussianDerivativeKernel(lp.kernelSigma(), lp.kernelRadius()), f.derivFracBits())
        .taps();
  }

  private static long[][] shadow(int[][] w, int fw) {
    long[][] s = new long[w.length][w[0].length];
    for (int a = 0; a < w.length; a++) {
      for (int b = 0; b < w[0].length; b++) {
        s[a][b] = (long) w[a][b] << fw;
      }
    }
    return s;
  }

  int forwardWeight(long shadow, int weightWidth) {
    return (int) Fx.saturate(Fx.shiftRight(shadow, cfg.intFormat().weightFracBits(), Rounding.HALF_UP), weightWidth,
        true);
  }

  int forwardDelay(long shadow) {
    return (int) Fx.shiftRight(shadow, cfg.intFormat().delayFracBits(), Rounding.HALF_UP);
  }

  /** One training sample at (epoch, position). */
  void train(SpikeRaster input, int label, int epoch, long position) {
    NetworkShape s = cfg.shape();
    IntLearningFormat f = cfg.intFormat();
    LearningParams lp = cfg.learning();
    int kh = s.hiddenNeuron().leakShift();
    int ko = s.outputNeuron().leakShift();
    int kk = lp.kappaShift();
    int a = f.eligibilityWidth();
    int fx = f.traceFracBits();
    boolean delays = s.delayMode() != DelayMode.NONE;
    boolean recDelays = recD != null;
    // forward weights and delays of this sample
    int bh = s.hiddenNeuron().weightWidth();
    int bo = s.outputNeuron().weightWidth();
    int[][] w = new int[h][n];
    int[][] d = new int[h][n];
    for (int j = 0; j < h; j++) {
      for (int i = 0; i < n; i++) {
        w[j][i] = forwardWeight(wS[j][i], bh);
        d[j][i] = s.delayMode() == DelayMode.AXONAL ? forwardDelay(ax[i])
            : s.delayMode() == DelayMode.SYNAPTIC ? forwardDelay(syn[j][i]) : 0;
      }
    }
    int[][] r = new int[h][h];
    int[][] rd = new int[h][h];
    for (int j = 0; j < h && s.recurrent(); j++) {
      for (int k = 0; k < h; k++) {
        r[j][k] = forwardWeight(rS[j][k], bh);
        rd[j][k] = recDelays ? forwardDelay(recD[j][k]) : 1;
      }
    }
    int[][] o = new int[c][h];
    for (int k = 0; k < c; k++) {
      for (int j = 0; j < h; j++) {
        o[k][j] = forwardWeight(oS[k][j], bo);
      }
    }
    boolean[][] x = new boolean[steps][n];
    for (int t = 0; t < Math.min(steps, input.steps()); t++) {
      for (int i : input.at(t)) {
        x[t][i] = true;
      }
    }
    boolean[][] z = new boolean[steps][h];
    boolean[][] y = new boolean[steps][c];
    NeuronSpec hn = new NeuronSpec(s.hiddenNeuron().membraneWidth(), s.hiddenNeuron().threshold(), kh,
        ResetMode.SUBTRACT);
    NeuronSpec on = new NeuronSpec(s.outputNeuron().membraneWidth(), s.outputNeuron().threshold(), ko,
        ResetMode.SUBTRACT);
    long[] vh = new long[h];
    long[] vo = new long[c];
    long[][] xb = new long[h][n];
    long[][] yb = new long[h][n];
    long[][] eW = new long[h][n];
    long[][] eY = new long[h][n];
    long[][] zb = new long[h][h];
    long[][] zy = new long[h][h];
    long[][] eR = new long[h][h];
    long[][] eRY = new long[h][h];
    long[][] hb = new long[c][h];
    long[][] eO = new long[c][h];
    long[] pi = new long[c];
    int[] psiH = new int[h];
    for (int t = 0; t < steps; t++) {
      for (int j = 0; j < h; j++) {
        long cur = 0;
        for (int i = 0; i < n; i++) {
          cur += at(x, t - d[j][i], i) ? w[j][i] : 0;
        }
        for (int k = 0; k < h && s.recurrent(); k++) {
          cur += at(z, t - rd[j][k], k) ? r[j][k] : 0;
        }
        long v2 = Lif.integrate(hn, vh[j], cur);
        z[t][j] = v2 >= hn.threshold();
        vh[j] = Lif.reset(hn, v2, z[t][j]);
        psiH[j] = lut.lookup(v2 - hn.threshold());
      }
      // traces after the whole neuron pass: a recurrent FIR at delay d reads this step's spikes (d + Δ = 0)
      for (int j = 0; j < h; j++) {
        int psi = psiH[j];
        for (int i = 0; i < n; i++) {
          xb[j][i] = Fx.leak(xb[j][i], kh) + (at(x, t - d[j][i], i) ? 1L << fx : 0);
          eW[j][i] = Fx.saturate(Fx.leak(eW[j][i], kk) + psi * xb[j][i], a, true);
          if (delays) {
            yb[j][i] = Fx.leak(yb[j][i], kh) + fir(x, i, t, d[j][i]);
            eY[j][i] = Fx.saturate(Fx.leak(eY[j][i], kk) + psi * yb[j][i], a, true);
          }
        }
        for (int k = 0; k < h && s.recurrent(); k++) {
          zb[j][k] = Fx.leak(zb[j][k], kh) + (at(z, t - rd[j][k], k) ? 1L << fx : 0);
          eR[j][k] = Fx.saturate(Fx.leak(eR[j][k], kk) + psi * zb[j][k], a, true);
          if (recDelays) {
            zy[j][k] = Fx.leak(zy[j][k], kh) + fir(z, k, t, rd[j][k]);
            eRY[j][k] = Fx.saturate(Fx.leak(eRY[j][k], kk) + psi * zy[j][k], a, true);
          }
        }
      }
      for (int k = 0; k < c; k++) {
        long cur = 0;
        for (int j = 0; j < h; j++) {
          cur += z[t][j] ? o[k][j] : 0;
        }
        long v2 = Lif.integrate(on, vo[k], cur);
        y[t][k] = v2 >= on.threshold();
        vo[k] = Lif.reset(on, v2, y[t][k]);
        int psi = lut.lookup(v2 - on.threshold());
        for (int j = 0; j < h; j++) {
          hb[k][j] = Fx.leak(hb[k][j], ko) + (z[t][j] ? 1L << fx : 0);
          eO[k][j] = Fx.saturate(Fx.leak(eO[k][j], kk) + psi * hb[k][j], a, true);
        }
        pi[k] = Fx.leak(pi[k], kk) + (y[t][k] ? 1L << f.outputFracBits() : 0);
      }
    }
    // error and learning signal (with the output weights of the sample)
    long[] delta = new long[c];
    for (int k = 0; k < c; k++) {
      delta[k] = k == label ? Math.min(0, pi[k] - ((long) lp.targetOn() << f.outputFracBits()))
          : Math.max(0, pi[k] - ((long) lp.targetOff() << f.outputFracBits()));
    }
    long[] l = new long[h];
    for (int j = 0; j < h; j++) {
      for (int k = 0; k < c; k++) {
        l[j] += (long) (lp.feedback() == FeedbackMode.SYMMETRIC ? o[k][j] : feedback[j][k]) * delta[k];
      }
    }
    int base = f.outputFracBits() + f.psiFracBits();
    int sH = base + fx - f.weightFracBits() - lp.lrLog2Hidden();
    int sR = base + fx - f.weightFracBits() - lp.lrLog2Recurrent();
    int sO = base + fx - f.weightFracBits() - lp.lrLog2Output();
    int sD = base + f.derivFracBits() - f.delayFracBits() - lp.lrLog2Delay();
    int fd = f.delayFracBits();
    // output layer (stream of layer 1): rows j, then k
    Lfsr out = lfsr(1, epoch, position);
    for (int j = 0; j < h; j++) {
      for (int k = 0; k < c; k++) {
        oS[k][j] = Fx.saturate(oS[k][j] - round(delta[k] * eO[k][j], sO, out), bo + f.weightFracBits(), true);
      }
    }
    // hidden layer (stream of layer 0): feedforward rows i, then recurrent rows k
    Lfsr hid = lfsr(0, epoch, position);
    for (int i = 0; i < n; i++) {
      long g = 0;
      for (int j = 0; j < h; j++) {
        if (s.delayMode() == DelayMode.SYNAPTIC) {
          syn[j][i] = clamp(syn[j][i] + round(l[j] * w[j][i] * eY[j][i], sD, hid), 0, (long) s.maxDelay() << fd);
        } else if (s.delayMode() == DelayMode.AXONAL) {
          g += l[j] * w[j][i] * eY[j][i];
        }
        wS[j][i] = Fx.saturate(wS[j][i] - round(l[j] * eW[j][i], sH, hid), bh + f.weightFracBits(), true);
      }
      if (s.delayMode() == DelayMode.AXONAL) {
        ax[i] = clamp(ax[i] + round(g, sD, hid), 0, (long) s.maxDelay() << fd);
      }
    }
    for (int k = 0; k < h && s.recurrent(); k++) {
      for (int j = 0; j < h; j++) {
        if (recDelays) {
          recD[j][k] = clamp(recD[j][k] + round(l[j] * r[j][k] * eRY[j][k], sD, hid), 1L << fd,
              (long) Math.max(1, s.maxDelay()) << fd);
        }
        rS[j][k] = Fx.saturate(rS[j][k] - round(l[j] * eR[j][k], sR, hid), bh + f.weightFracBits(), true);
      }
    }
  }

  private Lfsr lfsr(int layer, int epoch, long position) {
    return Lfsr.seeded(cfg.seed(), ((0x40L + layer) << 56) + ((long) epoch << 32) + position);
  }

  /** {@code ⌊v·2^−s + r·2^−K⌋} with one draw, or HALF_EVEN when K = 0. */
  private long round(long v, int s, Lfsr lfsr) {
    int k = cfg.intFormat().roundingBits();
    return k == 0 ? Fx.shiftRight(v, s, Rounding.HALF_EVEN) : Fx.shiftRightStochastic(v, s, lfsr.nextBits(k), k);
  }

  private static long clamp(long v, long lo, long hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  private static boolean at(boolean[][] spikes, int t, int unit) {
    return t >= 0 && spikes[t][unit];
  }

  /** The causal FIR of unit u's train at step t through delay d: taps at offsets Δ with d + Δ ≥ 0. */
  private long fir(boolean[][] spikes, int u, int t, int d) {
    int radius = taps.length / 2;
    long sum = 0;
    for (int delta = -radius; delta <= radius; delta++) {
      if (d + delta >= 0 && at(spikes, t - d - delta, u)) {
        sum += taps[delta + radius];
      }
    }
    return sum;
  }
}
