package dev.spikeforge.golden.train.rules;

import static dev.spikeforge.golden.train.rules.RuleOption.Kind.FLAG;
import static dev.spikeforge.golden.train.rules.RuleOption.Kind.INT;
import static dev.spikeforge.golden.train.rules.RuleOption.Kind.INTS;
import static dev.spikeforge.golden.train.rules.RuleOption.Kind.TEXT;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.learning.threefactor.FeedbackMode;
import dev.spikeforge.golden.spec.hw.DelayMode;
import dev.spikeforge.golden.train.TrainingEngine;
import dev.spikeforge.golden.train.threefactor.LearningParams;
import dev.spikeforge.golden.train.threefactor.NetworkShape;
import dev.spikeforge.golden.train.threefactor.NeuronParams;
import dev.spikeforge.golden.train.threefactor.NumericForm;
import dev.spikeforge.golden.train.threefactor.ThreeFactorConfig;
import dev.spikeforge.golden.train.threefactor.ThreeFactorTraining;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Three-factor learning of weights and delays (docs/learning.md Part II): the preset of {@code
 * ThreeFactorConfig} with the options applied; one hidden layer, temporal data.
 */
final class EpropRule implements LearningRule {
  private static final List<RuleOption> OPTIONS = List.of(
      new RuleOption("--delays", TEXT, "MODE", "eprop: learned delays of the hidden layer: none, axonal "
          + "(one per input) or synaptic (one per synapse). Default: synaptic."),
      RuleOption.of("--max-delay", INT, "eprop: largest delay in steps (1..255). Default: 8."),
      RuleOption.of("--recurrent", FLAG, "eprop: recurrent hidden layer (its delays are learned with --delays synaptic)."),
      new RuleOption("--feedback", TEXT, "KIND", "eprop: learning-signal feedback, symmetric (the output "
          + "weights) or random (fixed LFSR matrix). Default: symmetric."),
      new RuleOption("--targets", INTS, "ON,OFF", "eprop: spike counts the label output must reach and no other "
          + "output may exceed (the hinge error's targets). Default: 3,0 (the delay task's four classes)."),
      RuleOption.of("--leak-shift", INT, "eprop: k of the hidden neurons' leak 1 − 2^−k per step, 1..15 (default 1)."),
      new RuleOption("--lr-log2", INTS, "H,R,O,D", "eprop: log2 of the learning rates of "
          + "hidden, recurrent and output weights and of delays. Default: -12,-12,-10,-12."),
      RuleOption.of("--hardware-form", FLAG, "eprop, with --precision int: learn with exactly the learning unit's "
          + "arithmetic (docs/learning.md Part II §9): eligibilities replayed from stored histories, shadow "
          + "weights with 8 extra fraction bits, 4 fraction bits per shadow delay, LFSR stochastic rounding (K = 16)."));

  @Override
  public String name() {
    return "eprop";
  }

  @Override
  public String summary() {
    return "three-factor learning of weights and delays, temporal datasets";
  }

  @Override
  public List<RuleOption> options() {
    return OPTIONS;
  }

