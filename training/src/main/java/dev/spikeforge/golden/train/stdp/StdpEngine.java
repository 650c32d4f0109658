package dev.spikeforge.golden.train.stdp;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.SpikeEncoder;
import dev.spikeforge.golden.eval.EvalReport;
import dev.spikeforge.golden.eval.Evaluator;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.numerics.Lfsr;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.train.SampleOutcome;
import dev.spikeforge.golden.train.TrainingEngine;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Unsupervised STDP in a recurrent hidden layer with a linear readout on its spike counts, as a
 * {@link TrainingEngine} for the one {@code train.Trainer} ({@code spikeforge train --rule stdp};
 * docs/learning.md Part IV). In the first {@code stdpEpochs} epochs the hidden layer learns; in every
 * epoch the readout's sums collect the epoch's spike counts, and the readout is solved from them
 * (ridge regression). The sample loop runs on one thread; the test evaluation uses the simulators
 * with any number of threads.
 *
 * <pre>{@code
 * try (StdpEngine e = new StdpEngine(StdpConfig.intForm(new int[] {6, 24, 3}, 1).withStdpEpochs(1))) {
 *   Trainer.run(e, train, test, new RateEncoder(), TrainOptions.of(2, 1), TrainListener.NONE);
 *   NetworkSpec trained = e.intNetwork();   // hidden (recurrent) then readout: compiles like any other
 * }
 * }</pre>
 */
public final class StdpEngine implements TrainingEngine {
  private final StdpConfig cfg;
  private final StdpLayer layer;
  private final CountReadout readout;

  public StdpEngine(StdpConfig cfg) {
    this.cfg = cfg;
    this.layer = cfg.integer() ? new IntStdpLayer(cfg) : new FloatStdpLayer(cfg);
    this.readout = new CountReadout(cfg.hidden(), cfg.classes(), cfg.ridge());
  }

  /** The configuration this engine trains with. */
  public StdpConfig config() {
    return cfg;
  }

  @Override
  public String rule() {
    return "stdp";
  }

  @Override
  public String precision() {
    return cfg.integer() ? "int" : "float";
  }

  @Override
  public Map<String, Object> describe() {
    return cfg.describe();
  }

  @Override
  public int timesteps() {
    return cfg.timesteps();
  }

  /**
   * Stream of the rounding bits of the sample at {@code position} of {@code epoch}: {@code 5·2^56 +
   * epoch·2^32 + position}.
   */
  static long roundingStream(int epoch, long position) {
    return (5L << 56) + ((long) epoch << 32) + position;
  }

  @Override
  public SampleOutcome train(SpikeRaster input, int label, int epoch, long position) {
    checkChannels(input);
    readout.begin(epoch);
    boolean learn = epoch < cfg.stdpEpochs();
    Lfsr rng = cfg.integer() && cfg.intParams().roundingBits() > 0
        ? Lfsr.seeded(cfg.seed(), roundingStream(epoch, position)) : null;
    int[] counts = layer.run(input, learn, rng);
    readout.add(counts, label);
    double[] s = CountReadout.scores(readout.solvedWeights(), counts);
    int best = 0;
    double loss = 0;
    for (int k = 0; k < s.length; k++) {
      if (s[k] > s[best]) {
        best = k;
      }
      double e = s[k] - (k == label ? 1 : 0);
      loss += e * e;
    }
    boolean unique = true;
    for (int k = 0; k < s.length; k++) {
      if (k != label && s[k] >= s[label]) {
        unique = false;
      }
    }
    return new SampleOutcome(best, unique, loss / s.length);
  }

  private void checkChannels(SpikeRaster input) {
    TrainingEngine.checkChannels(input, cfg.inputs());
  }

  /**
   * The hidden layer's spike counts of one sample with the current weights, without learning: the
   * representation the readout sees (and RTD compares, docs/learning.md Part IV §5).
   */
  public int[] hiddenCounts(SpikeRaster input) {
    checkChannels(input);
    return layer.run(input, false, null);
  }

  /**
   * The readout's real-valued scores {@code W·counts} of one sample (the linear classifier before the
   * spiking readout layer turns it into spike counts).
   */
  public double[] linearScores(SpikeRaster input) {
    return CountReadout.scores(readout.weights(), hiddenCounts(input));
  }

  /** The STDP rates of epoch {@code epoch}: {@code 2^lrLog2[0]} (LTP) while the layer learns, else 0. */
  @Override
  public double learningRate(int epoch) {
    return epoch < cfg.stdpEpochs() ? Math.scalb(1.0, cfg.lrLog2()[0]) : 0;
  }

  @Override
  public FloatNetwork floatNetwork() {
    return layer instanceof FloatStdpLayer f ? StdpNetworks.floatNetwork(cfg, f, readout.weights())
        : FloatNetwork.of(intNetwork());
  }

  @Override
  public NetworkSpec intNetwork() {
    return layer instanceof IntStdpLayer l ? StdpNetworks.intNetwork(cfg, l, readout.weights()) : null;
  }

  @Override
  public EvalReport evaluate(Dataset test, SpikeEncoder encoder, int threads) {
    return cfg.integer() ? Evaluator.evaluate(intNetwork(), test, encoder, threads, null)
        : Evaluator.evaluate(floatNetwork(), test, encoder, threads, null);
  }

  /** The hidden layer's weights (shadow or real), then the readout's sums and solved weights. */
  @Override
  public byte[] state() {
    ByteBuffer b = ByteBuffer.allocate(layer.stateBytes() + readout.stateBytes());
    layer.write(b);
    readout.write(b);
    return b.array();
  }

  @Override
  public void restore(byte[] state) {
    if (state.length != layer.stateBytes() + readout.stateBytes()) {
      throw new IllegalArgumentException("state holds " + state.length + " bytes, this network's "
          + (layer.stateBytes() + readout.stateBytes()));
    }
    ByteBuffer b = ByteBuffer.wrap(state);
    layer.read(b);
    readout.read(b);
  }

  @Override
  public void close() {}
}
