package dev.spikeforge.golden.train.ottt;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.SpikeEncoder;
import dev.spikeforge.golden.eval.EvalReport;
import dev.spikeforge.golden.eval.Evaluator;
import dev.spikeforge.golden.learning.DesireBackpropInt;
import dev.spikeforge.golden.learning.KaimingNormal;
import dev.spikeforge.golden.learning.ottt.OtttInt;
import dev.spikeforge.golden.learning.ottt.OtttIntParams;
import dev.spikeforge.golden.network.DesireTopology;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.neuron.Lif;
import dev.spikeforge.golden.numerics.Lfsr;
import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.NeuronSpec;
import dev.spikeforge.golden.spec.ResetMode;
import dev.spikeforge.golden.train.StateCodec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * OTTT's integer form (docs/learning.md Part III §3): shadow weights of B + E bits, forward weights
 * of B bits, traces {@code x − (x >> k) + 2^F·s}, errors with q fraction bits, every rounding and
 * saturation through {@link OtttInt}. The forward pass is {@code IntSimulator}'s on the network of the
 * current forward weights; the weights change after every step.
 */
final class OtttIntModel extends OtttModel {
  private final OtttIntParams p;
  private final NeuronSpec[] neurons;
  private final int[] shifts;
  /** [l][j][i] shadow and forward weights; rec*: [l][j][k] for recurrent layers, else null. */
  private final int[][][] shadow;
  private final int[][][] weight;
  private final int[][][] recShadow;
  private final int[][][] recWeight;

  OtttIntModel(OtttConfig cfg) {
    super(cfg);
    this.p = cfg.intParams();
    neurons = new NeuronSpec[layers];
    shifts = new int[layers];
    shadow = new int[layers][][];
    weight = new int[layers][][];
    recShadow = new int[layers][][];
    recWeight = new int[layers][][];
    double[][][] init = KaimingNormal.weights(sizes, cfg.seed());
    for (int l = 0; l < layers; l++) {
      int q = p.thresholdShift(l);
      neurons[l] = new NeuronSpec(p.membraneBits(), 1L << q, cfg.leakShift(), ResetMode.SUBTRACT);
      shifts[l] = OtttInt.updateShift(p.traceFracBits(), p.shadowBits(), cfg.lrLog2()[l]);
      shadow[l] = new int[sizes[l + 1]][sizes[l]];
      weight[l] = new int[sizes[l + 1]][sizes[l]];
      for (int j = 0; j < sizes[l + 1]; j++) {
        for (int i = 0; i < sizes[l]; i++) {
          shadow[l][j][i] = DesireBackpropInt.initialShadow(init[l][j][i], q, p.shadowBits(), p.shadowWidth());
        }
      }
      if (cfg.recurrentLayer(l)) {
        recShadow[l] = new int[sizes[l + 1]][sizes[l + 1]];
        recWeight[l] = new int[sizes[l + 1]][sizes[l + 1]];
      }
    }
    refreshAll();
  }

  private void refreshAll() {
    for (int l = 0; l < layers; l++) {
      refresh(shadow[l], weight[l]);
      if (recShadow[l] != null) {
        refresh(recShadow[l], recWeight[l]);
      }
    }
  }

  private void refresh(int[][] sh, int[][] w) {
    for (int j = 0; j < sh.length; j++) {
      for (int i = 0; i < sh[j].length; i++) {
        w[j][i] = OtttInt.forwardWeight(sh[j][i], p.shadowBits(), p.weightBits());
      }
    }
  }

  /**
   * Stream of the rounding bits of layer {@code l} for the sample at {@code position} of {@code
   * epoch}: {@code (l + 1)·2^56 + epoch·2^32 + position}.
   */
  static long roundingStream(int l, int epoch, long position) {
    return ((long) (l + 1) << 56) + ((long) epoch << 32) + position;
  }

  @Override
  Sample begin(int epoch, long position) {
    return new IntSample(epoch, position);
  }

  /**
   * Membranes, traces {@code x} (feedforward) and {@code rx} (recurrent), surrogate gradients ψ',
   * errors δ' and each layer's rounding bits.
   */
  private final class IntSample implements Sample {
    private final long[][] v = new long[layers][];
    private final long[][] x = new long[layers][];
    private final long[][] rx = new long[layers][];
    private final long[][] psi = new long[layers][];
    private final long[][] delta = new long[layers][];
    private final Lfsr[] rng = new Lfsr[layers];

    IntSample(int epoch, long position) {
      for (int l = 0; l < layers; l++) {
        v[l] = new long[sizes[l + 1]];
        x[l] = new long[sizes[l]];
        rx[l] = new long[sizes[l + 1]];
        psi[l] = new long[sizes[l + 1]];
        delta[l] = new long[sizes[l + 1]];
        if (p.roundingBits() > 0) {
          rng[l] = Lfsr.seeded(cfg.seed(), roundingStream(l, epoch, position));
        }
      }
    }

