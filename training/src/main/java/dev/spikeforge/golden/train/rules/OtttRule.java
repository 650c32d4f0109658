package dev.spikeforge.golden.train.rules;

import static dev.spikeforge.golden.train.rules.RuleOption.Kind.FLAG;
import static dev.spikeforge.golden.train.rules.RuleOption.Kind.INT;
import static dev.spikeforge.golden.train.rules.RuleOption.Kind.INTS;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.learning.ottt.OtttInt;
import dev.spikeforge.golden.learning.ottt.OtttIntParams;
import dev.spikeforge.golden.train.TrainingEngine;
import dev.spikeforge.golden.train.ottt.OtttConfig;
import dev.spikeforge.golden.train.ottt.OtttEngine;
import java.util.List;

/**
 * Online training through time (docs/learning.md Part III): any number of layers, feedforward or
 * with recurrent hidden layers, images or spike rasters, float or integer form.
 */
final class OtttRule implements LearningRule {
  private static final List<RuleOption> OPTIONS = List.of(
      RuleOption.of("--timesteps", INT, "T, steps per sample. Default: 20 (a temporal dataset: its steps)."),
      new RuleOption("--lr-log2", INTS, "E", "ottt: log2 of the learning rate, one for every layer or one per "
          + "layer. Default: -10."),
      RuleOption.of("--recurrent", FLAG, "ottt: recurrent hidden layers (delay 1; weights start at 0)."),
      new RuleOption("--shadow-bits", INTS, "E", "int: extra fraction bits of the shadow weights (one E). Default: 12."),
      new RuleOption("--stochastic-rounding", INT, "K", "int: round every weight step stochastically with K LFSR "
          + "bits (1..32). 0 = HALF_EVEN. Default: 0."),
      RuleOption.of("--trace-bits", INT, "int: fraction bits of the presynaptic traces. Default: 6."),
      RuleOption.of("--threshold-shifts", INTS, "int: q per layer, threshold 2^q (default: from the initial "
          + "weight spread)."));

  /** Options of the integer form only. */
  private static final List<String> INT_ONLY = List.of("--shadow-bits", "--stochastic-rounding", "--trace-bits",
      "--threshold-shifts");

  @Override
  public String name() {
    return "ottt";
  }

  @Override
  public String summary() {
    return "online training through time";
  }

  @Override
  public List<RuleOption> options() {
    return OPTIONS;
  }

  @Override
  public TrainingEngine engine(RuleConfig c, Dataset train) {
    return new OtttEngine(config(c, train));
  }

  /** The run's configuration: the defaults of {@link OtttConfig} with the options applied and checked. */
  static OtttConfig config(RuleConfig c, Dataset train) {
    RuleOptions o = c.options();
    int[] sizes = c.sizes();
    if (sizes.length < 2) {
      throw new LearningRuleException("--arch needs at least INPUTS-CLASSES, got " + c.arch());
    }
    if (o.flag("--recurrent") && sizes.length < 3) {
      throw new LearningRuleException("--recurrent makes the hidden layers recurrent, and --arch " + c.arch()
          + " has none; give one, e.g. --arch " + sizes[0] + "-64-" + sizes[1]);
    }
    int steps = train.isTemporal() ? train.raster(0).steps() : OtttConfig.DEFAULT_TIMESTEPS;
    int t = o.given("--timesteps") ? o.integer("--timesteps") : steps;
    if (t < 1 || t > 1024) {
      throw new LearningRuleException("--timesteps must be in 1..1024, got " + t);
    }
    if (train.isTemporal() && steps < t) {
      throw new LearningRuleException("dataset " + c.dataset() + " has " + steps + " steps per sample but "
          + "--timesteps is " + t);
    }
    OtttConfig cfg = OtttConfig.floatForm(sizes, c.seed()).withTimesteps(t).withRecurrent(o.flag("--recurrent"));
    if (o.given("--lr-log2")) {
      int[] lr = o.ints("--lr-log2");
      if (lr.length != 1 && lr.length != sizes.length - 1) {
        throw new LearningRuleException("--lr-log2 takes one exponent or one per layer (" + (sizes.length - 1)
            + "), got " + lr.length);
      }
      for (int e : lr) {
        if (e < -40 || e > 0) {
          throw new LearningRuleException("--lr-log2 exponents must be in -40..0, got " + e);
        }
      }
      cfg = cfg.withLrLog2(lr);
    }
    if (!c.integer()) {
      for (String opt : INT_ONLY) {
        if (o.given(opt)) {
          throw new LearningRuleException(opt + " applies to --precision int only (the float form has no such width)");
        }
      }
      return cfg;
    }
    return cfg.withIntParams(intParams(c, cfg));
  }

  private static OtttIntParams intParams(RuleConfig c, OtttConfig cfg) {
    RuleOptions o = c.options();
    int[] sizes = c.sizes();
    OtttIntParams p;
    try {
      p = OtttIntParams.defaults(sizes, c.weightBitsOrDefault());
      if (c.membraneBits() != null) {
        p = p.withMembraneBits(c.membraneBits());
      }
      if (o.given("--shadow-bits")) {
        int[] e = o.ints("--shadow-bits");
        if (e.length != 1) {
          throw new LearningRuleException("--shadow-bits takes one E for --rule ottt, got " + e.length);
        }
        p = p.withShadowBits(e[0]);
      }
      if (o.given("--trace-bits")) {
        p = p.withTraceFracBits(o.integer("--trace-bits"));
      }
      if (o.given("--threshold-shifts")) {
        int[] q = o.ints("--threshold-shifts");
        if (q.length != sizes.length - 1) {
          throw new LearningRuleException("--threshold-shifts takes one q per layer (" + (sizes.length - 1) + "), got "
              + q.length);
        }
        p = p.withThresholdShifts(q);
      }
      if (o.given("--stochastic-rounding")) {
        p = p.withRoundingBits(o.integer("--stochastic-rounding"));
      }
    } catch (IllegalArgumentException e) {
      throw new LearningRuleException("--rule ottt --precision int: " + e.getMessage());
    }
    for (int lr : cfg.lrLog2()) {
      int r = OtttInt.updateShift(p.traceFracBits(), p.shadowBits(), lr);
      if (r < -30 || r > 62) {
        throw new LearningRuleException("--lr-log2 " + lr + " gives the weight-step shift R = F − E − lr = " + r
            + ", outside −30..62; choose a rate nearer 2^(F − E)");
      }
    }
    return p;
  }
}
