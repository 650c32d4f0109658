package dev.spikeforge.golden.network;

import dev.spikeforge.golden.numerics.Fx;
import dev.spikeforge.golden.numerics.NumericsContract;
import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.NeuronSpec;
import dev.spikeforge.golden.spec.ReadoutSpec;
import dev.spikeforge.golden.spec.ResetMode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded generator of random valid integer networks, for property tests at every level (golden
 * model, RTL) and for throughput benchmarks. Same options and seed → the same network.
 */
public final class RandomNetworks {
  private RandomNetworks() {}

  /**
   * What to generate.
   *
   * @param sizes input size followed by each layer's size
   * @param timesteps T
   * @param weightWidth signed weight width (DENSE layers)
   * @param membraneWidth signed membrane width
   * @param maxDelay 0 for no delays
   * @param axonal use axonal delays (when maxDelay > 0)
   * @param synaptic use synaptic delays (when maxDelay > 0)
   * @param recurrent make hidden layers recurrent
   * @param binarizedHidden make hidden layers BINARIZED
   * @param readout readout of the network
   * @param thresholdFraction threshold as a fraction of the membrane maximum, in (0, 1]
   */
  public record Options(
      int[] sizes,
      int timesteps,
      int weightWidth,
      int membraneWidth,
      int maxDelay,
      boolean axonal,
      boolean synaptic,
      boolean recurrent,
      boolean binarizedHidden,
      ReadoutSpec readout,
      double thresholdFraction) {

    public static Options dense(int... sizes) {
      return new Options(sizes, 20, 8, 16, 0, false, false, false, false, ReadoutSpec.spikeCount(), 0.02);
    }
  }

  public static NetworkSpec generate(Options o, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<LayerSpec> layers = new ArrayList<>();
    int nLayers = o.sizes().length - 1;
    for (int l = 0; l < nLayers; l++) {
      int in = o.sizes()[l];
      int size = o.sizes()[l + 1];
      boolean hidden = l < nLayers - 1;
      LayerKind kind = hidden && o.binarizedHidden() ? LayerKind.BINARIZED : LayerKind.DENSE;
      int ww = kind == LayerKind.BINARIZED ? 1 : o.weightWidth();
      long mmax = Fx.max(o.membraneWidth(), true);
      long threshold = Math.max(1, Math.min(mmax, Math.round(mmax * o.thresholdFraction())));
      if (kind == LayerKind.BINARIZED) {
        threshold = Math.max(1, Math.min(threshold, Math.max(1, in / 8)));
      }
      NeuronSpec neuron = new NeuronSpec(o.membraneWidth(), threshold, rnd.nextInt(Math.min(5, o.membraneWidth())),
          rnd.nextBoolean() ? ResetMode.SUBTRACT : ResetMode.ZERO);
      int[][] w = matrix(rnd, size, in, kind, ww);
      int[] ax = null;
      int[][] syn = null;
      if (o.maxDelay() > 0 && o.axonal()) {
        ax = new int[in];
        for (int i = 0; i < in; i++) {
          ax[i] = rnd.nextInt(o.maxDelay() + 1);
        }
      }
      if (o.maxDelay() > 0 && o.synaptic()) {
        syn = new int[size][in];
        for (int j = 0; j < size; j++) {
          for (int i = 0; i < in; i++) {
            syn[j][i] = rnd.nextInt(o.maxDelay() - (ax == null ? 0 : ax[i]) + 1);
          }
        }
      }
      int[][] rw = null;
      int[][] rd = null;
      if (hidden && o.recurrent()) {
        rw = matrix(rnd, size, size, kind, ww);
        if (o.maxDelay() > 1) {
          rd = new int[size][size];
          for (int j = 0; j < size; j++) {
            for (int k = 0; k < size; k++) {
              rd[j][k] = 1 + rnd.nextInt(o.maxDelay());
            }
          }
        }
      }
      layers.add(new LayerSpec("l" + l, kind, in, size, ww, neuron, w, o.maxDelay(), ax, syn, rw, rd));
    }
    return new NetworkSpec("random_" + Long.toHexString(seed).replace('-', 'm'), NumericsContract.VERSION,
        o.sizes()[0], o.timesteps(), layers, o.readout());
  }

  private static int[][] matrix(SplittableRandom rnd, int rows, int cols, LayerKind kind, int width) {
    int[][] m = new int[rows][cols];
    long lo = Fx.min(width, true);
    long hi = Fx.max(width, true);
    for (int j = 0; j < rows; j++) {
      for (int i = 0; i < cols; i++) {
        m[j][i] = kind == LayerKind.BINARIZED ? (rnd.nextBoolean() ? 1 : -1) : (int) rnd.nextLong(lo, hi + 1);
      }
    }
    return m;
  }
}
