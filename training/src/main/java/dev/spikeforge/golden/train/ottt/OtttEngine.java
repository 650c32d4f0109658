package dev.spikeforge.golden.train.ottt;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.SpikeEncoder;
import dev.spikeforge.golden.eval.EvalReport;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.train.SampleOutcome;
import dev.spikeforge.golden.train.TrainingEngine;
import java.util.Map;

/**
 * Online training through time as a {@link TrainingEngine} for the one {@code train.Trainer}
 * ({@code spikeforge train --rule ottt}; docs/learning.md Part III). The sample loop runs on one
 * thread (it learns after every step); the test evaluation uses the simulators with any number of
 * threads. Its sample order is the Trainer's default.
 *
 * <pre>{@code
 * try (OtttEngine e = new OtttEngine(OtttConfig.intForm(new int[] {784, 128, 10}, 8, 1))) {
 *   Trainer.run(e, train, test, new RateEncoder(), TrainOptions.of(3, 1), TrainListener.NONE);
 *   NetworkSpec trained = e.intNetwork();   // compiles like any other integer network
 * }
 * }</pre>
 */
public final class OtttEngine implements TrainingEngine {
  private final OtttConfig cfg;
  private final OtttModel model;

  public OtttEngine(OtttConfig cfg) {
    this.cfg = cfg;
    this.model = cfg.integer() ? new OtttIntModel(cfg) : new OtttFloatModel(cfg);
  }

  /** The configuration this engine trains with. */
  public OtttConfig config() {
    return cfg;
  }

  @Override
  public String rule() {
    return "ottt";
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

  @Override
  public SampleOutcome train(SpikeRaster input, int label, int epoch, long position) {
    TrainingEngine.checkChannels(input, cfg.sizes()[0]);
    return model.train(input, label, epoch, position);
  }

  /** The rate of the first layer, {@code 2^lrLog2[0]} (constant; the other layers' are in the config). */
  @Override
  public double learningRate(int epoch) {
    return Math.scalb(1.0, cfg.lrLog2()[0]);
  }

  @Override
  public FloatNetwork floatNetwork() {
    return model.floatNetwork();
  }

  @Override
  public NetworkSpec intNetwork() {
    return model.intNetwork();
  }

  @Override
  public EvalReport evaluate(Dataset test, SpikeEncoder encoder, int threads) {
    return model.evaluate(test, encoder, threads);
  }

  @Override
  public byte[] state() {
    return model.state();
  }

  @Override
  public void restore(byte[] state) {
    model.restore(state);
  }

  @Override
  public void close() {}
}
