package dev.spikeforge.golden.train.threefactor;

import dev.spikeforge.golden.learning.threefactor.DelayUpdate;
import dev.spikeforge.golden.learning.threefactor.Eligibility;
import dev.spikeforge.golden.learning.threefactor.GaussianDerivativeKernel;
import dev.spikeforge.golden.learning.threefactor.GaussianSurrogate;
import dev.spikeforge.golden.learning.threefactor.Traces;
import dev.spikeforge.golden.learning.threefactor.WeightUpdate;
import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.ResetMode;
import dev.spikeforge.golden.spec.hw.DelayMode;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * One LIF layer of the float form with its weights, shadow delays and eligibilities. The forward
 * pass is {@code FloatSimulator}'s, operation for operation (the same pending-current ring, the same
 * order of additions, {@code v2 = α·v + I}, reset by subtraction), so an exported layer reproduces
 * the training spikes bit for bit. After each step the eligibilities advance (docs/learning.md (Part II)
 * §2); {@link #update} applies the end-of-sample updates.
 */
final class FloatLayerLearner extends LayerLearner {
  final double threshold;
  final double alpha;
  final double kappa;
  final double wLo;
  final double wHi;
  final GaussianSurrogate surrogate;
  final GaussianDerivativeKernel kernel;

  final double[][] w;
  final double[][] r;
  /** Shadow delays: per input (AXONAL), per synapse (SYNAPTIC), per recurrent synapse (SYNAPTIC, recurrent). */
  final double[] axonal;
  final double[][] synaptic;
  final double[][] recDelay;

  // sample state
  private double[] v;
  private double[][] pending;
  private final double[] psi;
  /** Pre-reset membranes v2 of the last step (for tests). */
  final double[] lastV2;
  private final double[] xbar;
  private final double[] ybar;
  final double[] ebW;
  final double[] ebY;
  private final double[] zbar;
  private final double[] zy;
  final double[] ebR;
  final double[] ebRY;

  FloatLayerLearner(String name, int in, int size, DelayMode mode, boolean recurrent, int maxDelay, NeuronParams n,
      LearningParams lp, int[][] w0, int[][] r0, double[] ax0, double[][] syn0, double[][] recD0) {
    super(name, in, size, mode, recurrent, maxDelay);
    this.threshold = n.threshold();
    this.alpha = n.alpha();
    this.kappa = lp.kappa();
    this.wLo = n.weightMin();
    this.wHi = n.weightMax();
    this.surrogate = new GaussianSurrogate(lp.surrogateSigma());
    this.kernel = new GaussianDerivativeKernel(lp.kernelSigma(), lp.kernelRadius());
    this.w = toDouble(w0);
    this.r = recurrent ? toDouble(r0) : null;
    this.axonal = mode == DelayMode.AXONAL ? ax0.clone() : null;
    this.synaptic = mode == DelayMode.SYNAPTIC ? copy(syn0) : null;
    this.recDelay = mode == DelayMode.SYNAPTIC && recurrent ? copy(recD0) : null;
    psi = new double[size];
    lastV2 = new double[size];
    xbar = new double[feedforwardTraces()];
    ybar = new double[feedforwardTraces()];
    ebW = new double[size * in];
    ebY = new double[size * in];
    zbar = new double[recurrentTraces()];
    zy = new double[recurrentTraces()];
    ebR = new double[recurrentSynapses()];
    ebRY = new double[recurrentSynapses()];
  }

  /** Resets all sample state and fixes the forward delays (shadow delays rounded and clipped). */
  @Override
  void begin(int steps) {
    super.begin(steps);
    v = new double[size];
    pending = new double[ring][size];
    Arrays.fill(xbar, 0);
    Arrays.fill(ybar, 0);
    Arrays.fill(ebW, 0);
    Arrays.fill(ebY, 0);
    Arrays.fill(zbar, 0);
    Arrays.fill(zy, 0);
    Arrays.fill(ebR, 0);
    Arrays.fill(ebRY, 0);
  }

  @Override
  int axonalForward(int i) {
    return DelayUpdate.forward(axonal[i], 0, maxDelay);
  }

  @Override
  int synapticForward(int j, int i) {
    return DelayUpdate.forward(synaptic[j][i], 0, maxDelay);
  }

  @Override
  int recurrentForward(int j, int k) {
    return DelayUpdate.forward(recDelay[j][k], 1, Math.max(1, maxDelay));
  }

  @Override
  int[] step(int t, int[] events, int eventsLen) {
    int slot = t % ring;
    for (int e = 0; e < eventsLen; e++) {
      int i = events[e];
      inHist[i][t] = true;
      for (int j = 0; j < size; j++) {
        pending[(slot + delay(j, i)) % ring][j] += w[j][i];
      }
    }
    double[] cur = pending[slot];
    int count = 0;
    for (int j = 0; j < size; j++) {
      double v2 = alpha * v[j] + cur[j];
      cur[j] = 0;
      boolean s = v2 >= threshold;
      v[j] = s ? v2 - threshold : v2;
      psi[j] = surrogate.psi(v2 - threshold);
      lastV2[j] = v2;
      if (s) {
        spikes[count++] = j;
        ownHist[j][t] = true;
      }
    }
    if (recurrent) {
      for (int e = 0; e < count; e++) {
        int k = spikes[e];
        for (int j = 0; j < size; j++) {
          pending[(slot + recurrentDelay(j, k)) % ring][j] += r[j][k];
        }
      }
    }
    eligibilities(t);
    lastCount = count;
    return spikes;
  }

  private void eligibilities(int t) {
    if (mode == DelayMode.SYNAPTIC) {
      for (int j = 0; j < size; j++) {
        double p = psi[j];
        for (int i = 0; i < in; i++) {
          int idx = j * in + i;
          int d = synF[j][i];
          xbar[idx] = Traces.step(xbar[idx], alpha, arrived(inHist[i], t, d) ? 1 : 0);
          ybar[idx] = Traces.step(ybar[idx], alpha, kernel.derivative(inHist[i], t, synaptic[j][i]));
          ebW[idx] = Eligibility.accumulate(ebW[idx], kappa, p, xbar[idx]);
          ebY[idx] = Eligibility.accumulate(ebY[idx], kappa, p, ybar[idx]);
        }
      }
    } else {
      for (int i = 0; i < in; i++) {
        int d = axF == null ? 0 : axF[i];
        xbar[i] = Traces.step(xbar[i], alpha, arrived(inHist[i], t, d) ? 1 : 0);
        if (axonal != null) {
          ybar[i] = Traces.step(ybar[i], alpha, kernel.derivative(inHist[i], t, axonal[i]));
        }
      }
      for (int j = 0; j < size; j++) {
        double p = psi[j];
        int base = j * in;
        for (int i = 0; i < in; i++) {
          ebW[base + i] = Eligibility.accumulate(ebW[base + i], kappa, p, xbar[i]);
          if (axonal != null) {
            ebY[base + i] = Eligibility.accumulate(ebY[base + i], kappa, p, ybar[i]);
          }
        }
      }
    }
    if (recurrent) {
      if (recDelay != null) {
        for (int j = 0; j < size; j++) {
          double p = psi[j];
          for (int k = 0; k < size; k++) {
            int idx = j * size + k;
            int d = recF[j][k];
            zbar[idx] = Traces.step(zbar[idx], alpha, arrived(ownHist[k], t, d) ? 1 : 0);
            zy[idx] = Traces.step(zy[idx], alpha, kernel.derivative(ownHist[k], t, recDelay[j][k]));
            ebR[idx] = Eligibility.accumulate(ebR[idx], kappa, p, zbar[idx]);
            ebRY[idx] = Eligibility.accumulate(ebRY[idx], kappa, p, zy[idx]);
          }
        }
      } else {
        for (int k = 0; k < size; k++) {
          zbar[k] = Traces.step(zbar[k], alpha, arrived(ownHist[k], t, 1) ? 1 : 0);
        }
        for (int j = 0; j < size; j++) {
          double p = psi[j];
          for (int k = 0; k < size; k++) {
            ebR[j * size + k] = Eligibility.accumulate(ebR[j * size + k], kappa, p, zbar[k]);
          }
        }
      }
    }
  }

  /**
   * End-of-sample updates with learning signal {@code l[j]}: delays first (their gradient uses the
   * weights of the sample), then weights.
   */
  void update(double[] l, double etaW, double etaR, double etaD) {
    if (synaptic != null) {
      for (int j = 0; j < size; j++) {
        for (int i = 0; i < in; i++) {
          synaptic[j][i] = DelayUpdate.apply(synaptic[j][i], etaD, l[j] * w[j][i] * ebY[j * in + i], 0, maxDelay);
        }
      }
    }
    if (axonal != null) {
      for (int i = 0; i < in; i++) {
        double g = 0;
        for (int j = 0; j < size; j++) {
          g += l[j] * w[j][i] * ebY[j * in + i];
        }
        axonal[i] = DelayUpdate.apply(axonal[i], etaD, g, 0, maxDelay);
      }
    }
    if (recDelay != null) {
      for (int j = 0; j < size; j++) {
        for (int k = 0; k < size; k++) {
          recDelay[j][k] = DelayUpdate.apply(recDelay[j][k], etaD, l[j] * r[j][k] * ebRY[j * size + k], 1,
              Math.max(1, maxDelay));
        }
      }
    }
    for (int j = 0; j < size; j++) {
      for (int i = 0; i < in; i++) {
        w[j][i] = WeightUpdate.apply(w[j][i], etaW, l[j], ebW[j * in + i], wLo, wHi);
      }
      if (recurrent) {
        for (int k = 0; k < size; k++) {
          r[j][k] = WeightUpdate.apply(r[j][k], etaR, l[j], ebR[j * size + k], wLo, wHi);
        }
      }
    }
  }

  /** The layer as the float reference runs it, with the forward (rounded) delays. */
  FloatLayer export() {
    begin(1);
    int[][] recDelays = null;
    if (recF != null) {
      recDelays = new int[size][];
      for (int j = 0; j < size; j++) {
        recDelays[j] = recF[j].clone();
      }
    }
    int[][] syn = null;
    if (synF != null) {
      syn = new int[size][];
      for (int j = 0; j < size; j++) {
        syn[j] = synF[j].clone();
      }
    }
    return new FloatLayer(name, LayerKind.DENSE, in, size, threshold, alpha, ResetMode.SUBTRACT, copy(w), maxDelay,
        axF == null ? null : axF.clone(), syn, recurrent ? copy(r) : null, recDelays);
  }

  /** The learned state (weights and shadow delays, as IEEE bits), for checkpoints. */
  @Override
  public void writeState(DataOutputStream out) throws IOException {
    StateCodec.writeMatrix(out, w);
    StateCodec.writeMatrix(out, r);
    StateCodec.writeMatrix(out, axonal == null ? null : new double[][] {axonal});
    StateCodec.writeMatrix(out, synaptic);
    StateCodec.writeMatrix(out, recDelay);
  }

  /** Restores {@link #writeState}. */
  @Override
  public void readState(DataInputStream in) throws IOException {
    StateCodec.readMatrix(in, w, "weights of " + name);
    StateCodec.readMatrix(in, r, "recurrent weights of " + name);
    StateCodec.readMatrix(in, axonal == null ? null : new double[][] {axonal}, "axonal delays of " + name);
    StateCodec.readMatrix(in, synaptic, "synaptic delays of " + name);
    StateCodec.readMatrix(in, recDelay, "recurrent delays of " + name);
  }

  static double[][] toDouble(int[][] m) {
    double[][] d = new double[m.length][];
    for (int j = 0; j < m.length; j++) {
      d[j] = new double[m[j].length];
      for (int i = 0; i < m[j].length; i++) {
        d[j][i] = m[j][i];
      }
    }
    return d;
  }

  static double[][] copy(double[][] m) {
    double[][] c = new double[m.length][];
    for (int j = 0; j < m.length; j++) {
      c[j] = m[j].clone();
    }
    return c;
  }
}
