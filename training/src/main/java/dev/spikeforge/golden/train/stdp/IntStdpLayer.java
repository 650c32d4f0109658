package dev.spikeforge.golden.train.stdp;

import dev.spikeforge.golden.learning.DesireBackpropInt;
import dev.spikeforge.golden.learning.KaimingNormal;
import dev.spikeforge.golden.learning.ottt.OtttInt;
import dev.spikeforge.golden.learning.stdp.StdpInt;
import dev.spikeforge.golden.neuron.Lif;
import dev.spikeforge.golden.numerics.Lfsr;
import dev.spikeforge.golden.spec.NeuronSpec;
import dev.spikeforge.golden.spec.ResetMode;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The integer form of the STDP layer (docs/learning.md Part IV §3): shadow weights of B + E bits,
 * forward weights {@code sat_B(shr^HALF_UP_E(sh))}, traces of F fraction bits through {@link
 * StdpInt}, the LIF update of {@code neuron.Lif} (so a layer that does not learn is {@code
 * IntSimulator}'s, bit for bit).
 */
final class IntStdpLayer extends StdpLayer {
  private final StdpConfig.IntParams p;
  private final NeuronSpec neuron;
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

  IntStdpLayer(StdpConfig cfg) {
    super(cfg);
    p = cfg.intParams();
    neuron = neuron(cfg);
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
    }
    v = new long[size];
    pending = new long[ring][size];
    inTrace = new long[shifts][inputs];
    postTrace = new long[shifts][size];
    recTrace = new long[ring][shifts][size];
  }

  /** The hidden neurons: threshold {@code 2^q}, leak shift k, reset by subtraction. */
  static NeuronSpec neuron(StdpConfig cfg) {
    return new NeuronSpec(cfg.membraneBits(), 1L << cfg.thresholdShift(), cfg.leakShift(), ResetMode.SUBTRACT);
  }

  private int forward(int sh) {
    return OtttInt.forwardWeight(sh, p.shadowBits(), cfg.weightBits());
  }

  @Override
  void clearState() {
    Arrays.fill(v, 0);
    for (long[] a : pending) {
      Arrays.fill(a, 0);
    }
    for (long[] a : inTrace) {
      Arrays.fill(a, 0);
    }
    for (long[] a : postTrace) {
      Arrays.fill(a, 0);
    }
    for (long[][] s : recTrace) {
      for (long[] a : s) {
        Arrays.fill(a, 0);
      }
    }
  }

  @Override
  boolean integrate(int j, int[] in, int slot) {
    long current = pending[slot][j];
    pending[slot][j] = 0;
    int[] row = weight[j];
    for (int i : in) {
      current += row[i];
    }
    long v2 = Lif.integrate(neuron, v[j], current);
    boolean s = v2 >= neuron.threshold();
    v[j] = Lif.reset(neuron, v2, s);
    return s;
  }

  @Override
  void stepTraces(boolean[] inSpike, boolean[] fired, int slot) {
    int f = p.traceFracBits();
    boolean pair = cfg.pair();
    long[][] now = recTrace[slot];
    for (int s = 0; s < shifts; s++) {
      int k = minShift + s;
      for (int i = 0; i < inputs; i++) {
        inTrace[s][i] = StdpInt.trace(inTrace[s][i], k, f, inSpike[i], pair);
      }
      for (int j = 0; j < size; j++) {
        postTrace[s][j] = StdpInt.trace(postTrace[s][j], k, f, fired[j], pair);
        now[s][j] = postTrace[s][j];
      }
    }
  }

  private long draw(Lfsr rng) {
    return p.roundingBits() == 0 ? 0 : rng.nextBits(p.roundingBits());
  }

  @Override
  void depressInput(int j, int i, int shift, Lfsr rng) {
    long y = postTrace[shift - minShift][j];
    if (y != 0) {
      shadow[j][i] = StdpInt.depress(shadow[j][i], StdpInt.step(y, ltdShift, draw(rng), p.roundingBits()), shadowWidth);
      weight[j][i] = forward(shadow[j][i]);
    }
  }

  @Override
  void depressRecurrent(int j, int k, int shift, Lfsr rng) {
    long y = postTrace[shift - minShift][j];
    if (y != 0) {
      recShadow[j][k] = StdpInt.depress(recShadow[j][k], StdpInt.step(y, ltdShift, draw(rng), p.roundingBits()),
          shadowWidth);
      recWeight[j][k] = forward(recShadow[j][k]);
    }
  }

  @Override
  void potentiateInput(int j, int i, int shift, Lfsr rng) {
    long x = inTrace[shift - minShift][i];
    if (x != 0) {
      shadow[j][i] = StdpInt.potentiate(shadow[j][i], StdpInt.step(x, ltpShift, draw(rng), p.roundingBits()),
          shadowWidth);
      weight[j][i] = forward(shadow[j][i]);
    }
  }

  @Override
  void potentiateRecurrent(int j, int k, int shift, int slot, Lfsr rng) {
    long x = recTrace[slot][shift - minShift][k];
    if (x != 0) {
      recShadow[j][k] = StdpInt.potentiate(recShadow[j][k], StdpInt.step(x, ltpShift, draw(rng), p.roundingBits()),
          shadowWidth);
      recWeight[j][k] = forward(recShadow[j][k]);
    }
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
    for (int[][] m : new int[][][] {shadow, recShadow}) {
      for (int[] row : m) {
        for (int s : row) {
          b.putInt(s);
        }
      }
    }
  }

  @Override
  void read(ByteBuffer b) {
    for (int[][] m : new int[][][] {shadow, recShadow}) {
      for (int[] row : m) {
        for (int i = 0; i < row.length; i++) {
          int s = b.getInt();
          if (s < -(1 << (shadowWidth - 1)) || s >= 1 << (shadowWidth - 1)) {
            throw new IllegalArgumentException("shadow weight " + s + " does not fit " + shadowWidth + " signed bits");
          }
          row[i] = s;
        }
      }
    }
    for (int j = 0; j < size; j++) {
      for (int i = 0; i < inputs; i++) {
        weight[j][i] = forward(shadow[j][i]);
      }
      for (int k = 0; k < size; k++) {
        recWeight[j][k] = forward(recShadow[j][k]);
      }
    }
  }

  @Override
  int stateBytes() {
    return 4 * size * (inputs + size);
  }
}
