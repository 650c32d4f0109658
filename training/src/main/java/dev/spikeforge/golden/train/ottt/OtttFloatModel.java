package dev.spikeforge.golden.train.ottt;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.SpikeEncoder;
import dev.spikeforge.golden.eval.EvalReport;
import dev.spikeforge.golden.eval.Evaluator;
import dev.spikeforge.golden.learning.KaimingNormal;
import dev.spikeforge.golden.learning.ottt.OtttFloat;
import dev.spikeforge.golden.network.DesireTopology;
import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.ReadoutSpec;
import dev.spikeforge.golden.spec.ResetMode;
import dev.spikeforge.golden.train.SampleOutcome;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * OTTT's float form (docs/learning.md Part III §2): double weights in threshold units (θ = 1), leak
 * {@code λ = 1 − 2^−k}, reset by subtraction, traces {@code â ← λ·â + s}, the weights changed after
 * every step. A neuron's current adds the recurrent terms first, then the feedforward ones, each in
 * ascending source order.
 */
final class OtttFloatModel implements OtttModel {
  private final OtttConfig cfg;
  private final int layers;
  private final int[] sizes;
  private final double lambda;
  private final double[] eta;
  private final double[][][] weight;
  private final double[][][] recWeight;

  OtttFloatModel(OtttConfig cfg) {
    this.cfg = cfg;
    this.sizes = cfg.sizes();
    this.layers = cfg.layers();
    this.lambda = 1.0 - Math.scalb(1.0, -cfg.leakShift());
    eta = new double[layers];
    weight = KaimingNormal.weights(sizes, cfg.seed());
    recWeight = new double[layers][][];
    for (int l = 0; l < layers; l++) {
      eta[l] = Math.scalb(1.0, cfg.lrLog2()[l]);
      if (cfg.recurrentLayer(l)) {
        recWeight[l] = new double[sizes[l + 1]][sizes[l + 1]];
      }
    }
  }

  @Override
  public SampleOutcome train(SpikeRaster input, int label, int epoch, long position) {
    int T = cfg.timesteps();
    double[][] v = new double[layers][];
    double[][] x = new double[layers][];
    double[][] rx = new double[layers][];
    double[][] psi = new double[layers][];
    double[][] delta = new double[layers][];
    int[][] spikes = new int[layers][];
    int[] spikeCount = new int[layers];
    int[][] prev = new int[layers][];
    int[] prevCount = new int[layers];
    for (int l = 0; l < layers; l++) {
      v[l] = new double[sizes[l + 1]];
      x[l] = new double[sizes[l]];
      rx[l] = new double[sizes[l + 1]];
      psi[l] = new double[sizes[l + 1]];
      delta[l] = new double[sizes[l + 1]];
      spikes[l] = new int[sizes[l + 1]];
      prev[l] = new int[sizes[l + 1]];
    }
    int[] counts = new int[sizes[layers]];
    long squared = 0;
    int max = 0;
    for (int s : sizes) {
      max = Math.max(max, s);
    }
    boolean[] seen = new boolean[max];
    for (int t = 0; t < T; t++) {
      for (int l = 0; l < layers; l++) {
        int[] tmp = prev[l];
        prev[l] = spikes[l];
        prevCount[l] = spikeCount[l];
        spikes[l] = tmp;
        int[] in = l == 0 ? (t < input.steps() ? input.at(t) : new int[0]) : spikes[l - 1];
        int inCount = l == 0 ? in.length : spikeCount[l - 1];
        traces(x[l], in, inCount, seen);
        if (recWeight[l] != null) {
          traces(rx[l], prev[l], prevCount[l], seen);
        }
        spikeCount[l] = neuronPass(l, in, inCount, prev[l], prevCount[l], v[l], psi[l], spikes[l]);
      }
      for (int j = 0; j < spikeCount[layers - 1]; j++) {
        counts[spikes[layers - 1][j]]++;
      }
      squared += errors(label, spikes[layers - 1], spikeCount[layers - 1], psi, delta);
      for (int l = 0; l < layers; l++) {
        update(eta[l], delta[l], x[l], weight[l]);
        if (recWeight[l] != null) {
          update(eta[l], delta[l], rx[l], recWeight[l]);
        }
      }
    }
    return OtttModel.outcome(counts, label, squared, T);
  }

  private void traces(double[] x, int[] in, int count, boolean[] seen) {
    for (int c = 0; c < count; c++) {
      seen[in[c]] = true;
    }
    for (int i = 0; i < x.length; i++) {
      x[i] = OtttFloat.trace(x[i], lambda, seen[i]);
      seen[i] = false;
    }
  }

