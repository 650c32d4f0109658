package dev.spikeforge.golden.train.threefactor;

import dev.spikeforge.golden.learning.threefactor.DelayUpdate;
import dev.spikeforge.golden.learning.threefactor.DerivativeLut;
import dev.spikeforge.golden.learning.threefactor.Eligibility;
import dev.spikeforge.golden.learning.threefactor.IntLearningFormat;
import dev.spikeforge.golden.learning.threefactor.SurrogateLut;
import dev.spikeforge.golden.learning.threefactor.Traces;
import dev.spikeforge.golden.learning.threefactor.UpdateRounding;
import dev.spikeforge.golden.learning.threefactor.WeightUpdate;
import dev.spikeforge.golden.neuron.Lif;
import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NeuronSpec;
import dev.spikeforge.golden.spec.ResetMode;
import dev.spikeforge.golden.spec.hw.DelayMode;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * One LIF layer of the integer form: shadow weights and delays, the forward pass of the numeric
 * contract ({@link Lif}, exact synaptic sums; what {@code IntSimulator} computes), and the integer
 * eligibilities of docs/learning.md (Part II) §3. Every operation is on integers with the widths
 * of {@link IntLearningFormat}.
 */
class IntLayerLearner extends LayerLearner {
  final NeuronSpec neuron;
  final int weightWidth;
  final int leakShift;
  final int kappaShift;
  final IntLearningFormat f;
  final SurrogateLut lut;
  final DerivativeLut dlut;

  final long[][] wS;
  final int[][] w;
  final long[][] rS;
  final int[][] r;
  final long[] axonal;
  final long[][] synaptic;
  final long[][] recDelay;

  private int[] v;
  private int[][] pending;
  private final int[] psi;
  /** Pre-reset membranes v2 of the last step (for tests). */
  final long[] lastV2;
  private final long[] xbar;
  private final long[] ybar;
  final long[] ebW;
  final long[] ebY;
  private final long[] zbar;
  private final long[] zy;
  final long[] ebR;
  final long[] ebRY;

  IntLayerLearner(String name, int in, int size, DelayMode mode, boolean recurrent, int maxDelay, NeuronParams n,
      LearningParams lp, IntLearningFormat f, SurrogateLut lut, DerivativeLut dlut, int[][] w0, int[][] r0, long[] ax0,
      long[][] syn0, long[][] recD0) {
    this(name, in, size, mode, recurrent, maxDelay, n, lp, f, lut, dlut, w0, r0, ax0, syn0, recD0, true);
  }

  /**
   * A layer learner; {@code accumulators} false leaves out the per-step traces and eligibility
   * accumulators (a subclass that computes its eligibilities otherwise, {@link ReplayLayerLearner}).
   */
  IntLayerLearner(String name, int in, int size, DelayMode mode, boolean recurrent, int maxDelay, NeuronParams n,
      LearningParams lp, IntLearningFormat f, SurrogateLut lut, DerivativeLut dlut, int[][] w0, int[][] r0, long[] ax0,
      long[][] syn0, long[][] recD0, boolean accumulators) {
    super(name, in, size, mode, recurrent, maxDelay);
    this.neuron = new NeuronSpec(n.membraneWidth(), n.threshold(), n.leakShift(), ResetMode.SUBTRACT);
    this.weightWidth = n.weightWidth();
    this.leakShift = n.leakShift();
    this.kappaShift = lp.kappaShift();
    this.f = f;
    this.lut = lut;
    this.dlut = dlut;
    this.wS = shadow(w0, f.weightFracBits());
    this.w = copy(w0);
    this.rS = recurrent ? shadow(r0, f.weightFracBits()) : null;
    this.r = recurrent ? copy(r0) : null;
    this.axonal = mode == DelayMode.AXONAL ? ax0.clone() : null;
    this.synaptic = mode == DelayMode.SYNAPTIC ? copy(syn0) : null;
    this.recDelay = mode == DelayMode.SYNAPTIC && recurrent ? copy(recD0) : null;
    psi = new int[size];
    lastV2 = new long[size];
    int on = accumulators ? 1 : 0;
    xbar = new long[on * feedforwardTraces()];
    ybar = new long[on * feedforwardTraces()];
    ebW = new long[on * size * in];
    ebY = new long[on * size * in];
    zbar = new long[on * recurrentTraces()];
    zy = new long[on * recurrentTraces()];
    ebR = new long[on * recurrentSynapses()];
    ebRY = new long[on * recurrentSynapses()];
  }

