package dev.spikeforge.golden.train.rules;

import static dev.spikeforge.golden.train.rules.RuleOption.Kind.FLAG;
import static dev.spikeforge.golden.train.rules.RuleOption.Kind.INT;
import static dev.spikeforge.golden.train.rules.RuleOption.Kind.INTS;
import static dev.spikeforge.golden.train.rules.RuleOption.Kind.PATH;
import static dev.spikeforge.golden.train.rules.RuleOption.Kind.REAL;
import static dev.spikeforge.golden.train.rules.RuleOption.Kind.REALS;
import static dev.spikeforge.golden.train.rules.RuleOption.Kind.WORDS;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.io.DesireNpyImport;
import dev.spikeforge.golden.learning.DesireIntParams;
import dev.spikeforge.golden.learning.DesireParams;
import dev.spikeforge.golden.spec.hw.HwDesireLearning;
import dev.spikeforge.golden.train.DesireConfig;
import dev.spikeforge.golden.train.TrainingEngine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Desire backpropagation (docs/learning.md Part I) in float or integer form, from scratch or
 * fine-tuning a model ({@code --init}, checked by {@link DesireInitModel}), with binarized layers and
 * early exit.
 */
final class DesireRule implements LearningRule {
  private static final List<RuleOption> OPTIONS = List.of(
      new RuleOption("--shadow-bits", INTS, "E",
          "int: extra fraction bits of the learning (shadow) weights, one E for all layers or one per layer "
              + "(e.g. 0,8: fc1 in SPRAM, fc2 in block RAM). Default: 12."),
      new RuleOption("--stochastic-rounding", INT, "K",
          "int: round every shadow update stochastically with K random LFSR bits, floor(U/2^R + r/2^K) "
              + "(1..32; keeps small updates alive with few --shadow-bits; docs/learning.md §3.6). 0 = off "
              + "(floor). Default: 0."),
      RuleOption.of("--trace-bits", INT, "int: fraction bits of the presynaptic traces. Default: 6."),
      RuleOption.of("--threshold-shifts", INTS,
          "int: q per layer, threshold 2^q (default: from the initial weight spread)."),
      RuleOption.of("--timesteps", INT, "T, steps per sample. Default: 20."),
      RuleOption.of("--error-margin", INT, "M: a desired output neuron's spike-count target is T − M (lower it for a"
          + " short T: at T = 5 the default leaves a target of 1 spike). Default: 4."),
      RuleOption.of("--layer-delay", INT, "Delay in steps between layers (1 = the reference code's pipeline). Default: 1."),
      RuleOption.of("--lr", REAL, "Learning rate of epoch 0. Default: 1e-5."),
      RuleOption.of("--lr-decay", REAL, "γ of the schedule lr·exp(−γ·epoch). Default: 0.04."),
      new RuleOption("--dropout", REALS, "IN,HIDDEN",
          "Dropout probabilities of input and hidden neurons (default: fashion-mnist 0.05,0.4, else 0,0.3)."),
      new RuleOption("--binarize", WORDS, "LAYERS",
          "desire: train these layers as BINARIZED (1-bit weights ±α) with a straight-through estimator, "
              + "e.g. --binarize fc1 or --binarize 1 (layers count from 1). Usually with --init."),
      new RuleOption("--init", PATH, "MODEL",
          "desire: start from a trained network (fine-tuning): a float-model.json or an integer model.json "
              + "of the same architecture (int runs take its thresholds 2^q as --threshold-shifts)."),
      RuleOption.of("--export-npy", FLAG,
          "Also write the float weights as npy/fc1.npy, … (loadable into the authors' PyTorch code)."),
      new RuleOption("--early-exit", INT, "K",
          "desire: early exit in training: each sample stops at the first step an output reaches K spikes "
              + "(FIRST_TO_FIRE); error against K, updates only up to that step (1..T; 0 = off). Default: 0."));

  /** Options of the integer form only. */
  private static final List<String> INT_ONLY = List.of("--shadow-bits", "--stochastic-rounding", "--trace-bits",
      "--threshold-shifts");

  @Override
  public String name() {
    return "desire";
  }

