package dev.spikeforge.golden.train.na;

import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.train.SampleOutcome;
import java.util.Arrays;

/**
 * One sample of NA (docs/learning.md Part V §2–§3) on a feedforward float LIF network: the forward
 * pass of every layer over all T steps (the golden float model: {@code v' = λ·v + I}, spike when
 * {@code v' ≥ 1}, reset by subtraction, delay 0 between layers), then, from the output layer down, the
 * neighbourhood estimate of {@code g_j[t] = dL/dv'_j[t]} of every neuron and the weight gradient
 * {@code dL/dW_ji = Σ_t g_j[t]·s_i[t]} added to the caller's accumulator. A hidden neuron's loss
 * differences are first order in the layer above: a spike change {@code Δs_i[τ]} changes the loss by
 * {@code e_i[τ]·Δs_i[τ]} with {@code e_i[τ] = Σ_j W_ji·g_j[τ]} (its spike kicks {@code v'_j[τ]} by W_ji);
 * the output layer's are exact differences of the {@link CountLoss}. Buffers are reused from sample to
 * sample; each worker writes the neurons of its own range only.
 */
final class NaNetwork {
  private final NaConfig cfg;
  private final int layers;
  private final int[] sizes;
  private final int steps;
  private final double leak;
  /** [l][j][i]. */
  final double[][][] weight;
  /** [l][j][t]: input current, pre-reset membrane, spike, estimate g of neuron j of layer l. */
  private final double[][][] current;
  private final double[][][] pre;
  private final boolean[][][] spike;
  private final double[][][] g;
  /** [l][t]: the spikes into layer l at step t (ascending neuron order) and their number. */
  private final int[][][] in;
  private final int[][] inCount;
  private final Neighbourhood[] hood;
  private final double[][] upstream;

  NaNetwork(NaConfig cfg, double[][][] initial, int workers) {
    this.cfg = cfg;
    this.layers = cfg.layers();
    this.sizes = cfg.sizes();
    this.steps = cfg.timesteps();
    this.leak = cfg.leak();
    weight = initial;
    current = new double[layers][][];
    pre = new double[layers][][];
    spike = new boolean[layers][][];
    g = new double[layers][][];
    in = new int[layers][steps][];
    inCount = new int[layers][steps];
    for (int l = 0; l < layers; l++) {
      current[l] = new double[sizes[l + 1]][steps];
      pre[l] = new double[sizes[l + 1]][steps];
      spike[l] = new boolean[sizes[l + 1]][steps];
      g[l] = new double[sizes[l + 1]][steps];
      for (int t = 0; t < steps; t++) {
        in[l][t] = new int[sizes[l]];
      }
    }
    hood = new Neighbourhood[workers];
    upstream = new double[workers][steps];
    for (int w = 0; w < workers; w++) {
      hood[w] = new Neighbourhood(leak, cfg.neighbours(), cfg.step(), steps);
    }
  }

  /** The forward pass of one sample; returns the output spike counts. */
  int[] forward(SpikeRaster input, Workers workers) {
    for (int t = 0; t < steps; t++) {
      int[] a = t < input.steps() ? input.at(t) : new int[0];
      System.arraycopy(a, 0, in[0][t], 0, a.length);
      inCount[0][t] = a.length;
    }
    for (int l = 0; l < layers; l++) {
      int layer = l;
      workers.forRanges(sizes[l + 1], (w, from, to) -> {
        for (int j = from; j < to; j++) {
          forwardNeuron(layer, j);
        }
      });
      if (l + 1 < layers) {
        for (int t = 0; t < steps; t++) {
          int n = 0;
          for (int j = 0; j < sizes[l + 1]; j++) {
            if (spike[l][j][t]) {
              in[l + 1][t][n++] = j;
            }
          }
          inCount[l + 1][t] = n;
        }
      }
    }
    int[] counts = new int[sizes[layers]];
    for (int k = 0; k < counts.length; k++) {
      for (int t = 0; t < steps; t++) {
        counts[k] += spike[layers - 1][k][t] ? 1 : 0;
      }
    }
    return counts;
  }

  private void forwardNeuron(int l, int j) {
    double[] row = weight[l][j];
    double[] cur = current[l][j];
    double[] p = pre[l][j];
    boolean[] s = spike[l][j];
    double v = 0;
    for (int t = 0; t < steps; t++) {
      int[] list = in[l][t];
      int n = inCount[l][t];
      double c = 0;
      for (int k = 0; k < n; k++) {
        c += row[list[k]];
      }
      double u = leak * v + c;
      cur[t] = c;
      p[t] = u;
      s[t] = u >= 1.0;
      v = s[t] ? u - 1.0 : u;
    }
  }

  /**
   * Runs one sample forward and backward, adding {@code dL/dW} to {@code grad} ({@code [l][j][i]});
   * returns how the forward pass did, with the sample's loss.
   */
  SampleOutcome train(SpikeRaster input, int label, double[][][] grad, Workers workers) {
    int[] counts = forward(input, workers);
    CountLoss loss = new CountLoss(cfg.logitScale(), counts, label);
    backward(loss, grad, workers);
    return SampleOutcome.ofCounts(counts, label, loss.loss());
  }

  /** The estimates of every layer from the output down, and the weight gradients. */
  void backward(CountLoss loss, double[][][] grad, Workers workers) {
    for (int l = layers - 1; l >= 0; l--) {
      int layer = l;
      workers.forRanges(sizes[l + 1], (w, from, to) -> {
        for (int j = from; j < to; j++) {
          estimate(layer, j, w, loss);
          accumulate(layer, j, grad[layer][j]);
        }
      });
    }
  }

  private void estimate(int l, int j, int worker, CountLoss loss) {
    Neighbourhood.LossChange change;
    if (l == layers - 1) {
      change = (ds, from) -> {
        int dc = 0;
        for (int t = from; t < steps; t++) {
          dc += ds[t];
        }
        return loss.change(j, dc);
      };
    } else {
      double[] e = upstream[worker];
      Arrays.fill(e, 0);
      double[][] wUp = weight[l + 1];
      double[][] gUp = g[l + 1];
      for (int k = 0; k < wUp.length; k++) {
        double wkj = wUp[k][j];
        double[] gk = gUp[k];
        for (int t = 0; t < steps; t++) {
          e[t] += wkj * gk[t];
        }
      }
      change = (ds, from) -> {
        double d = 0;
        for (int t = from; t < steps; t++) {
          if (ds[t] != 0) {
            d += ds[t] * e[t];
          }
        }
        return d;
      };
    }
    hood[worker].estimate(current[l][j], pre[l][j], spike[l][j], change, g[l][j]);
  }

  private void accumulate(int l, int j, double[] gradRow) {
    double[] gj = g[l][j];
    for (int t = 0; t < steps; t++) {
      double d = gj[t];
      if (d == 0) {
        continue;
      }
      int[] list = in[l][t];
      int n = inCount[l][t];
      for (int k = 0; k < n; k++) {
        gradRow[list[k]] += d;
      }
    }
  }

  /** The estimates {@code g[l][j][t]} of the last {@link #train} (for tests). */
  double[][][] estimates() {
    return g;
  }

  /** Spikes {@code [l][j][t]} of the last forward pass (for tests). */
  boolean[][][] spikes() {
    return spike;
  }

  /** Pre-reset membranes {@code [l][j][t]} of the last forward pass (for tests). */
  double[][][] membranes() {
    return pre;
  }
}
