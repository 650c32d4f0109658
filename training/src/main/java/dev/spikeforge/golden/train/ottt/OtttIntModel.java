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
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.NeuronSpec;
import dev.spikeforge.golden.spec.ResetMode;
import dev.spikeforge.golden.train.SampleOutcome;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * OTTT's integer form (docs/learning.md Part III §3): shadow weights of B + E bits, forward weights
 * of B bits, traces {@code x − (x >> k) + 2^F·s}, errors with q fraction bits, every rounding and
 * saturation through {@link OtttInt}. The forward pass is {@code IntSimulator}'s on the network of the
 * current forward weights; the weights change after every step.
 */
final class OtttIntModel implements OtttModel {
  private final OtttConfig cfg;
  private final OtttIntParams p;
  private final int layers;
  private final int[] sizes;
  private final NeuronSpec[] neurons;
  private final int[] shifts;
  /** [l][j][i] shadow and forward weights; rec*: [l][j][k] for recurrent layers, else null. */
  private final int[][][] shadow;
  private final int[][][] weight;
  private final int[][][] recShadow;
  private final int[][][] recWeight;

  OtttIntModel(OtttConfig cfg) {
    this.cfg = cfg;
    this.p = cfg.intParams();
    this.sizes = cfg.sizes();
    this.layers = cfg.layers();
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
  public SampleOutcome train(SpikeRaster input, int label, int epoch, long position) {
    int T = cfg.timesteps();
    int k = cfg.leakShift();
    int f = p.traceFracBits();
    long[][] v = new long[layers][];
    long[][] x = new long[layers][];
    long[][] rx = new long[layers][];
    long[][] psi = new long[layers][];
    long[][] delta = new long[layers][];
    int[][] spikes = new int[layers][];
    int[] spikeCount = new int[layers];
    int[][] prev = new int[layers][];
    int[] prevCount = new int[layers];
    Lfsr[] rng = new Lfsr[layers];
    for (int l = 0; l < layers; l++) {
      v[l] = new long[sizes[l + 1]];
      x[l] = new long[sizes[l]];
      rx[l] = new long[sizes[l + 1]];
      psi[l] = new long[sizes[l + 1]];
      delta[l] = new long[sizes[l + 1]];
      spikes[l] = new int[sizes[l + 1]];
      prev[l] = new int[sizes[l + 1]];
      if (p.roundingBits() > 0) {
        rng[l] = Lfsr.seeded(cfg.seed(), roundingStream(l, epoch, position));
      }
    }
    int classes = sizes[layers];
    int[] counts = new int[classes];
    long squared = 0;
    boolean[] seen = new boolean[Math.max(1, maxSize())];
    for (int t = 0; t < T; t++) {
      for (int l = 0; l < layers; l++) {
        int[] tmp = prev[l];
        prev[l] = spikes[l];
        prevCount[l] = spikeCount[l];
        spikes[l] = tmp;
        int[] in = l == 0 ? (t < input.steps() ? input.at(t) : new int[0]) : spikes[l - 1];
        int inCount = l == 0 ? in.length : spikeCount[l - 1];
        traces(x[l], in, inCount, k, f, seen);
        if (recWeight[l] != null) {
          traces(rx[l], prev[l], prevCount[l], k, f, seen);
        }
        spikeCount[l] = neuronPass(l, in, inCount, prev[l], prevCount[l], v[l], psi[l], spikes[l]);
      }
      for (int j = 0; j < spikeCount[layers - 1]; j++) {
        counts[spikes[layers - 1][j]]++;
      }
      squared += errors(label, spikes[layers - 1], spikeCount[layers - 1], psi, delta);
      for (int l = 0; l < layers; l++) {
        update(l, delta[l], x[l], shadow[l], weight[l], rng[l]);
        if (recWeight[l] != null) {
          update(l, delta[l], rx[l], recShadow[l], recWeight[l], rng[l]);
        }
      }
    }
    return OtttModel.outcome(counts, label, squared, T);
  }

  private int maxSize() {
    int m = 0;
    for (int s : sizes) {
      m = Math.max(m, s);
    }
    return m;
  }

  /** Every trace leaks; the inputs that spiked add 2^F. */
  private static void traces(long[] x, int[] in, int count, int k, int f, boolean[] seen) {
    for (int c = 0; c < count; c++) {
      seen[in[c]] = true;
    }
    for (int i = 0; i < x.length; i++) {
      x[i] = OtttInt.trace(x[i], k, f, seen[i]);
      seen[i] = false;
    }
  }

  /** Numerics §3 on the current forward weights; records ψ' and the spikes; returns the spike count. */
  private int neuronPass(int l, int[] in, int inCount, int[] prevSpikes, int prevCount, long[] v, long[] psi,
      int[] out) {
    NeuronSpec n = neurons[l];
    int[][] w = weight[l];
    int[][] r = recWeight[l];
    int count = 0;
    for (int j = 0; j < v.length; j++) {
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
      long v2 = Lif.integrate(n, v[j], current);
      boolean s = v2 >= n.threshold();
      v[j] = Lif.reset(n, v2, s);
      psi[j] = OtttInt.surrogate(v2, n.threshold());
      if (s) {
        out[count++] = j;
      }
    }
    return count;
  }

  /** The output errors and their spatial backpropagation; returns the step's Σ_k (z_k − y_k)². */
  private long errors(int label, int[] outSpikes, int outCount, long[][] psi, long[][] delta) {
    int o = layers - 1;
    boolean[] fired = new boolean[sizes[layers]];
    for (int c = 0; c < outCount; c++) {
      fired[outSpikes[c]] = true;
    }
    long squared = 0;
    for (int kk = 0; kk < fired.length; kk++) {
      delta[o][kk] = OtttInt.outputDelta(fired[kk], kk == label, psi[o][kk]);
      squared += fired[kk] != (kk == label) ? 1 : 0;
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
        for (int kk = 0; kk < dNext.length; kk++) {
          if (dNext[kk] != 0) {
            sum += wNext[kk][j] * dNext[kk];
          }
        }
        delta[l][j] = OtttInt.hiddenDelta(psi[l][j], sum, qNext, p.deltaBits());
      }
    }
    return squared;
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
  public NetworkSpec intNetwork() {
    List<LayerSpec> ls = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      ls.add(new LayerSpec(DesireTopology.layerName(l), LayerKind.DENSE, sizes[l], sizes[l + 1], p.weightBits(),
          neurons[l], weight[l], 0, null, null, recWeight[l], null));
    }
    return DesireTopology.intNetwork("ottt", cfg.timesteps(), ls);
  }

