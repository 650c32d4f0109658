package dev.spikeforge.golden.train;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.SpikeEncoder;
import dev.spikeforge.golden.eval.EvalReport;
import dev.spikeforge.golden.learning.DesireBackprop;
import dev.spikeforge.golden.network.DesireTopology;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.sim.InputTrains;
import dev.spikeforge.golden.spec.NetworkSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Desire backpropagation in floating point ({@link DesireBackprop}): float32 weights (as the
 * authors' tensors), double-precision membranes, currents and traces. Its forward pass without
 * dropout is exactly {@code FloatSimulator} on {@link #floatNetwork()} (same order of additions).
 */
final class DesireFloatEngine extends DesireEngine {
  /** Weights per layer at {@code layout[l].at(i, j)}; the latent weights of a binarized layer. */
  private final float[][] w;
  /**
   * Forward weights: {@code w[l]} itself for a DENSE layer; {@code α_l·sign(w)} for a binarized layer
   * (the straight-through estimator: the forward pass and the desire sums use these, updates go to
   * {@code w}).
   */
  private final float[][] fwd;
  /** α per layer (binarized layers), from the weights of the last {@link #setWeights}. */
  private final float[] alpha;
  /** Per worker and layer: the membranes of the worker's neurons (indexed by neuron). */
  private final double[][][] v;
  /** Per worker and layer: the currents of the worker's neurons at one step. */
  private final double[][][] acc;
  /** d·ε per layer and neuron. */
  private final double[][] g;
  /** Per worker: trace sums U_j of the input row being updated. */
  private final double[][] u;
  /** Per worker: the column offsets ({@link WeightLayout#at}) of the neurons of the update list being applied. */
  private final int[][] colOffs;
  /** Per worker: group sums of the first layer, {@code BLOCK} neurons per group. */
  private final double[][] gsum;
  private final double lambda;
  private final double inputScale;
  private final double hiddenScale;

  DesireFloatEngine(DesireConfig config, int threads) {
    this(config, threads, null, null, null, new float[config.sizes().length - 1]);
    for (int l = 0; l < layers; l++) {
      w[l] = new float[layout[l].length];
      fwd[l] = config.isBinarized(l) ? new float[w[l].length] : w[l];
    }
    setWeights(config.initialWeights());
  }

  /**
   * An engine on these weights, forward weights and α in these layouts (shared, not copied), or with
   * {@code weights == null} on weights still to be allocated in its own layouts.
   */
  private DesireFloatEngine(DesireConfig config, int threads, WeightLayout[] layouts, float[][] weights,
      float[][] forward, float[] alpha) {
    super(config, threads, layouts);
    fwd = forward != null ? forward : new float[layers][];
    this.alpha = alpha;
    lambda = p.leak();
    inputScale = DesireBackprop.dropoutScale(p.inputDropout());
    hiddenScale = DesireBackprop.dropoutScale(p.hiddenDropout());
    w = weights != null ? weights : new float[layers][];
    v = new double[workers][layers][];
    acc = new double[workers][layers][];
    g = new double[layers][];
    int maxOut = 0;
    for (int l = 0; l < layers; l++) {
      int out = sizes[l + 1];
      maxOut = Math.max(maxOut, out);
      for (int k = 0; k < workers; k++) {
        v[k][l] = new double[out];
        acc[k][l] = new double[out];
      }
      g[l] = new double[out];
    }
    u = new double[workers][maxOut];
    colOffs = new int[workers][maxOut];
    gsum = new double[workers][0];
  }

  @Override
  void setWeights(double[][][] weights) {
    for (int l = 0; l < layers; l++) {
      int out = sizes[l + 1];
      WeightLayout lay = layout[l];
      for (int j = 0; j < out; j++) {
        for (int i = 0; i < sizes[l]; i++) {
          w[l][lay.at(i, j)] = (float) weights[l][j][i];
        }
      }
    }
    deriveBinarized();
  }

  /** α of every binarized layer from its current latent weights, and its forward weights. */
  private void deriveBinarized() {
    for (int l = 0; l < layers; l++) {
      if (config.isBinarized(l)) {
        alpha[l] = DesireBackprop.binarizedAlpha(inputMajor(l));
        if (!(alpha[l] > 0)) {
          throw new IllegalArgumentException("layer " + DesireTopology.layerName(l)
              + " has only zero weights and cannot be binarized");
        }
        refreshForward(l);
      }
    }
  }

  private void refreshForward(int l) {
    if (config.isBinarized(l)) {
      float a = alpha[l];
      float[] wl = w[l];
      float[] fl = fwd[l];
      for (int k = 0; k < wl.length; k++) {
        fl[k] = DesireBackprop.binarizedWeight(wl[k], a);
      }
    }
  }

  /** The latent weights of layer l in the plain input-major order {@code i·out + j}. */
  private float[] inputMajor(int l) {
    if (layout[l].isPlain()) {
      return w[l];
    }
    int out = sizes[l + 1];
    float[] m = new float[sizes[l] * out];
    for (int i = 0; i < sizes[l]; i++) {
      for (int j = 0; j < out; j++) {
        m[i * out + j] = w[l][layout[l].at(i, j)];
      }
    }
    return m;
  }

  /** Latent weight from input {@code i} to neuron {@code j} of layer {@code l}. */
  float latent(int l, int j, int i) {
    return w[l][layout[l].at(i, j)];
  }

  /** α of binarized layer l (0 for a DENSE layer). */
  float alpha(int l) {
    return alpha[l];
  }

  @Override
  DesireEngine inferenceCopy() {
    return soloTwin();
  }

  @Override
  DesireEngine soloTwin() {
    return new DesireFloatEngine(config, 1, layout, w, fwd, alpha);
  }

  @Override
  public String precision() {
    return "float";
  }

  @Override
  void beginSample(int l, int lo, int hi, int wk) {
    Arrays.fill(v[wk][l], lo, hi, 0.0);
  }

  @Override
  void accumulate(int l, int lo, int hi, int[] ev, int off, int n, int wk) {
    WeightLayout lay = layout[l];
    float[] wl = fwd[l];
    double[] a = acc[wk][l];
    Arrays.fill(a, lo, hi, 0.0);
    for (int e = 0; e < n; e++) {
      int row = lay.base(ev[off + e], lo);
      for (int j = lo; j < hi; j++) {
        a[j] += wl[row + j];
      }
    }
  }

  @Override
  boolean groupedInput() {
    return training;
  }

  @Override
  void groupSums(int lo, int hi, int wk) {
    int width = hi - lo;
    InputTrains groups = groupSets[wk];
    int need = groups.count() * BLOCK;
    if (gsum[wk].length < need) {
      gsum[wk] = new double[Math.max(need, 2 * gsum[wk].length)];
    }
    double[] gs = gsum[wk];
    WeightLayout lay = layout[0];
    float[] w0 = fwd[0];
    for (int g = 0; g < groups.count(); g++) {
      int base = g * BLOCK - lo;
      Arrays.fill(gs, g * BLOCK, g * BLOCK + width, 0.0);
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
    double[] a = acc[wk][0];
    double[] gs = gsum[wk];
    Arrays.fill(a, lo, hi, 0.0);
    for (int k = groups.activeFrom(t); k < groups.activeFrom(t + 1); k++) {
      int base = groups.active(k) * BLOCK - lo;
      for (int j = lo; j < hi; j++) {
        a[j] += gs[base + j];
      }
    }
  }

  @Override
  int fire(int l, int t, int lo, int hi, int at, int wk) {
    double[] a = acc[wk][l];
    double scale = !training ? 1.0 : (l == 0 ? inputScale : hiddenScale);
    boolean[] kp = keeps[wk][l + 1];
    double[] vl = v[wk][l];
    int[] idx = hist.idx[l];
    long[] bits = hist.bits[l];
    int[] cnt = hist.count[l];
    int m = 0;
    long bit = 1L << t;
    for (int j = lo; j < hi; j++) {
      double cur = scale == 1.0 ? a[j] : scale * a[j];
      double v1 = lambda * vl[j] + cur;
      boolean s = DesireBackprop.fires(v1, kp[j]);
      vl[j] = DesireBackprop.membraneAfter(v1, s);
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
      int d = DesireBackprop.outputDesire(c[k], k == label, errorScale[L], p.outputDesireThreshold());
      desire[L][k] = d;
      g[L][k] = d == 0 ? 0.0 : d * DesireBackprop.error(c[k], d, errorScale[L]);
    }
  }

  @Override
  void backward(int l, int from, int to, int wk) {
    int out = sizes[l + 1];
    boolean[] kp = keeps[wk][l];
    int[] c = hist.count[l - 1];
    int[] d = desire[l - 1];
    double[] gl = g[l - 1];
    for (int i = from; i < to; i++) {
      int di = 0;
      if (kp[i]) {
        double a = DesireBackprop.desireSum(fwd[l], out, i, g[l], backList[wk][l], backLen[wk][l]);
        di = DesireBackprop.hiddenDesire(a, p.hiddenDesireThreshold());
      }
      d[i] = di;
      gl[i] = di == 0 ? 0.0 : di * DesireBackprop.error(c[i], di, errorScale[l - 1]);
    }
  }

  @Override
  void update(int l, int from, int to, int wk) {
    WeightLayout lay = layout[l];
    float[] wl = w[l];
    float[] fl = fwd[l];
    boolean bin = config.isBinarized(l);
    float a = alpha[l];
    double[] uu = u[wk];
    int[] list = updList[wk][l];
    int nList = updLen[wk][l];
    int[] gi = gsIdx[wk][l];
    int[] go = gsOff[wk][l];
    int[] d = desire[l];
    double eta = p.learningRate(epoch);
    boolean grouped = l == 0 && groupedInput();
    InputTrains groups = groupSets[wk];
    int[] cols = colOffs[wk];
    for (int k = 0; k < nList; k++) {
      cols[k] = lay.at(0, list[k]);
    }
    for (int unit = from; unit < to; unit++) {
      long b = grouped ? groups.pattern(unit) & creditMask : inputBits(l, unit, wk);
      if (b == 0) {
        continue;
      }
      double x = 0;
      for (int t = Long.numberOfTrailingZeros(b); t < credited; t++) {
        x = DesireBackprop.traceStep(x, lambda, ((b >>> t) & 1L) != 0);
        for (int e = go[t]; e < go[t + 1]; e++) {
          uu[gi[e]] += x;
        }
      }
      int m0 = grouped ? groups.membersFrom(unit) : 0;
      int m1 = grouped ? groups.membersFrom(unit + 1) : 1;
      for (int mm = m0; mm < m1; mm++) {
        int row = (grouped ? groups.member(mm) : unit) * lay.stride;
        for (int k = 0; k < nList; k++) {
          int j = list[k];
          int at = row + cols[k];
          float nw = DesireBackprop.updatedWeight(wl[at], eta, d[j], uu[j]);
          wl[at] = nw;
          if (bin) {
            fl[at] = DesireBackprop.binarizedWeight(nw, a);
          }
        }
      }
      for (int k = 0; k < nList; k++) {
        uu[list[k]] = 0.0;
      }
    }
  }

  @Override
  public double learningRate(int epoch) {
    return p.learningRate(epoch);
  }

  @Override
  public FloatNetwork floatNetwork() {
    double[][][] m = new double[layers][][];
    for (int l = 0; l < layers; l++) {
      int in = sizes[l];
      int out = sizes[l + 1];
      m[l] = new double[out][in];
      for (int i = 0; i < in; i++) {
        for (int j = 0; j < out; j++) {
          m[l][j][i] = fwd[l][layout[l].at(i, j)];
        }
      }
    }
    return DesireTopology.floatNetwork(config.name(), steps, p.leakShift(), DesireBackprop.THRESHOLD, p.layerDelay(), m,
        config.binarized());
  }

  @Override
  public NetworkSpec intNetwork() {
    return null;
  }

  @Override
  public EvalReport evaluate(Dataset test, SpikeEncoder encoder, int threads) {
    return evaluateParallel(test, encoder, threads);
  }

  @Override
  public byte[] state() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(layers);
      for (int l = 0; l < layers; l++) {
        float[] wl = inputMajor(l);
        out.writeInt(wl.length);
        for (float f : wl) {
          out.writeInt(Float.floatToRawIntBits(f));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @Override
  public void restore(byte[] state) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
      int n = in.readInt();
      if (n != layers) {
        throw new IllegalArgumentException("state has " + n + " layers, the network " + layers);
      }
      for (int l = 0; l < layers; l++) {
        int out = sizes[l + 1];
        int len = in.readInt();
        if (len != sizes[l] * out) {
          throw new IllegalArgumentException("state has a layer of " + len + " weights, expected " + sizes[l] * out);
        }
        for (int k = 0; k < len; k++) {
          w[l][layout[l].at(k / out, k % out)] = Float.intBitsToFloat(in.readInt());
        }
      }
      for (int l = 0; l < layers; l++) {
        refreshForward(l);
      }
      if (in.read() != -1) {
        throw new IllegalArgumentException("state has trailing bytes");
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("truncated state: " + e.getMessage(), e);
    }
  }
}
