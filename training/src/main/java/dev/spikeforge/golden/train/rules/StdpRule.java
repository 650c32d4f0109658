package dev.spikeforge.golden.train.rules;

import static dev.spikeforge.golden.train.rules.RuleOption.Kind.FLAG;
import static dev.spikeforge.golden.train.rules.RuleOption.Kind.INT;
import static dev.spikeforge.golden.train.rules.RuleOption.Kind.INTS;
import static dev.spikeforge.golden.train.rules.RuleOption.Kind.REAL;
import static dev.spikeforge.golden.train.rules.RuleOption.Kind.TEXT;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.train.TrainingEngine;
import dev.spikeforge.golden.train.stdp.StdpConfig;
import dev.spikeforge.golden.train.stdp.StdpEngine;
import dev.spikeforge.golden.train.stdp.StdpHomeostasis;
import dev.spikeforge.golden.train.stdp.StdpWindows;
import java.util.List;

/**
 * Unsupervised STDP in a recurrent hidden layer, homogeneous or heterogeneous, with a linear
 * readout on the hidden spike counts (docs/learning.md Part IV): {@code --arch IN-HIDDEN-CLASSES},
 * float or integer form.
 */
final class StdpRule implements LearningRule {
  private static final List<RuleOption> OPTIONS = List.of(
      RuleOption.of("--timesteps", INT, "stdp: T; default 20, or a temporal dataset's steps."),
      new RuleOption("--stdp-form", TEXT, "FORM", "stdp: trace (all-to-all, default) or pair (nearest-spike)."),
      RuleOption.of("--heterogeneous", FLAG, "stdp: draw every synapse's window shift (shared by its LTP and LTD) "
          + "from the --window-shifts range (default 1,3) with the seed."),
      RuleOption.of("--independent-windows", FLAG, "stdp: with --heterogeneous, draw each synapse's LTP and LTD "
          + "shifts independently."),
      new RuleOption("--window-shifts", INTS, "A,B", "stdp: window shifts k (time constant about 2^k steps): "
          + "homogeneous LTP,LTD (default 2,2); with --heterogeneous the range LO,HI (default 1,3, around the "
          + "homogeneous 2)."),
      new RuleOption("--lr-log2", INTS, "LTP,LTD", "stdp: exponents of the potentiation and depression "
          + "rates 2^LTP, 2^LTD in weight LSBs per unit of trace (default -6,-6)."),
      RuleOption.of("--leak-shift", INT, "stdp: k of the hidden membrane leak v - (v >> k) (default 2)."),
      new RuleOption("--leak-shifts", INTS, "LO,HI", "stdp: heterogeneous membrane time constants: every hidden "
          + "neuron's leak shift drawn uniformly from LO..HI with the seed (instead of one --leak-shift)."),
      RuleOption.of("--threshold-shift", INT, "stdp: q, hidden threshold 2^q weight LSBs (default 6)."),
      RuleOption.of("--max-delay", INT, "stdp: recurrent delays drawn from 1..D with the seed (default 1)."),
      RuleOption.of("--stdp-epochs", INT, "stdp: epochs in which the hidden layer learns; later epochs only "
          + "fit the readout (default 1)."),
      new RuleOption("--inhibition", INT, "W", "stdp: lateral inhibition: the recurrent weights start at -W weight "
          + "LSBs instead of 0 (default 0)."),
      new RuleOption("--target-rate", INT, "R", "stdp: rate homeostasis (an adaptive threshold in the weights): after "
          + "every learning sample every incoming weight of a neuron falls by (its spike count - R) * 2^H weight LSBs "
          + "(default off)."),
      new RuleOption("--homeostasis-log2", INT, "H", "stdp: H of --target-rate, -16..4 (default -4)."),
      RuleOption.of("--synaptic-scaling", FLAG, "stdp: after every learning sample pull each neuron's feed-forward "
          + "weight sum back to its target (the initial sum, moved only by --target-rate)."),
      RuleOption.of("--ridge", REAL, "stdp: L2 regularisation of the readout on the spike counts (default 1)."),
      new RuleOption("--shadow-bits", INTS, "E", "stdp: int only, one E (default 8)."),
      RuleOption.of("--trace-bits", INT, "stdp: int only, fraction bits F of the traces (default 6)."),
      new RuleOption("--stochastic-rounding", INT, "K", "stdp: int only, stochastic rounding of every weight step "
          + "with K LFSR bits (1..32; default 0 = HALF_EVEN)."));