  private int neuronPass(int l, int[] in, int inCount, int[] prevSpikes, int prevCount, double[] v, double[] psi,
      int[] out) {
    double[][] w = weight[l];
    double[][] r = recWeight[l];
    int count = 0;
    for (int j = 0; j < v.length; j++) {
      double current = 0;
      if (r != null) {
        for (int c = 0; c < prevCount; c++) {
          current += r[j][prevSpikes[c]];
        }
      }
      double[] row = w[j];
      for (int c = 0; c < inCount; c++) {
        current += row[in[c]];
      }
      double v2 = lambda * v[j] + current;
      boolean s = v2 >= 1.0;
      v[j] = s ? v2 - 1.0 : v2;
      psi[j] = OtttFloat.surrogate(v2);
      if (s) {
        out[count++] = j;
      }
    }
    return count;
  }

  private long errors(int label, int[] outSpikes, int outCount, double[][] psi, double[][] delta) {
    int o = layers - 1;
    boolean[] fired = new boolean[sizes[layers]];
    for (int c = 0; c < outCount; c++) {
      fired[outSpikes[c]] = true;
    }
    long squared = 0;
    for (int k = 0; k < fired.length; k++) {
      delta[o][k] = OtttFloat.outputDelta(fired[k], k == label, psi[o][k]);
      squared += fired[k] != (k == label) ? 1 : 0;
    }
    for (int l = o - 1; l >= 0; l--) {
      double[][] wNext = weight[l + 1];
      double[] dNext = delta[l + 1];
      for (int j = 0; j < delta[l].length; j++) {
        double sum = 0;
        if (psi[l][j] != 0) {
          for (int k = 0; k < dNext.length; k++) {
            if (dNext[k] != 0) {
              sum += wNext[k][j] * dNext[k];
            }
          }
        }
        delta[l][j] = OtttFloat.hiddenDelta(psi[l][j], sum);
      }
    }
    return squared;
  }

  private static void update(double eta, double[] delta, double[] x, double[][] w) {
    int n = 0;
    int[] active = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      if (x[i] != 0) {
        active[n++] = i;
      }
    }
    for (int j = 0; j < delta.length; j++) {
      double d = delta[j];
      if (d == 0 || n == 0) {
        continue;
      }
      double[] row = w[j];
      for (int c = 0; c < n; c++) {
        int i = active[c];
        row[i] = OtttFloat.step(row[i], eta, d, x[i]);
      }
    }
  }

  @Override
  public FloatNetwork floatNetwork() {
    List<FloatLayer> ls = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      ls.add(new FloatLayer(DesireTopology.layerName(l), LayerKind.DENSE, sizes[l], sizes[l + 1], 1.0, lambda,
          ResetMode.SUBTRACT, weight[l], 0, null, null, recWeight[l], null));
    }
    return new FloatNetwork("ottt", sizes[0], cfg.timesteps(), ls, ReadoutSpec.spikeCount());
  }

  @Override
  public NetworkSpec intNetwork() {
    return null;
  }

  @Override
  public EvalReport evaluate(Dataset test, SpikeEncoder encoder, int threads) {
    return Evaluator.evaluate(floatNetwork(), test, encoder, threads, null);
  }

  /** The weights, layer by layer (feedforward then recurrent), row-major, as big-endian IEEE doubles. */
  @Override
  public byte[] state() {
    ByteBuffer b = ByteBuffer.allocate(8 * count());
    for (double[][] m : matrices()) {
      for (double[] row : m) {
        for (double w : row) {
          b.putDouble(w);
        }
      }
    }
    return b.array();
  }

  @Override
  public void restore(byte[] state) {
    if (state.length != 8 * count()) {
      throw new IllegalArgumentException("state holds " + state.length + " bytes, this network's weights " + 8 * count());
    }
    ByteBuffer b = ByteBuffer.wrap(state);
    for (double[][] m : matrices()) {
      for (double[] row : m) {
        for (int i = 0; i < row.length; i++) {
          double w = b.getDouble();
          if (!Double.isFinite(w)) {
            throw new IllegalArgumentException("weight " + w + " is not finite");
          }
          row[i] = w;
        }
      }
    }
  }

  private List<double[][]> matrices() {
    List<double[][]> m = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      m.add(weight[l]);
      if (recWeight[l] != null) {
        m.add(recWeight[l]);
      }
    }
    return m;
  }

  private int count() {
    int n = 0;
    for (double[][] m : matrices()) {
      n += m.length * m[0].length;
    }
    return n;
  }
}
