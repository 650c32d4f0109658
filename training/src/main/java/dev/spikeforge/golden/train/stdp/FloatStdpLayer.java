package dev.spikeforge.golden.train.stdp;

import dev.spikeforge.golden.learning.KaimingNormal;
import dev.spikeforge.golden.learning.stdp.StdpFloat;
import dev.spikeforge.golden.numerics.Lfsr;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The float form of the STDP layer (docs/learning.md Part IV §2): real weights in the integer form's
 * units (threshold {@code 2^q}, clipped to {@code ±(2^(B−1) − 1)}), membranes {@code v' = λv + I}
 * reset by subtraction, traces and steps of {@link StdpFloat}.
 */
final class FloatStdpLayer extends StdpLayer {
  private final double threshold;
  private final double leak;
  private final double bound;
  private final double ltpRate;
  private final double ltdRate;
  final double[][] weight;
  final double[][] recWeight;
  private final double[] v;
  private final double[][] pending;
  private final double[][] inTrace;
  private final double[][] postTrace;
  private final double[][][] recTrace;

  FloatStdpLayer(StdpConfig cfg) {
    super(cfg);
    threshold = Math.scalb(1.0, cfg.thresholdShift());
    leak = cfg.leakShift() == 0 ? 1.0 : 1.0 - Math.scalb(1.0, -cfg.leakShift());
    bound = Math.scalb(1.0, cfg.weightBits() - 1) - 1;
    ltpRate = Math.scalb(1.0, cfg.lrLog2()[0]);
    ltdRate = Math.scalb(1.0, cfg.lrLog2()[1]);
    double[][] init = KaimingNormal.weights(new int[] {inputs, size}, cfg.seed())[0];
    weight = new double[size][inputs];
    for (int j = 0; j < size; j++) {
      for (int i = 0; i < inputs; i++) {
        weight[j][i] = Math.max(-bound, Math.min(bound, init[j][i] * threshold));
      }
    }
    recWeight = new double[size][size];
    v = new double[size];
    pending = new double[ring][size];
    inTrace = new double[shifts][inputs];
    postTrace = new double[shifts][size];
    recTrace = new double[ring][shifts][size];
  }

  /** The membrane threshold, {@code 2^q}. */
  double threshold() {
    return threshold;
  }

  /** The membrane decay λ. */
  double leak() {
    return leak;
  }

  @Override
  void clearState() {
    Arrays.fill(v, 0);
    for (double[] a : pending) {
      Arrays.fill(a, 0);
    }
    for (double[] a : inTrace) {
      Arrays.fill(a, 0);
    }
    for (double[] a : postTrace) {
      Arrays.fill(a, 0);
    }
    for (double[][] s : recTrace) {
      for (double[] a : s) {
        Arrays.fill(a, 0);
      }
    }
  }

  @Override
  boolean integrate(int j, int[] in, int slot) {
    double current = pending[slot][j];
    pending[slot][j] = 0;
    double[] row = weight[j];
    for (int i : in) {
      current += row[i];
    }
    double v2 = leak * v[j] + current;
    boolean s = v2 >= threshold;
    v[j] = s ? v2 - threshold : v2;
    return s;
  }

  @Override
  void stepTraces(boolean[] inSpike, boolean[] fired, int slot) {
    boolean pair = cfg.pair();
    double[][] now = recTrace[slot];
    for (int s = 0; s < shifts; s++) {
      int k = minShift + s;
      for (int i = 0; i < inputs; i++) {
        inTrace[s][i] = StdpFloat.trace(inTrace[s][i], k, inSpike[i], pair);
      }
      for (int j = 0; j < size; j++) {
        postTrace[s][j] = StdpFloat.trace(postTrace[s][j], k, fired[j], pair);
        now[s][j] = postTrace[s][j];
      }
    }
  }

  @Override
  void depressInput(int j, int i, int shift, Lfsr rng) {
    weight[j][i] = StdpFloat.depress(weight[j][i], ltdRate, postTrace[shift - minShift][j], bound);
  }

  @Override
  void depressRecurrent(int j, int k, int shift, Lfsr rng) {
    recWeight[j][k] = StdpFloat.depress(recWeight[j][k], ltdRate, postTrace[shift - minShift][j], bound);
  }

  @Override
  void potentiateInput(int j, int i, int shift, Lfsr rng) {
    weight[j][i] = StdpFloat.potentiate(weight[j][i], ltpRate, inTrace[shift - minShift][i], bound);
  }

  @Override
  void potentiateRecurrent(int j, int k, int shift, int slot, Lfsr rng) {
    recWeight[j][k] = StdpFloat.potentiate(recWeight[j][k], ltpRate, recTrace[slot][shift - minShift][k], bound);
  }

  @Override
  void send(int k, int t) {
    for (int j = 0; j < size; j++) {
      if (j != k) {
        pending[(t + delay(j, k)) % ring][j] += recWeight[j][k];
      }
    }
  }

  @Override
  void write(ByteBuffer b) {
    for (double[][] m : new double[][][] {weight, recWeight}) {
      for (double[] row : m) {
        for (double w : row) {
          b.putDouble(w);
        }
      }
    }
  }

  @Override
  void read(ByteBuffer b) {
    for (double[][] m : new double[][][] {weight, recWeight}) {
      for (double[] row : m) {
        for (int i = 0; i < row.length; i++) {
          double w = b.getDouble();
          if (!(Math.abs(w) <= bound)) {
            throw new IllegalArgumentException("weight " + w + " is outside ±" + bound);
          }
          row[i] = w;
        }
      }
    }
  }

  @Override
  int stateBytes() {
    return 8 * size * (inputs + size);
  }
}