  @Override
  public String summary() {
    return "desire backpropagation";
  }

  @Override
  public List<RuleOption> options() {
    return OPTIONS;
  }

  @Override
  public TrainingEngine engine(RuleConfig c, Dataset train) {
    RuleOptions o = c.options();
    int[] sizes = c.sizes();
    DesireParams p = params(c);
    if (train.isTemporal() && train.raster(0).steps() < p.timesteps()) {
      throw new LearningRuleException("dataset " + c.dataset() + " has " + train.raster(0).steps() + " steps per sample "
          + "but --timesteps is " + p.timesteps());
    }
    int earlyExit = earlyExit(o, p);
    int[] binarized = binarizedLayers(o, sizes);
    DesireInitModel init = o.given("--init") ? DesireInitModel.read(o.path("--init"), c, p) : null;
    if (!c.integer()) {
      for (String opt : INT_ONLY) {
        if (o.given(opt)) {
          throw new LearningRuleException(opt + " applies to --precision int only (the float form has no such width)");
        }
      }
      return configure(DesireConfig.floatForm(sizes, p, c.seed()), binarized, init, earlyExit)
          .adaptiveEngine(c.threads());
    }
    return configure(DesireConfig.intForm(sizes, p, intParams(c, init), c.seed()), binarized, init, earlyExit)
        .adaptiveEngine(c.threads());
  }

  @Override
  public Optional<String> startingModel(RuleOptions o) {
    if (!o.given("--init")) {
      return Optional.empty();
    }
    List<String> b = o.words("--binarize");
    return Optional.of(o.path("--init").getFileName() + (b == null ? "" : ", " + String.join(",", b) + " binarized"));
  }

  /** The float model ({@link LearningRule#writeOutputs}) and, with {@code --export-npy}, the weights as npy/. */
  @Override
  public void writeOutputs(TrainingEngine engine, RuleOptions o, Path dir) throws IOException {
    LearningRule.super.writeOutputs(engine, o, dir);
    if (o.flag("--export-npy")) {
      DesireNpyImport.export(engine.floatNetwork(), dir.resolve("npy"));
    }
  }

  /** The hyper-parameters of the dataset's preset with the options applied. */
  static DesireParams params(RuleConfig c) {
    RuleOptions o = c.options();
    DesireParams p = c.dataset().equals("fashion-mnist") ? DesireParams.fashionMnist() : DesireParams.mnist();
    if (o.given("--timesteps")) {
      p = p.withTimesteps(o.integer("--timesteps"));
    }
    if (o.given("--layer-delay")) {
      p = p.withLayerDelay(o.integer("--layer-delay"));
    }
    if (o.given("--error-margin")) {
      p = p.withErrorMargin(o.integer("--error-margin"));
    }
    if (o.given("--lr") || o.given("--lr-decay")) {
      p = p.withLearningRate(o.given("--lr") ? o.real("--lr") : p.learningRate(),
          o.given("--lr-decay") ? o.real("--lr-decay") : p.learningRateDecay());
    }
    if (o.given("--dropout")) {
      double[] d = o.reals("--dropout");
      if (d.length != 2) {
        throw new LearningRuleException("--dropout takes two probabilities, input and hidden, e.g. --dropout 0.05,0.4");
      }
      p = p.withDropout(d[0], d[1]);
    }
    return p;
  }