  /** Resets all sample state and fixes the forward delays (shadow delays rounded; updates keep them in range). */
  @Override
  void begin(int steps) {
    super.begin(steps);
    v = new int[size];
    pending = new int[ring][size];
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
    return DelayUpdate.forward(axonal[i], f.delayFracBits());
  }

  @Override
  int synapticForward(int j, int i) {
    return DelayUpdate.forward(synaptic[j][i], f.delayFracBits());
  }

  @Override
  int recurrentForward(int j, int k) {
    return DelayUpdate.forward(recDelay[j][k], f.delayFracBits());
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
    int[] cur = pending[slot];
    long theta = neuron.threshold();
    int count = 0;
    for (int j = 0; j < size; j++) {
      long v2 = Lif.integrate(neuron, v[j], cur[j]);
      cur[j] = 0;
      boolean s = v2 >= theta;
      v[j] = (int) Lif.reset(neuron, v2, s);
      psi[j] = lut.lookup(v2 - theta);
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
    afterNeuronPass(t);
    lastCount = count;
    return spikes;
  }

  /**
   * What the learner keeps of step t once the neuron pass is done ({@link #lastV2} holds its membranes,
   * the histories its spikes): here the traces and eligibility accumulators of every synapse.
   */
  void afterNeuronPass(int t) {
    eligibilities(t);
  }

  private void eligibilities(int t) {
    int fx = f.traceFracBits();
    int a = f.eligibilityWidth();
    if (mode == DelayMode.SYNAPTIC) {
      for (int j = 0; j < size; j++) {
        int p = psi[j];
        for (int i = 0; i < in; i++) {
          int idx = j * in + i;
          int d = synF[j][i];
          xbar[idx] = Traces.step(xbar[idx], leakShift, Traces.spike(arrived(inHist[i], t, d), fx));
          ybar[idx] = Traces.step(ybar[idx], leakShift, dlut.derivative(inHist[i], t, d));
          ebW[idx] = Eligibility.accumulate(ebW[idx], kappaShift, p, xbar[idx], a);
          ebY[idx] = Eligibility.accumulate(ebY[idx], kappaShift, p, ybar[idx], a);
        }
      }
    } else {
      for (int i = 0; i < in; i++) {
        int d = axF == null ? 0 : axF[i];
        xbar[i] = Traces.step(xbar[i], leakShift, Traces.spike(arrived(inHist[i], t, d), fx));
        if (axonal != null) {
          ybar[i] = Traces.step(ybar[i], leakShift, dlut.derivative(inHist[i], t, d));
        }
      }
      for (int j = 0; j < size; j++) {
        int p = psi[j];
        int base = j * in;
        for (int i = 0; i < in; i++) {
          ebW[base + i] = Eligibility.accumulate(ebW[base + i], kappaShift, p, xbar[i], a);
          if (axonal != null) {
            ebY[base + i] = Eligibility.accumulate(ebY[base + i], kappaShift, p, ybar[i], a);
          }
        }
      }
    }
    if (recurrent) {
      if (recDelay != null) {
        for (int j = 0; j < size; j++) {
          int p = psi[j];
          for (int k = 0; k < size; k++) {
            int idx = j * size + k;
            int d = recF[j][k];
            zbar[idx] = Traces.step(zbar[idx], leakShift, Traces.spike(arrived(ownHist[k], t, d), fx));
            zy[idx] = Traces.step(zy[idx], leakShift, dlut.derivative(ownHist[k], t, d));
            ebR[idx] = Eligibility.accumulate(ebR[idx], kappaShift, p, zbar[idx], a);
            ebRY[idx] = Eligibility.accumulate(ebRY[idx], kappaShift, p, zy[idx], a);
          }
        }
      } else {
        for (int k = 0; k < size; k++) {
          zbar[k] = Traces.step(zbar[k], leakShift, Traces.spike(arrived(ownHist[k], t, 1), fx));
        }
        for (int j = 0; j < size; j++) {
          int p = psi[j];
          for (int k = 0; k < size; k++) {
            ebR[j * size + k] = Eligibility.accumulate(ebR[j * size + k], kappaShift, p, zbar[k], a);
          }
        }
      }
    }
  }

  /**
   * End-of-sample integer updates: delays first (with this sample's forward weights), then weights,
   * every learning-rate shift rounded by {@code rounding} (HALF_EVEN in the integer form).
   */
  void update(long[] l, int shiftW, int shiftR, int shiftD, UpdateRounding rounding) {
    int fd = f.delayFracBits();
    int shadowWidth = weightWidth + f.weightFracBits();
    if (synaptic != null) {
      for (int j = 0; j < size; j++) {
        for (int i = 0; i < in; i++) {
          long g = Math.multiplyExact(l[j] * w[j][i], ebY[j * in + i]);
          synaptic[j][i] = DelayUpdate.applyShadow(synaptic[j][i], g, shiftD, rounding, fd, 0, maxDelay);
        }
      }
    }
    if (axonal != null) {
      for (int i = 0; i < in; i++) {
        long g = 0;
        for (int j = 0; j < size; j++) {
          g = Math.addExact(g, Math.multiplyExact(l[j] * w[j][i], ebY[j * in + i]));
        }
        axonal[i] = DelayUpdate.applyShadow(axonal[i], g, shiftD, rounding, fd, 0, maxDelay);
      }
    }
    if (recDelay != null) {
      for (int j = 0; j < size; j++) {
        for (int k = 0; k < size; k++) {
          long g = Math.multiplyExact(l[j] * r[j][k], ebRY[j * size + k]);
          recDelay[j][k] = DelayUpdate.applyShadow(recDelay[j][k], g, shiftD, rounding, fd, 1,
              Math.max(1, maxDelay));
        }
      }
    }
    int fw = f.weightFracBits();
    for (int j = 0; j < size; j++) {
      for (int i = 0; i < in; i++) {
        wS[j][i] = WeightUpdate.applyShadow(wS[j][i], l[j], ebW[j * in + i], shiftW, rounding, shadowWidth);
        w[j][i] = WeightUpdate.forward(wS[j][i], fw, weightWidth);
      }
      if (recurrent) {
        for (int k = 0; k < size; k++) {
          rS[j][k] = WeightUpdate.applyShadow(rS[j][k], l[j], ebR[j * size + k], shiftR, rounding, shadowWidth);
          r[j][k] = WeightUpdate.forward(rS[j][k], fw, weightWidth);
        }
      }
    }
  }

  /** The learned state (shadow weights and shadow delays), for checkpoints. */
  @Override
  public void writeState(DataOutputStream out) throws IOException {
    StateCodec.writeMatrix(out, wS);
    StateCodec.writeMatrix(out, rS);
    StateCodec.writeVector(out, axonal);
    StateCodec.writeMatrix(out, synaptic);
    StateCodec.writeMatrix(out, recDelay);
  }

  /** Restores {@link #writeState}; forward weights are recomputed from the shadows. */
  @Override
  public void readState(DataInputStream in) throws IOException {
    StateCodec.readMatrix(in, wS, "weights of " + name);
    StateCodec.readMatrix(in, rS, "recurrent weights of " + name);
    StateCodec.readVector(in, axonal, "axonal delays for layer " + name);
    StateCodec.readMatrix(in, synaptic, "synaptic delays of " + name);
    StateCodec.readMatrix(in, recDelay, "recurrent delays of " + name);
    int fw = f.weightFracBits();
    for (int j = 0; j < size; j++) {
      for (int i = 0; i < this.in; i++) {
        w[j][i] = WeightUpdate.forward(wS[j][i], fw, weightWidth);
      }
      for (int k = 0; recurrent && k < size; k++) {
        r[j][k] = WeightUpdate.forward(rS[j][k], fw, weightWidth);
      }
    }
  }

  /** The layer of the hardware contract, with the forward weights and delays. */
  LayerSpec export() {
    begin(1);
    return new LayerSpec(name, LayerKind.DENSE, in, size, weightWidth, neuron, w, maxDelay,
        axF == null ? null : axF.clone(), synF, recurrent ? r : null, recF);
  }

  /** {@code m << frac} entry by entry (null for null): shadows of forward values. */
  static long[][] shadow(int[][] m, int frac) {
    if (m == null) {
      return null;
    }
    long[][] s = new long[m.length][];
    for (int j = 0; j < m.length; j++) {
      s[j] = new long[m[j].length];
      for (int i = 0; i < m[j].length; i++) {
        s[j][i] = (long) m[j][i] << frac;
      }
    }
    return s;
  }

  static int[][] copy(int[][] m) {
    int[][] c = new int[m.length][];
    for (int j = 0; j < m.length; j++) {
      c[j] = m[j].clone();
    }
    return c;
  }

  static long[][] copy(long[][] m) {
    long[][] c = new long[m.length][];
    for (int j = 0; j < m.length; j++) {
      c[j] = m[j].clone();
    }
    return c;
  }
}