  @Override
  public FloatNetwork floatNetwork() {
    return FloatNetwork.of(intNetwork());
  }

  @Override
  public EvalReport evaluate(Dataset test, SpikeEncoder encoder, int threads) {
    return Evaluator.evaluate(intNetwork(), test, encoder, threads, null);
  }

  /** The shadow weights, layer by layer (feedforward then recurrent), row-major, as big-endian int32. */
  @Override
  public byte[] state() {
    ByteBuffer b = ByteBuffer.allocate(4 * (int) shadowCount());
    forEachShadow(m -> {
      for (int[] row : m) {
        for (int s : row) {
          b.putInt(s);
        }
      }
    });
    return b.array();
  }

  @Override
  public void restore(byte[] state) {
    if (state.length != 4 * shadowCount()) {
      throw new IllegalArgumentException("state holds " + state.length + " bytes, this network's shadow weights "
          + 4 * shadowCount());
    }
    ByteBuffer b = ByteBuffer.wrap(state);
    int width = p.shadowWidth();
    forEachShadow(m -> {
      for (int[] row : m) {
        for (int i = 0; i < row.length; i++) {
          int s = b.getInt();
          if (s < -(1 << (width - 1)) || s >= 1 << (width - 1)) {
            throw new IllegalArgumentException("shadow weight " + s + " does not fit " + width + " signed bits");
          }
          row[i] = s;
        }
      }
    });
    refreshAll();
  }

  private long shadowCount() {
    long[] n = {0};
    forEachShadow(m -> n[0] += (long) m.length * m[0].length);
    return n[0];
  }

  private void forEachShadow(Consumer<int[][]> f) {
    for (int l = 0; l < layers; l++) {
      f.accept(shadow[l]);
      if (recShadow[l] != null) {
        f.accept(recShadow[l]);
      }
    }
  }
}
