package dev.spikeforge.golden.train.stdp;

import dev.spikeforge.golden.learning.KaimingNormal;
import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.learning.stdp.StdpFloat;
import dev.spikeforge.golden.numerics.Lfsr;
import dev.spikeforge.golden.train.StateCodec;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The float form of the STDP layer (docs/learning.md Part IV §2): real weights in the integer form's
 * units (threshold {@code 2^q}, clipped to {@code ±(2^(B−1) − 1)}), membranes {@code v' = λv + I}
 * reset by subtraction, traces and steps of {@link StdpFloat}.
 */
final class FloatStdpLayer extends StdpLayer {
  private final double threshold;
  /** [size] each hidden neuron's decay λ_j = 1 − 2^−k_j (1 when k_j = 0). */
  private final double[] leak;
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
  /** Synaptic scaling's target sums of the feed-forward weights, per neuron (null without scaling). */
  final double[] target;
  private final int scalingShift;

  FloatStdpLayer(StdpConfig cfg) {
    super(cfg);
    threshold = Math.scalb(1.0, cfg.thresholdShift());
    leak = new double[size];
    for (int j = 0; j < size; j++) {
      leak[j] = decay(leakShifts[j]);
    }
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
    for (int j = 0; j < size; j++) {
      for (int k = 0; k < size; k++) {
        recWeight[j][k] = k == j ? 0 : -cfg.homeostasis().inhibition();
      }
    }
    target = cfg.homeostasis().scaling() ? new double[size] : null;
    if (target != null) {
      for (int j = 0; j < size; j++) {
        target[j] = rowSum(j);
      }
    }
    scalingShift = StdpHomeostasis.scalingShift(inputs);
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

  /** The membrane decay λ of leak shift k: {@code 1 − 2^−k}, or 1 when k = 0. */
  static double decay(int k) {
    return FloatLayer.decay(k);
  }

  /** Each hidden neuron's decay λ_j (a copy). */
  double[] leaks() {
    return leak.clone();
  }

  /** The membrane decay λ of the layer (with heterogeneous leaks: of its nominal shift, {@code cfg.leakShift()}). */
  double leak() {
    return decay(cfg.leakShift());
  }

  @Override
  void clearState() {
    zero(v, pending, inTrace, postTrace, recTrace);
  }

  @Override
  void addInput(int slot, int j, int i) {
    pending[slot][j] += weight[j][i];
  }

  @Override
  void addRecurrent(int slot, int j, int k) {
    pending[slot][j] += recWeight[j][k];
  }

  @Override
  boolean fire(int j, int slot) {
    double current = pending[slot][j];
    pending[slot][j] = 0;
    double v2 = leak[j] * v[j] + current;
    boolean s = v2 >= threshold;
    v[j] = s ? v2 - threshold : v2;
    return s;
  }

  @Override
  void stepInputTrace(int s, int k, int i, boolean spike) {
    inTrace[s][i] = StdpFloat.trace(inTrace[s][i], k, spike, cfg.pair());
  }

  @Override
  void stepHiddenTrace(int s, int k, int j, boolean fired, int slot) {
    postTrace[s][j] = StdpFloat.trace(postTrace[s][j], k, fired, cfg.pair());
    recTrace[slot][s][j] = postTrace[s][j];
  }

  /** The sum of neuron j's feed-forward weights, inputs ascending. */
  private double rowSum(int j) {
    double sum = 0;
    for (double x : weight[j]) {
      sum += x;
    }
    return sum;
  }

  @Override
  void lowerRow(int j, int excess) {
    double d = StdpFloat.rateStep(excess, cfg.homeostasis().rateLog2());
    if (d == 0) {
      return;
    }
    for (int i = 0; i < inputs; i++) {
      weight[j][i] = StdpFloat.lower(weight[j][i], d, bound);
    }
    for (int k = 0; k < size; k++) {
      if (k != j) {
        recWeight[j][k] = StdpFloat.lower(recWeight[j][k], d, bound);
      }
    }
    if (target != null) {
      target[j] -= inputs * d;
    }
  }

  @Override
  void scaleRow(int j) {
    double c = StdpFloat.scalingStep(rowSum(j) - target[j], scalingShift);
    for (int i = 0; i < inputs; i++) {
      weight[j][i] = StdpFloat.lower(weight[j][i], c, bound);
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
  void write(ByteBuffer b) {
    StateCodec.putDoubles(b, List.of(weight, recWeight));
    if (target != null) {
      for (double x : target) {
        b.putDouble(x);
      }
    }
  }

  @Override
  void read(ByteBuffer b) {
    StateCodec.getDoubles(b, List.of(weight, recWeight), w -> {
      if (!(Math.abs(w) <= bound)) {
        throw new IllegalArgumentException("weight " + w + " is outside ±" + bound);
      }
    });
    if (target != null) {
      for (int j = 0; j < size; j++) {
        double x = b.getDouble();
        if (!Double.isFinite(x)) {
          throw new IllegalArgumentException("scaling target " + x + " of neuron " + j + " is not finite");
        }
        target[j] = x;
      }
    }
  }

  @Override
  int stateBytes() {
    return 8 * size * (inputs + size) + (target == null ? 0 : 8 * size);
  }
}
