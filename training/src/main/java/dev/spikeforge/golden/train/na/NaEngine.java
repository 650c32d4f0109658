package dev.spikeforge.golden.train.na;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.SpikeEncoder;
import dev.spikeforge.golden.eval.EvalReport;
import dev.spikeforge.golden.eval.Evaluator;
import dev.spikeforge.golden.learning.KaimingNormal;
import dev.spikeforge.golden.network.DesireTopology;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.train.SampleOutcome;
import dev.spikeforge.golden.train.StateCodec;
import dev.spikeforge.golden.train.TrainingEngine;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Backpropagated neighbourhood aggregation as a {@link TrainingEngine} for the one {@code
 * train.Trainer} ({@code spikeforge train --rule na}; docs/learning.md Part V): float weights in
 * threshold units, gradients of {@link NaNetwork} summed over {@code batch} samples, then one Adam
 * step. Batches count samples across epoch boundaries; the summed gradient, Adam's moments and the
 * update count are part of {@link #state()}, so a run resumed from any sample continues bit for bit.
 * The neurons of each layer are split between {@code threads} workers; results do not depend on it.
 *
 * <pre>{@code
 * try (NaEngine e = new NaEngine(NaConfig.defaults(new int[] {784, 128, 10}, 1), 2)) {
 *   Trainer.run(e, train, test, new RateEncoder(), TrainOptions.of(3, 1), TrainListener.NONE);
 *   FloatNetwork trained = e.floatNetwork();   // quantize and compile like any other
 * }
 * }</pre>
 */
public final class NaEngine implements TrainingEngine {
  private final NaConfig cfg;
  private final Workers workers;
  private final NaNetwork net;
  private final double[][][] weight;
  private final double[][][] m;
  private final double[][][] v;
  private final double[][][] grad;
  private int pending;
  private long updates;

  public NaEngine(NaConfig cfg, int threads) {
    this.cfg = cfg;
    this.workers = new Workers(threads);
    int[] sizes = cfg.sizes();
    weight = KaimingNormal.weights(sizes, cfg.seed());
    m = zeros(sizes);
    v = zeros(sizes);
    grad = zeros(sizes);
    net = new NaNetwork(cfg, weight, threads);
  }

  private static double[][][] zeros(int[] sizes) {
    double[][][] a = new double[sizes.length - 1][][];
    for (int l = 0; l < a.length; l++) {
      a[l] = new double[sizes[l + 1]][sizes[l]];
    }
    return a;
  }

  /** The configuration this engine trains with. */
  public NaConfig config() {
    return cfg;
  }

  @Override
  public String rule() {
    return "na";
  }

  @Override
  public String precision() {
    return "float";
  }

  @Override
  public Map<String, Object> describe() {
    return cfg.describe();
  }

  @Override
  public int timesteps() {
    return cfg.timesteps();
  }

  @Override
  public SampleOutcome train(SpikeRaster input, int label, int epoch, long position) {
    TrainingEngine.checkChannels(input, cfg.sizes()[0]);
    SampleOutcome r = net.train(input, label, grad, workers);
    if (++pending == cfg.batch()) {
      update(epoch);
    }
    return r;
  }

  /** One Adam step with the step size of {@code epoch}, the epoch of the batch's last sample. */
  private void update(int epoch) {
    updates++;
    int samples = pending;
    long n = updates;
    double alpha = cfg.learningRate(epoch);
    for (int l = 0; l < weight.length; l++) {
      int layer = l;
      workers.forRanges(weight[l].length, (w, from, to) -> {
        for (int j = from; j < to; j++) {
          Adam.step(weight[layer][j], m[layer][j], v[layer][j], grad[layer][j], samples, n, alpha);
        }
      });
    }
    pending = 0;
  }

  /** Adam's step size in {@code epoch}. */
  @Override
  public double learningRate(int epoch) {
    return cfg.learningRate(epoch);
  }

  @Override
  public FloatNetwork floatNetwork() {
    return floatNetwork(cfg, weight);
  }

  /** The golden model's float network of {@code weight}: threshold 1, leak λ, reset by subtraction, delay 0. */
  static FloatNetwork floatNetwork(NaConfig cfg, double[][][] weight) {
    return DesireTopology.floatNetwork("na", cfg.timesteps(), cfg.leakShift(), 1.0, 0, weight);
  }

  /** Null: NA trains a float network (quantize it). */
  @Override
  public NetworkSpec intNetwork() {
    return null;
  }

  @Override
  public EvalReport evaluate(Dataset test, SpikeEncoder encoder, int threads) {
    return Evaluator.evaluate(floatNetwork(), test, encoder, threads, null);
  }

  /**
   * Big-endian: the update count (int64) and the samples of the open batch (int32), then weights,
   * Adam's first and second moments and the open batch's summed gradient, each layer by layer,
   * row-major, as IEEE doubles.
   */
  @Override
  public byte[] state() {
    ByteBuffer b = ByteBuffer.allocate(stateBytes());
    b.putLong(updates).putInt(pending);
    StateCodec.putDoubles(b, matrices());
    return b.array();
  }

  @Override
  public void restore(byte[] state) {
    StateCodec.checkLength(state, stateBytes(), "NA state");
    ByteBuffer b = ByteBuffer.wrap(state);
    long u = b.getLong();
    int p = b.getInt();
    if (u < 0 || p < 0 || p >= cfg.batch()) {
      throw new IllegalArgumentException("update count " + u + " or open batch " + p + " out of range (batch "
          + cfg.batch() + ")");
    }
    StateCodec.getDoubles(b, matrices(), StateCodec.finite("NA state value"));
    updates = u;
    pending = p;
  }

  private int stateBytes() {
    return 12 + 8 * StateCodec.doubles(matrices());
  }

  /** Weights, first and second moments, summed gradient: each layer by layer. */
  private List<double[][]> matrices() {
    return Stream.of(weight, m, v, grad).flatMap(Arrays::stream).toList();
  }

  @Override
  public void close() {
    workers.close();
  }
}
