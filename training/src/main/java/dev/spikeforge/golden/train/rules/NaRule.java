package dev.spikeforge.golden.train.rules;

import static dev.spikeforge.golden.train.rules.RuleOption.Kind.INT;
import static dev.spikeforge.golden.train.rules.RuleOption.Kind.REAL;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.train.TrainingEngine;
import dev.spikeforge.golden.train.na.NaConfig;
import dev.spikeforge.golden.train.na.NaEngine;
import java.util.List;

/**
 * Backpropagated neighbourhood aggregation (docs/learning.md Part V): an offline float trainer of
 * feedforward networks whose float model quantizes and compiles like any other.
 */
final class NaRule implements LearningRule {
  private static final List<RuleOption> OPTIONS = List.of(
      RuleOption.of("--timesteps", INT, "na: T; default 20, or a temporal dataset's steps."),
      new RuleOption("--neighbours", INT, "K", "na: kicks ±h … ±Kh of every membrane value (1..16, default 8)."),
      new RuleOption("--kick", REAL, "H", "na: h, the spacing of the kicks, in thresholds (default 0.125)."),
      new RuleOption("--logit-scale", REAL, "BETA", "na: loss = cross-entropy of BETA × output spike counts "
          + "(default 0.5)."),
      new RuleOption("--adam-lr", REAL, "ALPHA", "na: Adam's step size (default 1e-3)."),
      new RuleOption("--adam-lr-decay", REAL, "GAMMA", "na: step size ALPHA / (1 + GAMMA × epoch) (default 0.3; 0: constant)."),
      new RuleOption("--batch", INT, "B", "na: samples per weight update (default 16)."));

  @Override
  public String name() {
    return "na";
  }

  @Override
  public String summary() {
    return "neighbourhood aggregation (offline, float)";
  }

  @Override
  public List<RuleOption> options() {
    return OPTIONS;
  }

  @Override
  public TrainingEngine engine(RuleConfig c, Dataset train) {
    return new NaEngine(config(c, train), c.threads());
  }

  /** The run's configuration: the defaults of {@link NaConfig} with the options applied and checked. */
  static NaConfig config(RuleConfig c, Dataset train) {
    RuleOptions o = c.options();
    int[] sizes = c.sizes();
    if (c.integer()) {
      throw new LearningRuleException("--rule na trains in float only; drop --precision int (the float network "
          + "is quantized afterwards)");
    }
    if (sizes.length < 2) {
      throw new LearningRuleException("--arch needs at least INPUTS-CLASSES, got " + c.arch());
    }
    int steps = train.isTemporal() ? train.raster(0).steps() : NaConfig.DEFAULT_TIMESTEPS;
    int t = o.given("--timesteps") ? o.integer("--timesteps") : steps;
    range("--timesteps", t, 1, 1024);
    if (train.isTemporal() && steps < t) {
      throw new LearningRuleException("dataset " + c.dataset() + " has " + steps + " steps per sample but "
          + "--timesteps is " + t);
    }
    NaConfig cfg = NaConfig.defaults(sizes, c.seed()).withTimesteps(t);
    int k = o.given("--neighbours") ? range("--neighbours", o.integer("--neighbours"), 1, 16) : cfg.neighbours();
    double h = o.given("--kick") ? realRange("--kick", o.real("--kick"), 0, 4) : cfg.step();
    cfg = cfg.withNeighbourhood(k, h);
    if (o.given("--logit-scale")) {
      cfg = cfg.withLogitScale(realRange("--logit-scale", o.real("--logit-scale"), 0, 16));
    }
    if (o.given("--adam-lr")) {
      cfg = cfg.withLearningRate(realRange("--adam-lr", o.real("--adam-lr"), 0, 1));
    }
    if (o.given("--adam-lr-decay")) {
      double g = o.real("--adam-lr-decay");
      if (g < 0 || g > 100) {
        throw new LearningRuleException("--adam-lr-decay must be in 0..100 for --rule na, got " + g);
      }
      cfg = cfg.withLrDecay(g);
    }
    if (o.given("--batch")) {
      cfg = cfg.withBatch(range("--batch", o.integer("--batch"), 1, 4096));
    }
    return cfg;
  }

  private static int range(String option, int v, int lo, int hi) {
    if (v < lo || v > hi) {
      throw new LearningRuleException(option + " must be in " + lo + ".." + hi + " for --rule na, got " + v);
    }
    return v;
  }

  /** {@code v} in {@code (lo, hi]}. */
  private static double realRange(String option, double v, double lo, double hi) {
    if (!(v > lo && v <= hi)) {
      throw new LearningRuleException(option + " must be in (" + lo + ", " + hi + "] for --rule na, got " + v);
    }
    return v;
  }
}
