package dev.spikeforge.golden.train.stdp;

import dev.spikeforge.golden.learning.DesireBackpropInt;
import dev.spikeforge.golden.learning.KaimingNormal;
import dev.spikeforge.golden.learning.ottt.OtttInt;
import dev.spikeforge.golden.learning.stdp.StdpInt;
import dev.spikeforge.golden.neuron.Lif;
import dev.spikeforge.golden.numerics.Fx;
import dev.spikeforge.golden.numerics.Lfsr;
import dev.spikeforge.golden.spec.NeuronSpec;
import dev.spikeforge.golden.spec.ResetMode;
import dev.spikeforge.golden.train.StateCodec;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The integer form of the STDP layer (docs/learning.md Part IV §3): shadow weights of B + E bits,
 * forward weights {@code sat_B(shr^HALF_UP_E(sh))}, traces of F fraction bits through {@link
 * StdpInt}, the LIF update of {@code neuron.Lif} (so a layer that does not learn is {@code
 * IntSimulator}'s, bit for bit).
 */
final class IntStdpLayer extends StdpLayer {
  private final StdpConfig.IntParams p;
  /** [size] each hidden neuron's LIF parameters (its own leak shift). */
  private final NeuronSpec[] neurons;
  private final int shadowWidth;
  private final int ltpShift;
  private final int ltdShift;
  /** [j][i] and [j][k]. */
  final int[][] shadow;
  final int[][] weight;
  final int[][] recShadow;
  final int[][] recWeight;
  private final long[] v;
  private final long[][] pending;
  /** [shift][i] input traces, [shift][j] postsynaptic traces, [slot][shift][k] hidden presynaptic traces. */
  private final long[][] inTrace;
  private final long[][] postTrace;
  private final long[][][] recTrace;
  /** Synaptic scaling's target sums of the feed-forward shadow weights, per neuron (null without scaling). */
  final long[] target;
  private final int scalingShift;

  IntStdpLayer(StdpConfig cfg) {
    super(cfg);
    p = cfg.intParams();
    neurons = new NeuronSpec[size];
    for (int j = 0; j < size; j++) {
      neurons[j] = neuron(cfg, leakShifts[j]);
    }
    shadowWidth = cfg.weightBits() + p.shadowBits();
    ltpShift = OtttInt.updateShift(p.traceFracBits(), p.shadowBits(), cfg.lrLog2()[0]);
    ltdShift = OtttInt.updateShift(p.traceFracBits(), p.shadowBits(), cfg.lrLog2()[1]);
    double[][] init = KaimingNormal.weights(new int[] {inputs, size}, cfg.seed())[0];
    shadow = new int[size][inputs];
    weight = new int[size][inputs];
    recShadow = new int[size][size];
    recWeight = new int[size][size];
    for (int j = 0; j < size; j++) {
      for (int i = 0; i < inputs; i++) {
        shadow[j][i] = DesireBackpropInt.initialShadow(init[j][i], cfg.thresholdShift(), p.shadowBits(), shadowWidth);
        weight[j][i] = forward(shadow[j][i]);
      }
      for (int k = 0; k < size; k++) {
        recShadow[j][k] = k == j ? 0 : (int) Fx.saturate(-((long) cfg.homeostasis().inhibition() << p.shadowBits()),
            shadowWidth, true);
        recWeight[j][k] = forward(recShadow[j][k]);
      }
    }
    target = cfg.homeostasis().scaling() ? new long[size] : null;
    if (target != null) {
      for (int j = 0; j < size; j++) {
        target[j] = rowSum(j);
      }
    }
    scalingShift = StdpHomeostasis.scalingShift(inputs);
    v = new long[size];
    pending = new long[ring][size];
    inTrace = new long[shifts][inputs];
    postTrace = new long[shifts][size];
    recTrace = new long[ring][shifts][size];
  }

  /**
   * The hidden layer's neuron: threshold {@code 2^q}, leak shift {@code cfg.leakShift()} (with heterogeneous leaks
   * the layer's nominal one; each neuron's own is in the layer's {@code leakShifts}), reset by subtraction.
   */
  static NeuronSpec neuron(StdpConfig cfg) {
    return neuron(cfg, cfg.leakShift());
  }

  private static NeuronSpec neuron(StdpConfig cfg, int leakShift) {
    return new NeuronSpec(cfg.membraneBits(), 1L << cfg.thresholdShift(), leakShift, ResetMode.SUBTRACT);
  }

  private int forward(int sh) {
    return OtttInt.forwardWeight(sh, p.shadowBits(), cfg.weightBits());
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
    long current = pending[slot][j];
    pending[slot][j] = 0;
    NeuronSpec n = neurons[j];
    long v2 = Lif.integrate(n, v[j], current);
    boolean s = v2 >= n.threshold();
    v[j] = Lif.reset(n, v2, s);
    return s;
  }

  @Override
  void stepInputTrace(int s, int k, int i, boolean spike) {
    inTrace[s][i] = StdpInt.trace(inTrace[s][i], k, p.traceFracBits(), spike, cfg.pair());
  }

  @Override
  void stepHiddenTrace(int s, int k, int j, boolean fired, int slot) {
    postTrace[s][j] = StdpInt.trace(postTrace[s][j], k, p.traceFracBits(), fired, cfg.pair());
    recTrace[slot][s][j] = postTrace[s][j];
  }

  private long rowSum(int j) {
    long sum = 0;
    for (int x : shadow[j]) {
      sum += x;
    }
    return sum;
  }

  @Override
  void lowerRow(int j, int excess) {
    long d = StdpInt.rateStep(excess, cfg.homeostasis().rateLog2(), p.shadowBits());
    if (d == 0) {
      return;
    }
    for (int i = 0; i < inputs; i++) {
      shadow[j][i] = StdpInt.lower(shadow[j][i], d, shadowWidth);
      weight[j][i] = forward(shadow[j][i]);
    }
    for (int k = 0; k < size; k++) {
      if (k != j) {
        recShadow[j][k] = StdpInt.lower(recShadow[j][k], d, shadowWidth);
        recWeight[j][k] = forward(recShadow[j][k]);
      }
    }
    if (target != null) {
      target[j] -= inputs * d;
    }
  }

  @Override
  void scaleRow(int j) {
    long c = StdpInt.scalingStep(rowSum(j) - target[j], scalingShift);
    if (c == 0) {
      return;
    }
    for (int i = 0; i < inputs; i++) {
      shadow[j][i] = StdpInt.lower(shadow[j][i], c, shadowWidth);
      weight[j][i] = forward(shadow[j][i]);
    }
  }

  @Override
  void depressInput(int j, int i, int shift, Lfsr rng) {
    depress(shadow, weight, j, i, postTrace[shift - minShift][j], rng);
  }

  @Override
  void depressRecurrent(int j, int k, int shift, Lfsr rng) {
    depress(recShadow, recWeight, j, k, postTrace[shift - minShift][j], rng);
  }

  @Override
  void potentiateInput(int j, int i, int shift, Lfsr rng) {
    potentiate(shadow, weight, j, i, inTrace[shift - minShift][i], rng);
  }

  @Override
  void potentiateRecurrent(int j, int k, int shift, int slot, Lfsr rng) {
    potentiate(recShadow, recWeight, j, k, recTrace[slot][shift - minShift][k], rng);
  }

  /** LTD of synapse (j, i) of {@code sh}/{@code w} by the postsynaptic trace y (no draw when y = 0). */
  private void depress(int[][] sh, int[][] w, int j, int i, long y, Lfsr rng) {
    if (y != 0) {
      sh[j][i] = StdpInt.depress(sh[j][i], step(y, ltdShift, rng), shadowWidth);
      w[j][i] = forward(sh[j][i]);
    }
  }

  /** LTP of synapse (j, i) of {@code sh}/{@code w} by the presynaptic trace x (no draw when x = 0). */
  private void potentiate(int[][] sh, int[][] w, int j, int i, long x, Lfsr rng) {
    if (x != 0) {
      sh[j][i] = StdpInt.potentiate(sh[j][i], step(x, ltpShift, rng), shadowWidth);
      w[j][i] = forward(sh[j][i]);
    }
  }

  private long step(long trace, int shift, Lfsr rng) {
    long r = p.roundingBits() == 0 ? 0 : rng.nextBits(p.roundingBits());
    return StdpInt.step(trace, shift, r, p.roundingBits());
  }

  @Override
  void write(ByteBuffer b) {
    StateCodec.putInts(b, List.of(shadow, recShadow));
    if (target != null) {
      for (long x : target) {
        b.putLong(x);
      }
    }
  }

  @Override
  void read(ByteBuffer b) {
    StateCodec.getShadows(b, List.of(shadow, recShadow), shadowWidth);
    for (int j = 0; j < size; j++) {
      for (int i = 0; i < inputs; i++) {
        weight[j][i] = forward(shadow[j][i]);
      }
      for (int k = 0; k < size; k++) {
        recWeight[j][k] = forward(recShadow[j][k]);
      }
    }
    if (target != null) {
      for (int j = 0; j < size; j++) {
        target[j] = b.getLong();
      }
    }
  }

  @Override
  int stateBytes() {
    return 4 * size * (inputs + size) + (target == null ? 0 : 8 * size);
  }
}
