package dev.spikeforge.compiler.quantize;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.network.RandomNetworks;
import dev.spikeforge.golden.numerics.NumericsContract;
import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.NeuronSpec;
import dev.spikeforge.golden.spec.ReadoutSpec;
import dev.spikeforge.golden.spec.ResetMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small float and integer networks for the quantization tests. */
final class TestNets {
  private TestNets() {}

  /** {@code n} random 16-pixel images of 4 classes: a calibration set for the calibration tests. */
  static Dataset randomImages(int n, long seed) {
    Random r = new Random(seed);
    byte[][] x = new byte[n][16];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      r.nextBytes(x[i]);
      y[i] = r.nextInt(4);
    }
    return Dataset.ofIntensities("random", new int[] {16}, 4, x, y);
  }

  /** The seeded random 16-12-4 network of the calibration tests, as a float model. */
  static FloatNetwork random16x12x4() {
    return FloatNetwork.of(RandomNetworks.generate(RandomNetworks.Options.dense(16, 12, 4), 3));
  }

  static FloatNetwork network(FloatLayer... layers) {
    return new FloatNetwork("net", layers[0].inputSize(), 8, List.of(layers), ReadoutSpec.spikeCount());
  }

  static FloatLayer dense(String name, double[][] w, double threshold, double leak) {
    return layer(name, LayerKind.DENSE, w, threshold, leak);
  }

  static FloatLayer binarized(String name, double[][] w, double threshold, double leak) {
    return layer(name, LayerKind.BINARIZED, w, threshold, leak);
  }

  static FloatLayer layer(String name, LayerKind kind, double[][] w, double threshold, double leak) {
    return new FloatLayer(name, kind, w[0].length, w.length, threshold, leak, ResetMode.SUBTRACT, w, 0,
        null, null, null, null);
  }

  /** The same layer with weights and threshold multiplied by {@code 2^-n} (exact). */
  static FloatLayer scaled(FloatLayer l, int n) {
    return new FloatLayer(l.name(), l.kind(), l.inputSize(), l.size(), Math.scalb(l.threshold(), -n), l.leak(),
        l.reset(), scalb(l.weights(), -n), l.maxDelay(), l.axonalDelays(), l.synapticDelays(),
        scalb(l.recurrentWeights(), -n), l.recurrentDelays());
  }

  static double[][] scalb(double[][] m, int n) {
    if (m == null) {
      return null;
    }
    double[][] c = new double[m.length][];
    for (int j = 0; j < m.length; j++) {
      c[j] = new double[m[j].length];
      for (int i = 0; i < m[j].length; i++) {
        c[j][i] = Math.scalb(m[j][i], n);
      }
    }
    return c;
  }

  /**
   * A random integer network with weights in the symmetric range {@code ±(2^(w-1)-1)} and at least
   * one non-zero weight per layer; with {@code forceMax} every DENSE layer has a weight of magnitude
   * {@code 2^(w-1)-1}. Thresholds are at most {@code 2^(30-w)} when {@code smallThreshold} (so
   * that scaling them by up to {@code 2^(w-2)} stays within 32 bits).
   */
  static NetworkSpec randomSpec(Random r, boolean forceMax, boolean smallThreshold) {
    int layers = 1 + r.nextInt(3);
    int inputSize = 1 + r.nextInt(5);
    List<LayerSpec> list = new ArrayList<>();
    int in = inputSize;
    for (int l = 0; l < layers; l++) {
      int size = 1 + r.nextInt(5);
      LayerKind kind = r.nextInt(5) == 0 ? LayerKind.BINARIZED : LayerKind.DENSE;
      int width = kind == LayerKind.BINARIZED ? 1 : 2 + r.nextInt(15);
      int top = (1 << (width - 1)) - 1;
      boolean recurrent = r.nextInt(3) == 0;
      int[][] w = weights(r, kind, size, in, top);
      int[][] rw = recurrent ? weights(r, kind, size, size, top) : null;
      if (kind == LayerKind.DENSE) {
        int j = r.nextInt(size);
        int i = r.nextInt(in);
        w[j][i] = forceMax ? (r.nextBoolean() ? top : -top) : (w[j][i] == 0 ? 1 : w[j][i]);
      }
      int membrane = 2 + r.nextInt(31);
      long maxTheta = (1L << (membrane - 1)) - 1;
      if (smallThreshold) {
        maxTheta = Math.min(maxTheta, 1L << Math.max(0, 30 - Math.max(width, 2)));
      }
      long theta = 1 + (long) (r.nextDouble() * maxTheta);
      theta = Math.min(theta, maxTheta);
      int leakShift = r.nextInt(membrane);
      ResetMode reset = r.nextBoolean() ? ResetMode.SUBTRACT : ResetMode.ZERO;
      int maxDelay = r.nextInt(4);
      int[] axonal = null;
      int[][] synaptic = null;
      int[][] recDelays = null;
      if (maxDelay > 0 && r.nextBoolean()) {
        axonal = new int[in];
        synaptic = new int[size][in];
        for (int i = 0; i < in; i++) {
          axonal[i] = r.nextInt(maxDelay + 1);
          for (int j = 0; j < size; j++) {
            synaptic[j][i] = r.nextInt(maxDelay - axonal[i] + 1);
          }
        }
      }
      if (recurrent && r.nextBoolean()) {
        recDelays = new int[size][size];
        for (int[] row : recDelays) {
          for (int k = 0; k < size; k++) {
            row[k] = 1 + r.nextInt(Math.max(1, maxDelay));
          }
        }
      }
      list.add(new LayerSpec("L" + l, kind, in, size, width, new NeuronSpec(membrane, theta, leakShift, reset),
          w, maxDelay, axonal, synaptic, rw, recDelays));
      in = size;
    }
    return new NetworkSpec("rand", NumericsContract.VERSION, inputSize, 1 + r.nextInt(20), list,
        r.nextBoolean() ? ReadoutSpec.spikeCount() : ReadoutSpec.firstToFire(1 + r.nextInt(3)));
  }

  private static int[][] weights(Random r, LayerKind kind, int rows, int cols, int top) {
    int[][] w = new int[rows][cols];
    for (int[] row : w) {
      for (int i = 0; i < cols; i++) {
        row[i] = kind == LayerKind.BINARIZED ? (r.nextBoolean() ? 1 : -1) : r.nextInt(2 * top + 1) - top;
      }
    }
    return w;
  }

  /**
   * A random float network (DENSE layers only): Gaussian weights of a random magnitude, thresholds a
   * fraction of the largest row sum, leaks in (0, 1], sometimes recurrent.
   */
  static FloatNetwork randomFloat(Random r) {
    int layers = 1 + r.nextInt(3);
    int inputSize = 1 + r.nextInt(6);
    List<FloatLayer> list = new ArrayList<>();
    int in = inputSize;
    for (int l = 0; l < layers; l++) {
      int size = 1 + r.nextInt(6);
      double magnitude = Math.pow(10, -3 + 6 * r.nextDouble());
      double[][] w = gaussian(r, size, in, magnitude);
      double[][] rw = r.nextInt(3) == 0 ? gaussian(r, size, size, magnitude) : null;
      double rowMax = 0;
      for (int j = 0; j < size; j++) {
        double sum = 0;
        for (double x : w[j]) {
          sum += Math.abs(x);
        }
        rowMax = Math.max(rowMax, sum);
      }
      double theta = (0.05 + r.nextDouble()) * rowMax;
      double leak = r.nextInt(4) == 0 ? 1.0 : 1.0 - r.nextDouble() * 0.999;
      list.add(new FloatLayer("F" + l, LayerKind.DENSE, in, size, theta, leak,
          r.nextBoolean() ? ResetMode.SUBTRACT : ResetMode.ZERO, w, 0, null, null, rw, null));
      in = size;
    }
    return new FloatNetwork("rand", inputSize, 10, list, ReadoutSpec.spikeCount());
  }

  private static double[][] gaussian(Random r, int rows, int cols, double magnitude) {
    double[][] w = new double[rows][cols];
    for (double[] row : w) {
      for (int i = 0; i < cols; i++) {
        row[i] = r.nextGaussian() * magnitude;
      }
    }
    w[0][0] = w[0][0] == 0 ? magnitude : w[0][0];
    return w;
  }
}
