package dev.spikeforge.golden.train.stdp;

import dev.spikeforge.golden.train.LinearReadoutFit;
import dev.spikeforge.golden.train.StateCodec;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * The linear readout on the hidden layer's spike counts (docs/learning.md Part IV §4): the exact
 * integer sums {@code XᵀX} and {@code XᵀY} of the counts of one epoch's samples, and the ridge
 * weights {@code W = (XᵀX + λI)⁻¹XᵀY} solved from the last complete epoch's sums (zero before the
 * first). A new epoch solves the previous one's sums and starts empty; the weights a network gets
 * are those of the sums so far when any, else the last solved ones.
 */
final class CountReadout {
  private final int features;
  private final int classes;
  private final double ridge;
  private final long[] xtx;
  private final long[] xty;
  private long samples;
  private int epoch = -1;
  private double[][] solved;

  CountReadout(int features, int classes, double ridge) {
    this.features = features;
    this.classes = classes;
    this.ridge = ridge;
    xtx = new long[features * features];
    xty = new long[features * classes];
    solved = new double[classes][features];
  }

  /** Starts collecting {@code e}'s samples: the sums of an earlier epoch are solved and cleared. */
  void begin(int e) {
    if (e == epoch) {
      return;
    }
    if (samples > 0) {
      solved = solve();
    }
    Arrays.fill(xtx, 0);
    Arrays.fill(xty, 0);
    samples = 0;
    epoch = e;
  }

  /** Adds one sample's counts and label to the sums (upper triangle of XᵀX). */
  void add(int[] counts, int label) {
    for (int a = 0; a < features; a++) {
      long ca = counts[a];
      if (ca == 0) {
        continue;
      }
      for (int b = a; b < features; b++) {
        xtx[a * features + b] += ca * counts[b];
      }
      xty[a * classes + label] += ca;
    }
    samples++;
  }

  /** The weights of the sums so far, or of the last complete epoch when none were added. */
  double[][] weights() {
    return samples > 0 ? solve() : copy(solved);
  }

  /** The weights of the last complete epoch (what the samples of this epoch are classified with). */
  double[][] solvedWeights() {
    return copy(solved);
  }

  private double[][] solve() {
    double[] a = new double[xtx.length];
    for (int i = 0; i < a.length; i++) {
      a[i] = xtx[i];
    }
    double[] y = new double[xty.length];
    for (int i = 0; i < y.length; i++) {
      y[i] = xty[i];
    }
    return LinearReadoutFit.ridge(a, y, features, classes, ridge);
  }

  private static double[][] copy(double[][] w) {
    double[][] c = new double[w.length][];
    for (int k = 0; k < w.length; k++) {
      c[k] = w[k].clone();
    }
    return c;
  }

  /** The scores {@code W·counts}. */
  static double[] scores(double[][] w, int[] counts) {
    double[] s = new double[w.length];
    for (int k = 0; k < w.length; k++) {
      double acc = 0;
      for (int j = 0; j < counts.length; j++) {
        acc += w[k][j] * counts[j];
      }
      s[k] = acc;
    }
    return s;
  }

  int stateBytes() {
    return 8 * (2 + xtx.length + xty.length + classes * features);
  }

  void write(ByteBuffer b) {
    b.putLong(samples);
    b.putLong(epoch);
    for (long x : xtx) {
      b.putLong(x);
    }
    for (long x : xty) {
      b.putLong(x);
    }
    StateCodec.putDoubles(b, List.<double[][]>of(solved));
  }

  void read(ByteBuffer b) {
    long n = b.getLong();
    long e = b.getLong();
    if (n < 0 || e < -1 || e > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("readout sums of " + n + " samples in epoch " + e + " are not a state");
    }
    samples = n;
    epoch = (int) e;
    for (int i = 0; i < xtx.length; i++) {
      xtx[i] = b.getLong();
    }
    for (int i = 0; i < xty.length; i++) {
      xty[i] = b.getLong();
    }
    StateCodec.getDoubles(b, List.<double[][]>of(solved), StateCodec.finite("readout weight"));
  }
}
