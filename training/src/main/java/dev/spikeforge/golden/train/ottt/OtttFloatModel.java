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
import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.ReadoutSpec;
import dev.spikeforge.golden.spec.ResetMode;
import dev.spikeforge.golden.train.StateCodec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * OTTT's float form (docs/learning.md Part III §2): double weights in threshold units (θ = 1), leak
 * {@code λ = 1 − 2^−k}, reset by subtraction, traces {@code â ← λ·â + s}, the weights changed after
 * every step. A neuron's current adds the recurrent terms first, then the feedforward ones, each in
 * ascending source order.
 */
final class OtttFloatModel extends OtttModel {
  private final double lambda;
  private final double[] eta;
  private final double[][][] weight;
  private final double[][][] recWeight;

  OtttFloatModel(OtttConfig cfg) {
    super(cfg);
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
  Sample begin(int epoch, long position) {
    return new FloatSample();
  }

  /** Membranes, traces {@code x} (feedforward) and {@code rx} (recurrent), surrogate gradients ψ and errors δ. */
  private final class FloatSample implements Sample {
    private final double[][] v = new double[layers][];
    private final double[][] x = new double[layers][];
    private final double[][] rx = new double[layers][];
    private final double[][] psi = new double[layers][];
    private final double[][] delta = new double[layers][];

    FloatSample() {
      for (int l = 0; l < layers; l++) {
        v[l] = new double[sizes[l + 1]];
        x[l] = new double[sizes[l]];
        rx[l] = new double[sizes[l + 1]];
        psi[l] = new double[sizes[l + 1]];
        delta[l] = new double[sizes[l + 1]];
      }
    }

    @Override
    public void traces(int l, boolean recurrent, boolean[] spiked) {
      double[] a = recurrent ? rx[l] : x[l];
      for (int i = 0; i < a.length; i++) {
        a[i] = OtttFloat.trace(a[i], lambda, spiked[i]);
      }
    }

    @Override
    public int fire(int l, int[] in, int inCount, int[] prevSpikes, int prevCount, int[] out) {
      double[][] w = weight[l];
      double[][] r = recWeight[l];
      double[] vl = v[l];
      int count = 0;
      for (int j = 0; j < vl.length; j++) {
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
        double v2 = lambda * vl[j] + current;
        boolean s = v2 >= 1.0;
        vl[j] = s ? v2 - 1.0 : v2;
        psi[l][j] = OtttFloat.surrogate(v2);
        if (s) {
          out[count++] = j;
        }
      }
      return count;
    }

    @Override
    public void errors(int label, boolean[] fired) {
      int o = layers - 1;
      for (int k = 0; k < fired.length; k++) {
        delta[o][k] = OtttFloat.outputDelta(fired[k], k == label, psi[o][k]);
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
    }

    @Override
    public void learn(int l) {
      update(eta[l], delta[l], x[l], weight[l]);
      if (recWeight[l] != null) {
        update(eta[l], delta[l], rx[l], recWeight[l]);
      }
    }
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
  FloatNetwork floatNetwork() {
    List<FloatLayer> ls = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      ls.add(new FloatLayer(DesireTopology.layerName(l), LayerKind.DENSE, sizes[l], sizes[l + 1], 1.0, lambda,
          ResetMode.SUBTRACT, weight[l], 0, null, null, recWeight[l], null));
    }
    return new FloatNetwork("ottt", sizes[0], cfg.timesteps(), ls, ReadoutSpec.spikeCount());
  }

  @Override
  NetworkSpec intNetwork() {
    return null;
  }

  @Override
  EvalReport evaluate(Dataset test, SpikeEncoder encoder, int threads) {
    return Evaluator.evaluate(floatNetwork(), test, encoder, threads, null);
  }

  /** The weights, layer by layer (feedforward then recurrent), row-major, as big-endian IEEE doubles. */
  @Override
  byte[] state() {
    ByteBuffer b = ByteBuffer.allocate(8 * StateCodec.doubles(matrices()));
    StateCodec.putDoubles(b, matrices());
    return b.array();
  }

  @Override
  void restore(byte[] state) {
    StateCodec.checkLength(state, 8 * StateCodec.doubles(matrices()), "weights");
    StateCodec.getDoubles(ByteBuffer.wrap(state), matrices(), StateCodec.finite("weight"));
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
}
