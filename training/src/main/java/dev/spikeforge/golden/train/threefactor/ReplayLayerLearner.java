package dev.spikeforge.golden.train.threefactor;

import dev.spikeforge.golden.learning.threefactor.DelayUpdate;
import dev.spikeforge.golden.learning.threefactor.DerivativeLut;
import dev.spikeforge.golden.learning.threefactor.Eligibility;
import dev.spikeforge.golden.learning.threefactor.IntLearningFormat;
import dev.spikeforge.golden.learning.threefactor.SurrogateLut;
import dev.spikeforge.golden.learning.threefactor.Traces;
import dev.spikeforge.golden.learning.threefactor.UpdateRounding;
import dev.spikeforge.golden.learning.threefactor.WeightUpdate;
import dev.spikeforge.golden.spec.hw.DelayMode;

/**
 * One LIF layer of the hardware form (docs/learning.md Part II §9): the integer form's forward pass
 * ({@link IntLayerLearner}), but no per-synapse learning state during the sample. Each step it keeps
 * only the surrogate-table code of every neuron ({@link SurrogateLut#code}); the spike histories are
 * the forward pass's own. After the sample it <em>replays</em> every synapse: its traces x̄ (and ȳ)
 * from the presynaptic history at the synapse's forward delay, its eligibilities {@code ē ←
 * sat_A(leak_kκ(ē) + ψ·trace)} against the stored codes, and at once its delay and weight updates,
 * walking row by row (presynaptic unit i ascending, then neuron j ascending; feedforward rows, then
 * recurrent rows). With axonal delays or none, a row's traces are replayed once and shared by its
 * synapses. The arithmetic of every value is the integer form's; only the order of the updates and the
 * update rounding ({@link UpdateRounding}) are the walk's.
 */
final class ReplayLayerLearner extends IntLayerLearner {
  /** codes[j][t]: surrogate-table code of neuron j at step t. */
  private int[][] codes;
  private int steps;
  /** The replayed traces x̄[t] and ȳ[t] of the synapse or row being updated. */
  private long[] xs;
  private long[] ys;

  ReplayLayerLearner(String name, int in, int size, DelayMode mode, boolean recurrent, int maxDelay, NeuronParams n,
      LearningParams lp, IntLearningFormat f, SurrogateLut lut, DerivativeLut dlut, int[][] w0, int[][] r0, long[] ax0,
      long[][] syn0, long[][] recD0) {
    super(name, in, size, mode, recurrent, maxDelay, n, lp, f, lut, dlut, w0, r0, ax0, syn0, recD0, false);
  }

  @Override
  void begin(int steps) {
    super.begin(steps);
    this.steps = steps;
    codes = new int[size][steps];
    xs = new long[steps];
    ys = new long[steps];
  }

  @Override
  void afterNeuronPass(int t) {
    long theta = neuron.threshold();
    for (int j = 0; j < size; j++) {
      codes[j][t] = lut.code(lastV2[j] - theta);
    }
  }

  /** The surrogate-table code of neuron j at step t of the last sample (for tests). */
  int code(int j, int t) {
    return codes[j][t];
  }

  /**
   * The end-of-sample walk: per synapse, replay, then its delay update (with this sample's forward
   * weight), then its weight update; an axonal delay after its row. Draws of {@code rounding}: one per
   * synaptic delay, weight and recurrent delay and weight, one per axonal delay, in walk order.
   */
  @Override
  void update(long[] l, int shiftW, int shiftR, int shiftD, UpdateRounding rounding) {
    int fd = f.delayFracBits();
    int fw = f.weightFracBits();
    int shadowWidth = weightWidth + fw;
    boolean learnsDelays = mode != DelayMode.NONE;
    for (int i = 0; i < in; i++) {
      if (mode != DelayMode.SYNAPTIC) {
        replayTraces(inHist[i], axF == null ? 0 : axF[i], learnsDelays);
      }
      long g = 0;
      for (int j = 0; j < size; j++) {
        if (mode == DelayMode.SYNAPTIC) {
          replayTraces(inHist[i], synF[j][i], true);
        }
        long eW = eligibility(j, xs);
        if (learnsDelays) {
          long term = Math.multiplyExact(l[j] * w[j][i], eligibility(j, ys));
          if (mode == DelayMode.SYNAPTIC) {
            synaptic[j][i] = DelayUpdate.applyShadow(synaptic[j][i], term, shiftD, rounding, fd, 0, maxDelay);
          } else {
            g = Math.addExact(g, term);
          }
        }
        wS[j][i] = WeightUpdate.applyShadow(wS[j][i], l[j], eW, shiftW, rounding, shadowWidth);
        w[j][i] = WeightUpdate.forward(wS[j][i], fw, weightWidth);
      }
      if (mode == DelayMode.AXONAL) {
        axonal[i] = DelayUpdate.applyShadow(axonal[i], g, shiftD, rounding, fd, 0, maxDelay);
      }
    }
    for (int k = 0; recurrent && k < size; k++) {
      if (recDelay == null) {
        replayTraces(ownHist[k], 1, false);
      }
      for (int j = 0; j < size; j++) {
        if (recDelay != null) {
          replayTraces(ownHist[k], recF[j][k], true);
        }
        long eR = eligibility(j, xs);
        if (recDelay != null) {
          long term = Math.multiplyExact(l[j] * r[j][k], eligibility(j, ys));
          recDelay[j][k] = DelayUpdate.applyShadow(recDelay[j][k], term, shiftD, rounding, fd, 1,
              Math.max(1, maxDelay));
        }
        rS[j][k] = WeightUpdate.applyShadow(rS[j][k], l[j], eR, shiftR, rounding, shadowWidth);
        r[j][k] = WeightUpdate.forward(rS[j][k], fw, weightWidth);
      }
    }
  }

  /**
   * Replays the presynaptic trace {@code x̄[t] = leak_k(x̄[t−1]) + 2^Fx·x[t−d]} into {@link #xs} and, if
   * {@code delayTrace}, the delay trace {@code ȳ[t] = leak_k(ȳ[t−1]) + ẋ(t−d)} into {@link #ys}.
   */
  private void replayTraces(boolean[] hist, int d, boolean delayTrace) {
    int fx = f.traceFracBits();
    long x = 0;
    long y = 0;
    for (int t = 0; t < steps; t++) {
      x = Traces.step(x, leakShift, Traces.spike(arrived(hist, t, d), fx));
      xs[t] = x;
      if (delayTrace) {
        y = Traces.step(y, leakShift, dlut.derivative(hist, t, d));
        ys[t] = y;
      }
    }
  }

  /** {@code ē} of neuron j against a replayed trace: {@code ē ← sat_A(leak_kκ(ē) + ψ_j[t]·trace[t])}, t = 0..T−1. */
  private long eligibility(int j, long[] trace) {
    int a = f.eligibilityWidth();
    int[] c = codes[j];
    long e = 0;
    for (int t = 0; t < steps; t++) {
      e = Eligibility.accumulate(e, kappaShift, lut.value(c[t]), trace[t], a);
    }
    return e;
  }
}