  /** Options of the integer form only. */
  private static final List<String> INT_ONLY = List.of("--shadow-bits", "--trace-bits", "--stochastic-rounding");

  @Override
  public String name() {
    return "stdp";
  }

  @Override
  public String summary() {
    return "unsupervised STDP in a recurrent layer, linear readout";
  }

  @Override
  public List<RuleOption> options() {
    return OPTIONS;
  }

  @Override
  public TrainingEngine engine(RuleConfig c, Dataset train) {
    return new StdpEngine(config(c, train));
  }

  /** The run's configuration: the defaults of {@link StdpConfig} with the options applied and checked. */
  static StdpConfig config(RuleConfig c, Dataset train) {
    RuleOptions o = c.options();
    int[] sizes = c.sizes();
    if (sizes.length != 3) {
      throw new LearningRuleException("--rule stdp trains one recurrent hidden layer: --arch IN-HIDDEN-CLASSES, got "
          + c.arch() + (sizes.length == 2 ? ", which has no hidden layer; e.g. --arch " + sizes[0] + "-64-" + sizes[1]
          : ""));
    }
    int steps = train.isTemporal() ? train.raster(0).steps() : StdpConfig.DEFAULT_TIMESTEPS;
    int t = o.given("--timesteps") ? range("--timesteps", o.integer("--timesteps"), 1, 1024) : steps;
    if (train.isTemporal() && steps < t) {
      throw new LearningRuleException("dataset " + c.dataset() + " has " + steps + " steps per sample but "
          + "--timesteps is " + t);
    }
    StdpConfig cfg = StdpConfig.floatForm(sizes, c.seed()).withTimesteps(t);
    if (o.given("--stdp-form")) {
      String f = o.text("--stdp-form");
      if (!f.equals("trace") && !f.equals("pair")) {
        throw new LearningRuleException("--stdp-form must be trace or pair, not '" + f + "'");
      }
      cfg = cfg.withPair(f.equals("pair"));
    }
    cfg = cfg.withWindows(windows(o));
    if (o.given("--lr-log2")) {
      int[] lr = o.ints("--lr-log2");
      if (lr.length != 2) {
        throw new LearningRuleException("--lr-log2 takes two exponents for --rule stdp (LTP,LTD), got " + lr.length);
      }
      cfg = cfg.withLrLog2(range("--lr-log2", lr[0], -24, 4), range("--lr-log2", lr[1], -24, 4));
    }
    if (o.given("--leak-shift")) {
      if (o.given("--leak-shifts")) {
        throw new LearningRuleException("give either --leak-shift K (one time constant) or --leak-shifts LO,HI "
            + "(drawn per neuron), not both");
      }
    }
    int weightBits = c.weightBitsOrDefault();
    int membraneBits = c.membraneBits() == null ? 16 : c.membraneBits();
    range("--weight-bits", weightBits, 2, 16);
    range("--membrane-bits", membraneBits, weightBits, 32);
    if (o.given("--leak-shift")) {
      cfg = cfg.withLeakShift(range("--leak-shift", o.integer("--leak-shift"), 0, Math.min(15, membraneBits - 1)));
    }
    if (o.given("--leak-shifts")) {
      int[] k = o.ints("--leak-shifts");
      if (k.length != 2) {
        throw new LearningRuleException("--leak-shifts takes a range LO,HI of leak shifts, got " + k.length
            + " value(s)");
      }
      int top = Math.min(15, membraneBits - 1);
      range("--leak-shifts", k[0], 0, top);
      range("--leak-shifts", k[1], 0, top);
      if (k[0] >= k[1]) {
        throw new LearningRuleException("--leak-shifts " + k[0] + "," + k[1] + " is not a range of two or more "
            + "shifts; give LO,HI with LO < HI (one shift: --leak-shift)");
      }
      cfg = cfg.withLeakShifts(k[0], k[1]);
    }
    cfg = cfg.withWidths(weightBits, membraneBits);
    if (o.given("--threshold-shift")) {
      cfg = cfg.withThresholdShift(range("--threshold-shift", o.integer("--threshold-shift"), 0, membraneBits - 2));
    } else if (cfg.thresholdShift() > membraneBits - 2) {
      throw new LearningRuleException("--membrane-bits " + membraneBits + " cannot hold the default threshold 2^"
          + cfg.thresholdShift() + "; give --threshold-shift 0.." + (membraneBits - 2));
    }
    if (o.given("--max-delay")) {
      cfg = cfg.withMaxDelay(range("--max-delay", o.integer("--max-delay"), 1, 255));
    }
    if (o.given("--stdp-epochs")) {
      cfg = cfg.withStdpEpochs(range("--stdp-epochs", o.integer("--stdp-epochs"), 0, 100_000));
    }
    cfg = cfg.withHomeostasis(homeostasis(o, weightBits, t));
    if (o.given("--ridge")) {
      double r = o.real("--ridge");
      if (!(r > 0)) {
        throw new LearningRuleException("--ridge must be positive, got " + r);
      }
      cfg = cfg.withRidge(r);
    }
    if (!c.integer()) {
      for (String opt : INT_ONLY) {
        if (o.given(opt)) {
          throw new LearningRuleException(opt + " applies to --precision int only (the float form has no such width)");
        }
      }
      return cfg;
    }
    int e = 8;
    if (o.given("--shadow-bits")) {
      int[] s = o.ints("--shadow-bits");
      if (s.length != 1) {
        throw new LearningRuleException("--shadow-bits takes one E for --rule stdp, got " + s.length);
      }
      e = range("--shadow-bits", s[0], 0, Math.min(16, 31 - weightBits));
    }
    int f = o.given("--trace-bits") ? range("--trace-bits", o.integer("--trace-bits"), 0, 16) : 6;
    int k = o.given("--stochastic-rounding") ? range("--stochastic-rounding", o.integer("--stochastic-rounding"), 0, 32)
        : 0;
    return cfg.withIntParams(new StdpConfig.IntParams(e, f, k));
  }