  /** The integer form's widths: the defaults, the options, and those of an integer {@code --init} model. */
  private static DesireIntParams intParams(RuleConfig c, DesireInitModel init) {
    RuleOptions o = c.options();
    int[] sizes = c.sizes();
    int weightBits = c.weightBitsOrDefault();
    Integer membraneBits = c.membraneBits();
    boolean intInit = init != null && init.spec() != null;
    if (intInit) {
      // fine-tuning an integer model: its widths are the defaults; options that contradict them are refused
      weightBits = init.checkWidth(c.weightBits(), "--weight-bits", init.weightBits());
      membraneBits = init.checkWidth(c.membraneBits(), "--membrane-bits", init.membraneBits());
    }
    DesireIntParams ip = membraneBits == null ? DesireIntParams.defaults(sizes, weightBits)
        : DesireIntParams.defaults(sizes, weightBits, membraneBits);
    if (o.given("--shadow-bits")) {
      int[] e = o.ints("--shadow-bits");
      for (int x : e) {
        if (x < 0 || x > HwDesireLearning.MAX_SHADOW_BITS) {
          throw new LearningRuleException("--shadow-bits takes the extra fraction bits of the shadow weights, 0.."
              + HwDesireLearning.MAX_SHADOW_BITS + " (few bits: add --stochastic-rounding 16); got " + x);
        }
      }
      if (e.length != 1 && e.length != sizes.length - 1) {
        throw new LearningRuleException("--shadow-bits has " + e.length + " values for " + (sizes.length - 1)
            + " layers: give one E for all layers or one per layer, e.g. --shadow-bits 12 or --shadow-bits 0,8");
      }
      ip = e.length == 1 ? ip.withShadowBits(e[0]) : ip.withLayerShadowBits(e);
    }
    if (o.given("--trace-bits")) {
      ip = ip.withTraceFracBits(o.integer("--trace-bits"));
    }
    if (o.given("--stochastic-rounding")) {
      int k = o.integer("--stochastic-rounding");
      if (k < 0 || k > DesireIntParams.MAX_ROUNDING_BITS) {
        throw new LearningRuleException("--stochastic-rounding takes the number of random bits per update, 1.."
            + DesireIntParams.MAX_ROUNDING_BITS + " (e.g. 16), or 0 for off; got " + k);
      }
      ip = ip.withRoundingBits(k);
    }
    int[] shifts = o.ints("--threshold-shifts");
    if (shifts != null) {
      if (shifts.length != sizes.length - 1) {
        throw new LearningRuleException("--threshold-shifts has " + shifts.length + " values for "
            + (sizes.length - 1) + " layers: " + Arrays.toString(shifts));
      }
      ip = ip.withThresholdShifts(shifts);
    }
    if (intInit) {
      int[] q = init.thresholdShifts();
      if (shifts != null && !Arrays.equals(q, shifts)) {
        throw new LearningRuleException("--threshold-shifts " + Arrays.toString(shifts) + " disagrees with the "
            + "thresholds of --init " + init.file() + " (shifts " + Arrays.toString(q) + "); leave the option out");
      }
      ip = ip.withThresholdShifts(q);
    }
    return ip;
  }

  private static DesireConfig configure(DesireConfig c, int[] binarized, DesireInitModel init, int earlyExit) {
    c = c.withBinarized(binarized).withEarlyExit(earlyExit);
    return init == null ? c : c.withInit(init.weights());
  }

  /** {@code --early-exit K}: 0 (off) when absent; K must be reachable within the T steps of a sample. */
  static int earlyExit(RuleOptions o, DesireParams p) {
    if (!o.given("--early-exit")) {
      return 0;
    }
    int k = o.integer("--early-exit");
    if (k < 0 || k > p.timesteps()) {
      throw new LearningRuleException("--early-exit must be a decision count in 1.." + p.timesteps() + " (T, "
          + "--timesteps), or 0 for off; got " + k);
    }
    return k;
  }

  /** {@code --binarize fc1,2} → 0-based layer indices {0, 1}. */
  static int[] binarizedLayers(RuleOptions o, int[] sizes) {
    List<String> given = o.words("--binarize");
    if (given == null) {
      return new int[0];
    }
    int layers = sizes.length - 1;
    TreeSet<Integer> out = new TreeSet<>();
    for (String s : given) {
      String t = s.trim();
      int l;
      try {
        l = t.startsWith("fc") ? Integer.parseInt(t.substring(2)) : Integer.parseInt(t);
      } catch (NumberFormatException e) {
        throw new LearningRuleException("--binarize: '" + s + "' is not a layer; give names fc1..fc" + layers
            + " or numbers 1.." + layers);
      }
      if (l < 1 || l > layers) {
        throw new LearningRuleException("--binarize: layer '" + s + "' does not exist; the network has layers fc1..fc"
            + layers);
      }
      out.add(l - 1);
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }
}