    /** Every trace leaks; the sources that spiked add 2^F. */
    @Override
    public void traces(int l, boolean recurrent, boolean[] spiked) {
      long[] a = recurrent ? rx[l] : x[l];
      int k = cfg.leakShift();
      int f = p.traceFracBits();
      for (int i = 0; i < a.length; i++) {
        a[i] = OtttInt.trace(a[i], k, f, spiked[i]);
      }
    }

    /** Numerics §3 on the current forward weights; records ψ' and the spikes; returns the spike count. */
    @Override
    public int fire(int l, int[] in, int inCount, int[] prevSpikes, int prevCount, int[] out) {
      NeuronSpec n = neurons[l];
      int[][] w = weight[l];
      int[][] r = recWeight[l];
      long[] vl = v[l];
      int count = 0;
      for (int j = 0; j < vl.length; j++) {
        long current = 0;
        if (r != null) {
          for (int c = 0; c < prevCount; c++) {
            current += r[j][prevSpikes[c]];
          }
        }
        int[] row = w[j];
        for (int c = 0; c < inCount; c++) {
          current += row[in[c]];
        }
        long v2 = Lif.integrate(n, vl[j], current);
        boolean s = v2 >= n.threshold();
        vl[j] = Lif.reset(n, v2, s);
        psi[l][j] = OtttInt.surrogate(v2, n.threshold());
        if (s) {
          out[count++] = j;
        }
      }
      return count;
    }

    /** The output errors and their spatial backpropagation. */
    @Override
    public void errors(int label, boolean[] fired) {
      int o = layers - 1;
      for (int k = 0; k < fired.length; k++) {
        delta[o][k] = OtttInt.outputDelta(fired[k], k == label, psi[o][k]);
      }
      for (int l = o - 1; l >= 0; l--) {
        int[][] wNext = weight[l + 1];
        long[] dNext = delta[l + 1];
        int qNext = p.thresholdShift(l + 1);
        for (int j = 0; j < delta[l].length; j++) {
          if (psi[l][j] == 0) {
            delta[l][j] = 0;
            continue;
          }
          long sum = 0;
          for (int k = 0; k < dNext.length; k++) {
            if (dNext[k] != 0) {
              sum += wNext[k][j] * dNext[k];
            }
          }
          delta[l][j] = OtttInt.hiddenDelta(psi[l][j], sum, qNext, p.deltaBits());
        }
      }
    }

    @Override
    public void learn(int l) {
      update(l, delta[l], x[l], shadow[l], weight[l], rng[l]);
      if (recWeight[l] != null) {
        update(l, delta[l], rx[l], recShadow[l], recWeight[l], rng[l]);
      }
    }
  }

  /** {@code sh_ji ← sat(sh_ji − shr_R(δ'_j·x_i))} for δ'_j ≠ 0 and x_i ≠ 0, j then i ascending (one draw each when K > 0). */
  private void update(int l, long[] delta, long[] x, int[][] sh, int[][] w, Lfsr rng) {
    int n = 0;
    int[] active = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      if (x[i] != 0) {
        active[n++] = i;
      }
    }
    if (n == 0) {
      return;
    }
    int shift = shifts[l];
    int kBits = p.roundingBits();
    int width = p.shadowWidth();
    for (int j = 0; j < delta.length; j++) {
      long d = delta[j];
      if (d == 0) {
        continue;
      }
      int[] shRow = sh[j];
      int[] wRow = w[j];
      for (int c = 0; c < n; c++) {
        int i = active[c];
        long r = kBits == 0 ? 0 : rng.nextBits(kBits);
        shRow[i] = OtttInt.shadowStep(shRow[i], OtttInt.stepSize(d, x[i], shift, r, kBits), width);
        wRow[i] = OtttInt.forwardWeight(shRow[i], p.shadowBits(), p.weightBits());
      }
    }
  }

  @Override
  NetworkSpec intNetwork() {
    List<LayerSpec> ls = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      ls.add(new LayerSpec(DesireTopology.layerName(l), LayerKind.DENSE, sizes[l], sizes[l + 1], p.weightBits(),
          neurons[l], weight[l], 0, null, null, recWeight[l], null));
    }
    return DesireTopology.intNetwork("ottt", cfg.timesteps(), ls);
  }

  @Override
  FloatNetwork floatNetwork() {
    return FloatNetwork.of(intNetwork());
  }

  @Override
  EvalReport evaluate(Dataset test, SpikeEncoder encoder, int threads) {
    return Evaluator.evaluate(intNetwork(), test, encoder, threads, null);
  }

  /** The shadow weights, layer by layer (feedforward then recurrent), row-major, as big-endian int32. */
  @Override
  byte[] state() {
    ByteBuffer b = ByteBuffer.allocate(4 * StateCodec.ints(shadows()));
    StateCodec.putInts(b, shadows());
    return b.array();
  }

  @Override
  void restore(byte[] state) {
    StateCodec.checkLength(state, 4 * StateCodec.ints(shadows()), "shadow weights");
    StateCodec.getShadows(ByteBuffer.wrap(state), shadows(), p.shadowWidth());
    refreshAll();
  }

  private List<int[][]> shadows() {
    List<int[][]> m = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      m.add(shadow[l]);
      if (recShadow[l] != null) {
        m.add(recShadow[l]);
      }
    }
    return m;
  }
}
