package dev.spikeforge.golden.train.threefactor;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.SpikeEncoder;
import dev.spikeforge.golden.eval.EvalReport;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.train.SampleOutcome;
import dev.spikeforge.golden.train.TrainingEngine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The three-factor rule as a {@link TrainingEngine}, so that the rule-agnostic {@code train.Trainer}
 * (checkpoints, resume, metrics files) drives it: {@code spikeforge train --rule eprop}. It visits the
 * samples in the order {@code seed · 1000003 + e}, e counted from 1, and evaluates the exported
 * network with the simulator of its form.
 */
public final class ThreeFactorEngine implements TrainingEngine {
  private final ThreeFactorConfig cfg;
  private final ThreeFactorModel model;
  private final int inputs;
  private final int classes;
  private final int steps;

  ThreeFactorEngine(ThreeFactorConfig cfg, int inputs, int classes, int steps) {
    this.cfg = cfg;
    this.inputs = inputs;
    this.classes = classes;
    this.steps = steps;
    this.model = ThreeFactorTraining.create(cfg, inputs, classes, steps);
  }

  @Override
  public String rule() {
    return "eprop";
  }

  @Override
  public String precision() {
    return cfg.form() == NumericForm.FLOAT ? "float" : "int";
  }

  /** The config without the task, sizes and epochs (those are the data's and the run's, not the rule's). */
  @Override
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rule", rule());
    m.put("precision", precision());
    if (cfg.form() == NumericForm.HARDWARE) {
      m.put("form", "hardware");
    }
    m.put("arch", List.of(inputs, cfg.shape().hidden(), classes));
    m.put("timesteps", steps);
    m.put("seed", cfg.seed());
    NetworkShape s = cfg.shape();
    Map<String, Object> shape = new LinkedHashMap<>();
    shape.put("recurrent", s.recurrent());
    shape.put("delays", s.delayMode().name());
    shape.put("maxDelay", s.maxDelay());
    shape.put("hiddenNeuron", s.hiddenNeuron().toString());
    shape.put("outputNeuron", s.outputNeuron().toString());
    m.put("shape", shape);
    m.put("learning", cfg.learning().toString());
    m.put("init", cfg.init().toString());
    m.put("intFormat", cfg.intFormat().toString());
    return m;
  }

  @Override
  public int timesteps() {
    return steps;
  }

  @Override
  public SampleOutcome train(SpikeRaster input, int label, int epoch, long position) {
    return model.train(input, label, epoch, position);
  }

  /** Hidden spikes emitted while training in this engine's lifetime (a statistic, not in {@link #state()}). */
  public long hiddenSpikes() {
    return model.hiddenSpikes();
  }

  /** The config this engine trains with. */
  public ThreeFactorConfig config() {
    return cfg;
  }

  /** Learned parameters of the network. */
  public ParameterCount parameters() {
    return ParameterCount.of(cfg.shape(), inputs, classes);
  }

  /** Learning-state memory of the hidden layer (integer form). */
  public EligibilityMemory memory() {
    return EligibilityMemory.of(cfg, inputs);
  }

  @Override
  public long epochOrderSeed(long seed, int epoch) {
    return seed * 1_000_003L + epoch + 1;
  }

  /** The hidden-weight rate {@code 2^lrLog2Hidden} (constant; the other rates are in the config). */
  @Override
  public double learningRate(int epoch) {
    return cfg.learning().etaHidden();
  }

  @Override
  public FloatNetwork floatNetwork() {
    return model instanceof FloatThreeFactorModel f ? f.export() : FloatNetwork.of(((IntThreeFactorModel) model).export());
  }

  @Override
  public NetworkSpec intNetwork() {
    return model instanceof IntThreeFactorModel i ? i.export() : null;
  }

  @Override
  public EvalReport evaluate(Dataset test, SpikeEncoder encoder, int threads) {
    return model.evaluate(test, threads);
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
