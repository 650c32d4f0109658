package dev.spikeforge.golden.train.rules;

import static dev.spikeforge.golden.train.rules.RuleOption.Kind.FLAG;
import static dev.spikeforge.golden.train.rules.RuleOption.Kind.INT;
import static dev.spikeforge.golden.train.rules.RuleOption.Kind.INTS;

import dev.spikeforge.golden.data.Dataset;
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
      RuleOption.of("--timesteps", INT, "ottt: T; default 20, or a temporal dataset's steps."),
      new RuleOption("--lr-log2", INTS, "E", "ottt: log2 of the learning rate, one for every layer or one per "
          + "layer (default -10)."),
      RuleOption.of("--recurrent", FLAG, "ottt: every hidden layer recurrent (delay 1, weights start at 0)."),
      new RuleOption("--shadow-bits", INTS, "E", "ottt: int only, one E for all layers (default 12)."),
      new RuleOption("--stochastic-rounding", INT, "K", "ottt: int only, stochastic rounding of every weight "
          + "step with K LFSR bits (1..32; default 0 = HALF_EVEN)."),
      RuleOption.of("--trace-bits", INT, "ottt: int only, fraction bits F of the presynaptic traces (default 6)."),
      RuleOption.of("--threshold-shifts", INTS, "ottt: int only, q per layer (default: desire's rule)."));

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
    return cfg.withIntParams(intParams(c));
  }

  private static OtttIntParams intParams(RuleConfig c) {
    RuleOptions o = c.options();
    int[] sizes = c.sizes();
    OtttIntParams p;
    try {
      p = OtttIntParams.defaults(sizes, c.weightBitsOrDefault());
      if (c.membraneBits() != null) {
        p = p.withMembraneBits(c.membraneBits());
      }
    } catch (IllegalArgumentException e) {
      throw new LearningRuleException("--weight-bits / --membrane-bits do not fit --rule ottt: " + e.getMessage());
    }
    if (o.given("--shadow-bits")) {
      int[] e = o.ints("--shadow-bits");
      if (e.length != 1) {
        throw new LearningRuleException("--shadow-bits takes one E for --rule ottt, got " + e.length);
      }
      p = p.withShadowBits(range("--shadow-bits", e[0], 0, 31 - p.weightBits()));
    }
    if (o.given("--trace-bits")) {
      p = p.withTraceFracBits(range("--trace-bits", o.integer("--trace-bits"), 0, 16));
    }
    if (o.given("--threshold-shifts")) {
      int[] q = o.ints("--threshold-shifts");
      if (q.length != sizes.length - 1) {
        throw new LearningRuleException("--threshold-shifts takes one q per layer (" + (sizes.length - 1) + "), got "
            + q.length);
      }
      for (int v : q) {
        range("--threshold-shifts", v, 0, p.membraneBits() - 2);
      }
      p = p.withThresholdShifts(q);
    }
    if (o.given("--stochastic-rounding")) {
      p = p.withRoundingBits(range("--stochastic-rounding", o.integer("--stochastic-rounding"), 0,
          OtttIntParams.MAX_ROUNDING_BITS));
    }
    return p;
  }

  private static int range(String option, int v, int lo, int hi) {
    if (v < lo || v > hi) {
      throw new LearningRuleException(option + " must be in " + lo + ".." + hi + " for --rule ottt, got " + v);
    }
    return v;
  }
}