  @Override
  public TrainingEngine engine(RuleConfig c, Dataset train) {
    int[] sizes = c.sizes();
    checkFits(c, train);
    RuleOptions o = c.options();
    DelayMode mode = DelayMode.SYNAPTIC;
    if (o.given("--delays")) {
      try {
        mode = DelayMode.valueOf(o.text("--delays").toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new LearningRuleException("--delays must be none, axonal or synaptic, not '" + o.text("--delays") + "'");
      }
    }
    int maxDelay = o.given("--max-delay") ? o.integer("--max-delay") : 8;
    if (maxDelay < 1 || maxDelay > 255) {
      throw new LearningRuleException("--max-delay must be in 1..255, got " + maxDelay);
    }
    FeedbackMode fb = FeedbackMode.SYMMETRIC;
    if (o.given("--feedback")) {
      try {
        fb = FeedbackMode.valueOf(o.text("--feedback").toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new LearningRuleException("--feedback must be symmetric or random, not '" + o.text("--feedback") + "'");
      }
    }
    boolean recurrent = o.flag("--recurrent");
    boolean hardware = o.flag("--hardware-form");
    if (hardware && !c.integer()) {
      throw new LearningRuleException("--hardware-form is an integer form: add --precision int");
    }
    int steps = train.raster(0).steps();
    if (hardware && mode != DelayMode.NONE && maxDelay >= steps) {
      throw new LearningRuleException("--max-delay " + maxDelay + " must be below the " + steps + " steps of a sample "
          + "for --hardware-form (a spike delayed that long never arrives; the unit refuses it)");
    }
    NumericForm form = hardware ? NumericForm.HARDWARE : c.integer() ? NumericForm.INT : NumericForm.FLOAT;
    ThreeFactorConfig cfg = ThreeFactorConfig.preset(sizes[1], recurrent, mode, form).withSeed(c.seed());
    int leak = o.given("--leak-shift") ? o.integer("--leak-shift") : cfg.shape().hiddenNeuron().leakShift();
    if (leak < 1 || leak > 15) {
      throw new LearningRuleException("--leak-shift must be in 1..15, got " + leak);
    }
    cfg = cfg.withShape(shape(c, cfg.shape(), mode, maxDelay, recurrent, leak));
    cfg = cfg.withLearning(targets(learning(cfg, fb, o.ints("--lr-log2")), o.ints("--targets")));
    return ThreeFactorTraining.engine(cfg, sizes[0], sizes[2], steps);
  }

  /** The rule's checks of data and architecture: spike rasters in, one hidden layer. */
  private static void checkFits(RuleConfig c, Dataset train) {
    int[] sizes = c.sizes();
    if (!train.isTemporal()) {
      throw new LearningRuleException("--rule eprop needs a temporal dataset (spike rasters, e.g. --dataset "
          + "delay-pattern); " + c.dataset() + " holds images");
    }
    if (sizes.length != 3) {
      throw new LearningRuleException("--rule eprop trains one hidden layer: --arch INPUTS-HIDDEN-CLASSES, e.g. "
          + sizes[0] + "-64-" + sizes[sizes.length - 1] + "; got " + c.arch());
    }
  }

  /** The preset's neurons with the run's widths, delays and recurrence. */
  private static NetworkShape shape(RuleConfig c, NetworkShape s, DelayMode mode, int maxDelay, boolean recurrent,
      int hiddenLeak) {
    int wb = c.weightBitsOrDefault();
    int mb = c.membraneBits() == null ? s.hiddenNeuron().membraneWidth() : c.membraneBits();
    try {
      NeuronParams h = new NeuronParams(s.hiddenNeuron().threshold(), hiddenLeak, mb, wb);
      NeuronParams o = new NeuronParams(s.outputNeuron().threshold(), s.outputNeuron().leakShift(), mb, wb);
      return new NetworkShape(c.sizes()[1], recurrent, mode, maxDelay, h, o);
    } catch (IllegalArgumentException e) {
      throw new LearningRuleException("--weight-bits " + wb + " / --membrane-bits " + mb + " do not fit the preset "
          + "neurons (threshold " + s.hiddenNeuron().threshold() + "): " + e.getMessage());
    }
  }

  /** {@code lp} with the targets of {@code --targets ON,OFF}, if given. */
  private static LearningParams targets(LearningParams lp, int[] targets) {
    if (targets == null) {
      return lp;
    }
    if (targets.length != 2 || targets[1] < 0 || targets[0] <= targets[1]) {
      throw new LearningRuleException("--targets takes two spike counts ON,OFF with ON > OFF >= 0, e.g. 8,2; got "
          + Arrays.toString(targets).replaceAll("[\\[\\] ]", ""));
    }
    return lp.withTargets(targets[0], targets[1]);
  }

  /** The preset's learning parameters with the feedback and the rates of {@code --lr-log2}, checked for the integer form. */
  private static LearningParams learning(ThreeFactorConfig cfg, FeedbackMode fb, int[] lrLog2) {
    LearningParams lp = cfg.learning().withFeedback(fb);
    if (lrLog2 != null) {
      if (lrLog2.length != 4) {
        throw new LearningRuleException("--lr-log2 takes four exponents HIDDEN,RECURRENT,OUTPUT,DELAY, e.g. "
            + "-12,-12,-10,-12; got " + lrLog2.length);
      }
      lp = lp.withRates(lrLog2[0], lrLog2[1], lrLog2[2], lrLog2[3]);
    }
    if (cfg.form() != NumericForm.FLOAT) {
      try {
        cfg.intFormat().weightShift(lp.lrLog2Hidden());
        cfg.intFormat().weightShift(lp.lrLog2Recurrent());
        cfg.intFormat().weightShift(lp.lrLog2Output());
        cfg.intFormat().delayShift(lp.lrLog2Delay());
      } catch (IllegalArgumentException e) {
        throw new LearningRuleException("--lr-log2: " + e.getMessage());
      }
    }
    return lp;
  }
}
