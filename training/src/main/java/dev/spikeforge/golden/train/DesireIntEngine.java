package dev.spikeforge.golden.train;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.SpikeEncoder;
import dev.spikeforge.golden.eval.EvalReport;
import dev.spikeforge.golden.eval.Evaluator;
import dev.spikeforge.golden.learning.DesireBackpropInt;
import dev.spikeforge.golden.learning.DesireIntParams;
import dev.spikeforge.golden.learning.StochasticRounding;
import dev.spikeforge.golden.network.DesireTopology;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.sim.InputTrains;
import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.NeuronSpec;
import dev.spikeforge.golden.spec.ResetMode;
import dev.spikeforge.golden.spec.SpecException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Desire backpropagation in the integer form ({@link DesireBackpropInt}), the arithmetic of an
 * on-chip learning unit: B-bit forward weights (what {@code IntSimulator} runs: without dropout the
 * forward pass equals it on {@link #intNetwork()}, tested), (B+E)-bit shadow weights that learn,
 * M-bit membranes with threshold 2^q per layer, F-fraction-bit traces, updates shifted by the
 * power-of-two learning rate.
 */
final class DesireIntEngine extends DesireEngine {
  private final DesireIntParams ip;
  /** Forward weights at {@code layout[l].at(i, j)}. */
  private final short[][] fw;
  /** Shadow (learning) weights, in the same layout. */
  private final int[][] sh;
  /** Per worker and layer: the membranes of the worker's neurons (indexed by neuron). */
  private final int[][][] v;
  /** Per worker and layer: the currents of the worker's neurons at one step. */
  private final int[][][] acc;
  /** d·ε' per layer and neuron. */
  private final int[][] g;
  private final long[][] u;
  /** Per worker: the column offsets ({@link WeightLayout#at}) of the neurons of the update list being applied. */
  private final int[][] colOffs;
  /** Per worker: group sums of the first layer, {@code BLOCK} neurons per group. */
  private final int[][] gsum;
  private final NeuronSpec[] neurons;
  private final long[] thresholds;
  private final long[] desireThresholds;
  private final int outputThresholdCount;
  private final int inputScale;
  private final int hiddenScale;
  /** K, random bits per stochastically rounded update; 0: off (floored updates). */
  private final int roundingBits;
  /**
   * With stochastic rounding, per layer: {@code rowRank[l][i]} = the number of input rows of layer l
   * before row i that spiked in the credited steps (the index of row i's draws), for this sample.
   */
  private final int[][] rowRank;
  /** With stochastic rounding, per layer: the draws of this sample, {@code rnd[l][rank·n + q]} for update list entry q. */
  private final int[][] rnd;

  DesireIntEngine(DesireConfig config, int threads) {
    this(config, threads, null);
  }

  /**
   * With {@code original == null}: the configuration's initial weights (Kaiming-normal or {@link
   * DesireConfig#init}); else shares the original's weights and thresholds (inference copy).
   */
  private DesireIntEngine(DesireConfig config, int threads, DesireIntEngine original) {
    super(config, threads, original == null ? null : original.layout);
    ip = config.intParams();
    int k = p.leakShift();
    SpecException.inRange(k, 0, ip.membraneBits() - 1, "leakShift", "must be below the membrane width "
        + ip.membraneBits());
    inputScale = DesireBackpropInt.dropoutScale(p.inputDropout());
    hiddenScale = DesireBackpropInt.dropoutScale(p.hiddenDropout());
    outputThresholdCount = DesireBackpropInt.outputThresholdCount(p.outputDesireThreshold(), errorScale[layers - 1]);
    v = new int[workers][layers][];
    acc = new int[workers][layers][];
    g = new int[layers][];
    neurons = new NeuronSpec[layers];
    thresholds = new long[layers];
    desireThresholds = new long[layers];
    int maxOut = 0;
    for (int l = 0; l < layers; l++) {
      int out = sizes[l + 1];
      maxOut = Math.max(maxOut, out);
      neurons[l] = new NeuronSpec(ip.membraneBits(), ip.threshold(l), k, ResetMode.SUBTRACT);
      thresholds[l] = ip.threshold(l);
      desireThresholds[l] = DesireBackpropInt.desireThreshold(p.hiddenDesireThreshold(), errorScale[l], ip.thresholdShift(l));
      for (int w = 0; w < workers; w++) {
        v[w][l] = new int[out];
        acc[w][l] = new int[out];
      }
      g[l] = new int[out];
    }
    u = new long[workers][maxOut];
    colOffs = new int[workers][maxOut];
    gsum = new int[workers][0];
    roundingBits = ip.roundingBits();
    rowRank = new int[roundingBits > 0 ? layers : 0][];
    rnd = new int[roundingBits > 0 ? layers : 0][];
    for (int l = 0; l < rowRank.length; l++) {
      rowRank[l] = new int[sizes[l]];
      rnd[l] = new int[sizes[l] * sizes[l + 1]];
    }
    if (original != null) {
      fw = original.fw;
      sh = original.sh;
      for (int l = 0; l < layers; l++) {
        neurons[l] = original.neurons[l];
        thresholds[l] = original.thresholds[l];
        desireThresholds[l] = original.desireThresholds[l];
      }
      return;
    }
    fw = new short[layers][];
    sh = new int[layers][];
    for (int l = 0; l < layers; l++) {
      fw[l] = new short[layout[l].length];
      sh[l] = new int[layout[l].length];
    }
    setWeights(config.initialWeights());
  }

  /**
   * Shadow weights {@code sat_{B+E}(round_half_even(w · 2^(q+E)))} and their forward weights. A
   * binarized layer's threshold θ_b is derived here, from the B-bit forward weights these shadows
   * give ({@link DesireBackpropInt#binarizedThreshold}), and its forward weights are the signs.
   */
  @Override
  void setWeights(double[][][] weights) {
    for (int l = 0; l < layers; l++) {
      int in = sizes[l];
      int out = sizes[l + 1];
      int q = ip.thresholdShift(l);
      int width = ip.shadowWidth(l);
      for (int j = 0; j < out; j++) {
        for (int i = 0; i < in; i++) {
          int s = DesireBackpropInt.initialShadow(weights[l][j][i], q, ip.shadowBits(l), width);
          sh[l][layout[l].at(i, j)] = s;
        }
      }
      if (config.isBinarized(l)) {
        long sumAbs = 0; // exact in any order; the padding of a panel layout is 0
        for (int s : sh[l]) {
          sumAbs += Math.abs(DesireBackpropInt.forwardWeight(s, ip.shadowBits(l), ip.weightBits()));
        }
        long theta = DesireBackpropInt.binarizedThreshold(sumAbs, in * out, q, ip.membraneBits());
        thresholds[l] = theta;
        neurons[l] = new NeuronSpec(ip.membraneBits(), theta, p.leakShift(), ResetMode.SUBTRACT);
        desireThresholds[l] = DesireBackpropInt.desireThresholdOf(p.hiddenDesireThreshold(), errorScale[l], theta);
      }
      for (int k = 0; k < sh[l].length; k++) {
        fw[l][k] = (short) forwardWeight(l, sh[l][k]);
      }
    }
  }

  /** Forward weight of shadow {@code s} in layer l: the B-bit top bits, or the sign in a binarized layer. */
  private int forwardWeight(int l, int s) {
    return config.isBinarized(l) ? DesireBackpropInt.binarizedWeight(s)
        : DesireBackpropInt.forwardWeight(s, ip.shadowBits(l), ip.weightBits());
  }

  /** Integer threshold of layer l: {@code 2^q_l}, or θ_b for a binarized layer. */
  long threshold(int l) {
    return thresholds[l];
  }

  /** Shadow weight from input {@code i} to neuron {@code j} of layer {@code l}. */
  int shadow(int l, int j, int i) {
    return sh[l][layout[l].at(i, j)];
  }

  @Override
  DesireEngine inferenceCopy() {
    return soloTwin();
  }

  @Override
  DesireEngine soloTwin() {
    return new DesireIntEngine(config, 1, this);
  }

  @Override
  public String precision() {
    return "int";
  }

  @Override
  void beginSample(int l, int lo, int hi, int wk) {
    Arrays.fill(v[wk][l], lo, hi, 0);
  }

  @Override
  void accumulate(int l, int lo, int hi, int[] ev, int off, int n, int wk) {
    WeightLayout lay = layout[l];
    short[] wl = fw[l];
    int[] a = acc[wk][l];
    Arrays.fill(a, lo, hi, 0);
    for (int e = 0; e < n; e++) {
      int row = lay.base(ev[off + e], lo);
      for (int j = lo; j < hi; j++) {
        a[j] += wl[row + j];
      }
    }
  }

  /** Always: integer sums are exact in any order, so grouping changes no bit. */
  @Override
  boolean groupedInput() {
    return true;
  }

  @Override
  void groupSums(int lo, int hi, int wk) {
    int width = hi - lo;
    InputTrains groups = groupSets[wk];
    int need = groups.count() * BLOCK;
    if (gsum[wk].length < need) {
      gsum[wk] = new int[Math.max(need, 2 * gsum[wk].length)];
    }
    int[] gs = gsum[wk];
    WeightLayout lay = layout[0];
    short[] w0 = fw[0];
    for (int g = 0; g < groups.count(); g++) {
      int base = g * BLOCK - lo;
      Arrays.fill(gs, g * BLOCK, g * BLOCK + width, 0);
      for (int m = groups.membersFrom(g); m < groups.membersFrom(g + 1); m++) {
        int row = lay.base(groups.member(m), lo);
        for (int j = lo; j < hi; j++) {
          gs[base + j] += w0[row + j];
        }
      }
    }
  }

  @Override
  void accumulateGroups(int t, int lo, int hi, int wk) {
    InputTrains groups = groupSets[wk];
    int[] a = acc[wk][0];
    int[] gs = gsum[wk];
    Arrays.fill(a, lo, hi, 0);
    for (int k = groups.activeFrom(t); k < groups.activeFrom(t + 1); k++) {
      int base = groups.active(k) * BLOCK - lo;
      for (int j = lo; j < hi; j++) {
        a[j] += gs[base + j];
      }
    }
  }

  @Override
  int fire(int l, int t, int lo, int hi, int at, int wk) {
    int[] a = acc[wk][l];
    int scale = !training ? DesireBackpropInt.UNIT_DROPOUT_SCALE : (l == 0 ? inputScale : hiddenScale);
    NeuronSpec neuron = neurons[l];
    long theta = thresholds[l];
    boolean[] kp = keeps[wk][l + 1];
    int[] vl = v[wk][l];
    int[] idx = hist.idx[l];
    long[] bits = hist.bits[l];
    int[] cnt = hist.count[l];
    int m = 0;
    long bit = 1L << t;
    for (int j = lo; j < hi; j++) {
      long v1 = DesireBackpropInt.integrate(neuron, vl[j], DesireBackpropInt.scaledCurrent(a[j], scale));
      boolean s = DesireBackpropInt.fires(v1, theta, kp[j]);
      vl[j] = (int) (s ? v1 - theta : v1);
      if (s) {
        idx[at + m++] = j;
        bits[j] |= bit;
        cnt[j]++;
      }
    }
    return m;
  }

  @Override
  void outputDesire(int label) {
    int L = layers - 1;
    int[] c = hist.count[L];
    for (int k = 0; k < c.length; k++) {
      int d = DesireBackpropInt.outputDesire(c[k], k == label, errorScale[L], outputThresholdCount);
      desire[L][k] = d;
      g[L][k] = d * DesireBackpropInt.scaledError(c[k], d, errorScale[L]);
    }
  }

  @Override
  void backward(int l, int from, int to, int wk) {
    int out = sizes[l + 1];
    boolean[] kp = keeps[wk][l];
    int[] c = hist.count[l - 1];
    int[] d = desire[l - 1];
    int[] gl = g[l - 1];
    long dth = desireThresholds[l];
    for (int i = from; i < to; i++) {
      int di = 0;
      if (kp[i]) {
        long a = DesireBackpropInt.desireSum(fw[l], out, i, g[l], backList[wk][l], backLen[wk][l]);
        di = DesireBackpropInt.hiddenDesire(a, dth);
      }
      d[i] = di;
      gl[i] = di * DesireBackpropInt.scaledError(c[i], di, errorScale[l - 1]);
    }
  }

  /** With stochastic rounding: the draws of a sample come from one sequential stream per layer. */
  @Override
  boolean preparesUpdate() {
    return roundingBits > 0;
  }

  /**
   * Stochastic rounding (docs/learning.md §4.2): per layer with updates, the rank of every input row
   * that spiked, then the layer's draws in row-major order from its own LFSR stream, on one thread, so
   * that every worker's update reads them by (row rank, entry of the whole update list) and the bits
   * do not depend on threads.
   */
  @Override
  void prepareUpdate(long position) {
    for (int l = 0; l < layers; l++) {
      int n = updateTotal(l);
      if (n == 0) {
        continue;
      }
      int[] rank = rowRank[l];
      int rows = 0;
      for (int i = 0; i < sizes[l]; i++) {
        rank[i] = rows;
        if (inputBits(l, i) != 0) {
          rows++;
        }
      }
      StochasticRounding.draw(StochasticRounding.generator(config.seed(), epoch, position, l), roundingBits, rnd[l],
          rows * n);
    }
  }

  @Override
  void update(int l, int from, int to, int wk) {
    WeightLayout lay = layout[l];
    short[] wl = fw[l];
    int[] sl = sh[l];
    long[] uu = u[wk];
    int[] list = updList[wk][l];
    int nList = updLen[wk][l];
    int[] gi = gsIdx[wk][l];
    int[] go = gsOff[wk][l];
    int[] d = desire[l];
    int k = p.leakShift();
    int f = ip.traceFracBits();
    int width = ip.shadowWidth(l);
    int shift = updateShift(l, epoch);
    boolean grouped = l == 0 && groupedInput();
    InputTrains groups = groupSets[wk];
    int nAll = updateTotal(l);
    int first = updateOffset(l, wk);
    int[] cols = colOffs[wk];
    for (int q = 0; q < nList; q++) {
      cols[q] = lay.at(0, list[q]);
    }
    for (int unit = from; unit < to; unit++) {
      long b = grouped ? groups.pattern(unit) & creditMask : inputBits(l, unit, wk);
      if (b == 0) {
        continue;
      }
      int x = 0;
      for (int t = Long.numberOfTrailingZeros(b); t < credited; t++) {
        x = DesireBackpropInt.traceStep(x, k, f, ((b >>> t) & 1L) != 0);
        for (int q = go[t]; q < go[t + 1]; q++) {
          uu[gi[q]] += x;
        }
      }
      int m0 = grouped ? groups.membersFrom(unit) : 0;
      int m1 = grouped ? groups.membersFrom(unit + 1) : 1;
      for (int mm = m0; mm < m1; mm++) {
        int i = grouped ? groups.member(mm) : unit;
        int row = i * lay.stride;
        if (roundingBits == 0) {
          for (int q = 0; q < nList; q++) {
            int j = list[q];
            int at = row + cols[q];
            int s = DesireBackpropInt.updatedShadow(sl[at], d[j], uu[j], shift, width);
            sl[at] = s;
            wl[at] = (short) forwardWeight(l, s);
          }
        } else {
          int[] r = rnd[l];
          int base = rowRank[l][i] * nAll + first;
          for (int q = 0; q < nList; q++) {
            int j = list[q];
            int at = row + cols[q];
            int s = DesireBackpropInt.updatedShadowStochastic(sl[at], d[j], uu[j], shift, width,
                Integer.toUnsignedLong(r[base + q]), roundingBits);
            sl[at] = s;
            wl[at] = (short) forwardWeight(l, s);
          }
        }
      }
      for (int q = 0; q < nList; q++) {
        uu[list[q]] = 0;
      }
    }
  }

  /** R_l of epoch e: {@code s(e) + F − q_l − E_l} with {@code s(e) = round(−log2 η(e))}. */
  int updateShift(int l, int epoch) {
    return DesireBackpropInt.updateShift(DesireBackpropInt.learningRateExponent(p.learningRate(epoch)),
        ip.traceFracBits(), ip.thresholdShift(l), ip.shadowBits(l));
  }

  @Override
  public double learningRate(int epoch) {
    return Math.scalb(1.0, -DesireBackpropInt.learningRateExponent(p.learningRate(epoch)));
  }

  @Override
  public NetworkSpec intNetwork() {
    List<LayerSpec> ls = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      int in = sizes[l];
      int out = sizes[l + 1];
      int[][] m = new int[out][in];
      for (int i = 0; i < in; i++) {
        for (int j = 0; j < out; j++) {
          m[j][i] = fw[l][layout[l].at(i, j)];
        }
      }
      ls.add(DesireTopology.intLayer(l, config.isBinarized(l) ? LayerKind.BINARIZED : LayerKind.DENSE, m,
          ip.weightBits(), neurons[l], p.layerDelay()));
    }
    return DesireTopology.intNetwork(config.name(), steps, ls);
  }

  @Override
  public FloatNetwork floatNetwork() {
    return FloatNetwork.of(intNetwork());
  }

  @Override
  public EvalReport evaluate(Dataset test, SpikeEncoder encoder, int threads) {
    return Evaluator.evaluate(intNetwork(), test, encoder, threads, null);
  }

  @Override
  public byte[] state() {
    int total = 4;
    for (int l = 0; l < layers; l++) {
      total += 4 + 4 * sizes[l] * sizes[l + 1];
    }
    ByteBuffer buf = ByteBuffer.allocate(total);
    buf.putInt(layers);
    for (int l = 0; l < layers; l++) {
      buf.putInt(sizes[l] * sizes[l + 1]);
      for (int i = 0; i < sizes[l]; i++) {
        for (int j = 0; j < sizes[l + 1]; j++) {
          buf.putInt(sh[l][layout[l].at(i, j)]);
        }
      }
    }
    return buf.array();
  }

  @Override
  public void restore(byte[] state) {
    ByteBuffer buf = ByteBuffer.wrap(state);
    try {
      int n = buf.getInt();
      if (n != layers) {
        throw new IllegalArgumentException("state has " + n + " layers, the network " + layers);
      }
      for (int l = 0; l < layers; l++) {
        int width = ip.shadowWidth(l);
        int out = sizes[l + 1];
        int len = buf.getInt();
        if (len != sizes[l] * out) {
          throw new IllegalArgumentException("state has a layer of " + len + " weights, expected " + sizes[l] * out);
        }
        for (int k = 0; k < len; k++) {
          int s = buf.getInt();
          if (s < -(1 << (width - 1)) || s >= (1 << (width - 1))) {
            throw new IllegalArgumentException("shadow weight " + s + " does not fit " + width + " bits");
          }
          int at = layout[l].at(k / out, k % out);
          sh[l][at] = s;
          fw[l][at] = (short) forwardWeight(l, s);
        }
      }
      if (buf.hasRemaining()) {
        throw new IllegalArgumentException("state has trailing bytes");
      }
    } catch (java.nio.BufferUnderflowException e) {
      throw new IllegalArgumentException("truncated state", e);
    }
  }
}