  /** The homeostasis options; their ranges are {@link StdpHomeostasis#validate}'s, named here by option. */
  private static StdpHomeostasis homeostasis(RuleOptions o, int weightBits, int t) {
    if (o.given("--homeostasis-log2") && !o.given("--target-rate")) {
      throw new LearningRuleException("--homeostasis-log2 sets the rate of --target-rate; give --target-rate R too");
    }
    int w = o.given("--inhibition") ? o.integer("--inhibition") : 0;
    boolean rate = o.given("--target-rate");
    int r = rate ? o.integer("--target-rate") : StdpHomeostasis.OFF;
    int h = o.given("--homeostasis-log2") ? o.integer("--homeostasis-log2") : StdpHomeostasis.DEFAULT_RATE_LOG2;
    try {
      StdpHomeostasis.validate(w, rate, r, h, weightBits, t);
    } catch (StdpHomeostasis.OutOfRange e) {
      String option = switch (e.field) {
        case "inhibition" -> "--inhibition";
        case "targetRate" -> "--target-rate";
        case "rateLog2" -> "--homeostasis-log2";
        default -> throw e;
      };
      throw new LearningRuleException(option + " must be in " + e.lo + ".." + e.hi + " for --rule stdp, got "
          + e.value);
    }
    return new StdpHomeostasis(w, r, h, o.flag("--synaptic-scaling"));
  }

  private static StdpWindows windows(RuleOptions o) {
    boolean het = o.flag("--heterogeneous");
    int[] w = o.given("--window-shifts") ? o.ints("--window-shifts") : het ? new int[] {1, 3} : new int[] {2, 2};
    if (w.length != 2) {
      throw new LearningRuleException("--window-shifts takes two shifts (" + (het ? "LO,HI" : "LTP,LTD") + "), got "
          + w.length);
    }
    range("--window-shifts", w[0], 1, StdpWindows.MAX_SHIFT);
    range("--window-shifts", w[1], 1, StdpWindows.MAX_SHIFT);
    if (het && w[0] > w[1]) {
      throw new LearningRuleException("--window-shifts " + w[0] + "," + w[1] + " is an empty range; give LO,HI with "
          + "LO <= HI");
    }
    if (o.flag("--independent-windows") && !het) {
      throw new LearningRuleException("--independent-windows draws heterogeneous windows; give --heterogeneous too");
    }
    return !het ? StdpWindows.homogeneous(w[0], w[1])
        : o.flag("--independent-windows") ? StdpWindows.independent(w[0], w[1]) : StdpWindows.heterogeneous(w[0], w[1]);
  }

  private static int range(String option, int v, int lo, int hi) {
    if (v < lo || v > hi) {
      throw new LearningRuleException(option + " must be in " + lo + ".." + hi + " for --rule stdp, got " + v);
    }
    return v;
  }
}
