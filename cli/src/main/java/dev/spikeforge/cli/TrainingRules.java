package dev.spikeforge.cli;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.learning.DesireIntParams;
import dev.spikeforge.golden.learning.DesireParams;
import dev.spikeforge.golden.train.DesireConfig;
import dev.spikeforge.golden.train.TrainingEngine;
import dev.spikeforge.golden.io.FloatNetworkJson;
import dev.spikeforge.golden.io.ModelFormatException;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.ResetMode;
import dev.spikeforge.golden.train.DesireInit;
import dev.spikeforge.golden.learning.threefactor.FeedbackMode;
import dev.spikeforge.golden.spec.hw.DelayMode;
import dev.spikeforge.golden.train.threefactor.LearningParams;
import dev.spikeforge.golden.train.threefactor.NetworkShape;
import dev.spikeforge.golden.train.threefactor.NeuronParams;
import dev.spikeforge.golden.train.threefactor.NumericForm;
import dev.spikeforge.golden.train.threefactor.ThreeFactorConfig;
import dev.spikeforge.golden.train.threefactor.ThreeFactorTraining;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The learning rules {@code spikeforge train --rule NAME} knows: one case per rule in {@link
 * #engine}. A rule reads the options of {@link TrainCommand} it understands and refuses the ones
 * that do not apply to it, with one clear message each.
 */
final class TrainingRules {
  /** Names accepted by {@code --rule}. */
  static final List<String> NAMES = List.of("desire", "eprop");
  /** Options only desire backpropagation reads. */
  static final List<String> DESIRE_ONLY = List.of("--shadow-bits", "--trace-bits", "--threshold-shifts", "--timesteps",
      "--layer-delay", "--lr", "--lr-decay", "--dropout", "--binarize", "--init", "--export-npy", "--early-exit");
  /** Options only the three-factor rule reads. */
  static final List<String> EPROP_ONLY = List.of("--delays", "--max-delay", "--recurrent", "--feedback", "--lr-log2");

  private TrainingRules() {}

  /** Creates the engine of {@code cmd.rule} for the architecture {@code sizes}. */
  static TrainingEngine engine(TrainCommand cmd, int[] sizes, Dataset train) {
    return switch (cmd.rule) {
      case "desire" -> {
        refuse(cmd, EPROP_ONLY, "eprop");
        yield desire(cmd, sizes, train);
      }
      case "eprop" -> {
        refuse(cmd, DESIRE_ONLY, "desire");
        yield eprop(cmd, sizes, train);
      }
      default -> throw new UserException("unknown rule '" + cmd.rule + "'; available: " + String.join(", ", NAMES));
    };
  }

  private static void refuse(TrainCommand cmd, List<String> options, String rule) {
    for (String o : options) {
      if (cmd.given(o)) {
        throw new UserException(o + " applies to --rule " + rule + " only, not to --rule " + cmd.rule);
      }
    }
  }

  /**
   * Three-factor learning of weights and delays (docs/learning.md Part II): the preset of {@code
   * ThreeFactorConfig} with the options applied, driven by the Trainer through {@code
   * ThreeFactorTraining.engine}.
   */
  private static TrainingEngine eprop(TrainCommand cmd, int[] sizes, Dataset train) {
    if (!train.isTemporal()) {
      throw new UserException("--rule eprop needs a temporal dataset (spike rasters, e.g. --dataset delay-pattern); "
          + cmd.dataset + " holds images");
    }
    if (sizes.length != 3) {
      throw new UserException("--rule eprop trains one hidden layer: --arch INPUTS-HIDDEN-CLASSES, e.g. "
          + sizes[0] + "-64-" + sizes[sizes.length - 1] + "; got " + TrainCommand.arch(sizes));
    }
    DelayMode mode = DelayMode.SYNAPTIC;
    if (cmd.delays != null) {
      try {
        mode = DelayMode.valueOf(cmd.delays.toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new UserException("--delays must be none, axonal or synaptic, not '" + cmd.delays + "'");
      }
    }
    int maxDelay = cmd.maxDelay == null ? 8 : cmd.maxDelay;
    if (maxDelay < 1 || maxDelay > 255) {
      throw new UserException("--max-delay must be in 1..255, got " + maxDelay);
    }
    FeedbackMode fb = FeedbackMode.SYMMETRIC;
    if (cmd.feedback != null) {
      try {
        fb = FeedbackMode.valueOf(cmd.feedback.toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new UserException("--feedback must be symmetric or random, not '" + cmd.feedback + "'");
      }
    }
    NumericForm form = cmd.precision.equals("int") ? NumericForm.INT : NumericForm.FLOAT;
    ThreeFactorConfig cfg = ThreeFactorConfig.preset(sizes[1], cmd.recurrent, mode, form).withSeed(cmd.seed);
    NetworkShape s = cfg.shape();
    int wb = cmd.weightBits();
    int mb = cmd.membraneBits == null ? s.hiddenNeuron().membraneWidth() : cmd.membraneBits;
    try {
      NeuronParams h = new NeuronParams(s.hiddenNeuron().threshold(), s.hiddenNeuron().leakShift(), mb, wb);
      NeuronParams o = new NeuronParams(s.outputNeuron().threshold(), s.outputNeuron().leakShift(), mb, wb);
      cfg = cfg.withShape(new NetworkShape(sizes[1], cmd.recurrent, mode, maxDelay, h, o));
    } catch (IllegalArgumentException e) {
      throw new UserException("--weight-bits " + wb + " / --membrane-bits " + mb + " do not fit the preset neurons "
          + "(threshold " + s.hiddenNeuron().threshold() + "): " + e.getMessage());
    }
    LearningParams lp = cfg.learning().withFeedback(fb);
    if (cmd.lrLog2 != null) {
      if (cmd.lrLog2.length != 4) {
        throw new UserException("--lr-log2 takes four exponents HIDDEN,RECURRENT,OUTPUT,DELAY, e.g. -12,-12,-10,-12; got "
            + cmd.lrLog2.length);
      }
      lp = lp.withRates(cmd.lrLog2[0], cmd.lrLog2[1], cmd.lrLog2[2], cmd.lrLog2[3]);
    }
    cfg = cfg.withLearning(lp);
    if (form == NumericForm.INT) {
      try {
        cfg.intFormat().weightShift(lp.lrLog2Hidden());
        cfg.intFormat().weightShift(lp.lrLog2Recurrent());
        cfg.intFormat().weightShift(lp.lrLog2Output());
        cfg.intFormat().delayShift(lp.lrLog2Delay());
      } catch (IllegalArgumentException e) {
        throw new UserException("--lr-log2: " + e.getMessage());
      }
    }
    return ThreeFactorTraining.engine(cfg, sizes[0], sizes[2], train.raster(0).steps());
  }

  /** The resolved hyper-parameters of desire backpropagation for this command. */
  static DesireParams desireParams(TrainCommand cmd) {
    DesireParams p = cmd.dataset.equals("fashion-mnist") ? DesireParams.fashionMnist() : DesireParams.mnist();
    if (cmd.timesteps != null) {
      p = p.withTimesteps(cmd.timesteps);
    }
    if (cmd.layerDelay != null) {
      p = p.withLayerDelay(cmd.layerDelay);
    }
    if (cmd.lr != null || cmd.lrDecay != null) {
      p = p.withLearningRate(cmd.lr != null ? cmd.lr : p.learningRate(),
          cmd.lrDecay != null ? cmd.lrDecay : p.learningRateDecay());
    }
    if (cmd.dropout != null) {
      if (cmd.dropout.length != 2) {
        throw new UserException("--dropout takes two probabilities, input and hidden, e.g. --dropout 0.05,0.4");
      }
      p = p.withDropout(cmd.dropout[0], cmd.dropout[1]);
    }
    return p;
  }

  private static TrainingEngine desire(TrainCommand cmd, int[] sizes, Dataset train) {
    DesireParams p = desireParams(cmd);
    if (train.isTemporal() && train.raster(0).steps() < p.timesteps()) {
      throw new UserException("dataset " + cmd.dataset + " has " + train.raster(0).steps() + " steps per sample but "
          + "--timesteps is " + p.timesteps());
    }
    boolean integer = cmd.precision.equals("int");
    int earlyExit = earlyExit(cmd, p);
    int[] binarized = binarizedLayers(cmd, sizes);
    InitModel init = cmd.init == null ? null : InitModel.read(cmd.init, sizes, p, cmd);
    if (!integer) {
      for (String opt : new String[] {"--shadow-bits", "--trace-bits", "--threshold-shifts"}) {
        if (cmd.given(opt)) {
          throw new UserException(opt + " applies to --precision int only (the float form has no such width)");
        }
      }
      return configure(DesireConfig.floatForm(sizes, p, cmd.seed), binarized, init, earlyExit).engine(cmd.trainThreads());
    }
    int weightBits = cmd.weightBits();
    Integer membraneBits = cmd.membraneBits;
    if (init != null && init.spec() != null) {
      // fine-tuning an integer model: its widths are the defaults; options that contradict them are refused
      weightBits = init.checkWidth(cmd.weightBits, "--weight-bits", init.weightBits());
      membraneBits = init.checkWidth(cmd.membraneBits, "--membrane-bits", init.membraneBits());
    }
    DesireIntParams ip = membraneBits == null ? DesireIntParams.defaults(sizes, weightBits)
        : DesireIntParams.defaults(sizes, weightBits, membraneBits);
    if (cmd.shadowBits != null) {
      ip = ip.withShadowBits(cmd.shadowBits);
    }
    if (cmd.traceBits != null) {
      ip = ip.withTraceFracBits(cmd.traceBits);
    }
    if (cmd.thresholdShifts != null) {
      if (cmd.thresholdShifts.length != sizes.length - 1) {
        throw new UserException("--threshold-shifts has " + cmd.thresholdShifts.length + " values for "
            + (sizes.length - 1) + " layers: " + Arrays.toString(cmd.thresholdShifts));
      }
      ip = ip.withThresholdShifts(cmd.thresholdShifts);
    }
    if (init != null && init.spec() != null) {
      int[] q = init.thresholdShifts();
      if (cmd.thresholdShifts != null && !Arrays.equals(q, cmd.thresholdShifts)) {
        throw new UserException("--threshold-shifts " + Arrays.toString(cmd.thresholdShifts) + " disagrees with the "
            + "thresholds of --init " + cmd.init + " (shifts " + Arrays.toString(q) + "); leave the option out");
      }
      ip = ip.withThresholdShifts(q);
    }
    return configure(DesireConfig.intForm(sizes, p, ip, cmd.seed), binarized, init, earlyExit)
        .engine(cmd.trainThreads());
  }

  private static DesireConfig configure(DesireConfig c, int[] binarized, InitModel init, int earlyExit) {
    c = c.withBinarized(binarized).withEarlyExit(earlyExit);
    return init == null ? c : c.withInit(init.weights());
  }

  /** {@code --early-exit K}: 0 (off) when absent; K must be reachable within the T steps of a sample. */
  static int earlyExit(TrainCommand cmd, DesireParams p) {
    if (cmd.earlyExit == null) {
      return 0;
    }
    if (cmd.earlyExit < 0 || cmd.earlyExit > p.timesteps()) {
      throw new UserException("--early-exit must be a decision count in 1.." + p.timesteps() + " (T, --timesteps), or 0 "
          + "for off; got " + cmd.earlyExit);
    }
    return cmd.earlyExit;
  }

  /** {@code --binarize fc1,2} → 0-based layer indices {0, 1}. */
  static int[] binarizedLayers(TrainCommand cmd, int[] sizes) {
    if (cmd.binarize == null) {
      return new int[0];
    }
    int layers = sizes.length - 1;
    java.util.TreeSet<Integer> out = new java.util.TreeSet<>();
    for (String s : cmd.binarize) {
      String t = s.trim();
      int l;
      try {
        l = t.startsWith("fc") ? Integer.parseInt(t.substring(2)) : Integer.parseInt(t);
      } catch (NumberFormatException e) {
        throw new UserException("--binarize: '" + s + "' is not a layer; give names fc1..fc" + layers
            + " or numbers 1.." + layers);
      }
      if (l < 1 || l > layers) {
        throw new UserException("--binarize: layer '" + s + "' does not exist; the network has layers fc1..fc" + layers);
      }
      out.add(l - 1);
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * The network of {@code --init}: a float model or an integer model of the run's architecture and
   * forward semantics (leak, T, delay between layers, reset by subtraction), every layer DENSE. Its
   * weights in threshold units start the run.
   *
   * @param spec the integer model, or null for a float model
   */
  record InitModel(Path file, NetworkSpec spec, DesireInit weights) {
    static InitModel read(Path file, int[] sizes, DesireParams p, TrainCommand cmd) {
      if (!Files.isRegularFile(file)) {
        throw new UserException("--init: no such file " + file);
      }
      String head;
      try (var in = Files.newInputStream(file)) {
        head = new String(in.readNBytes(256), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UserException("--init: cannot read " + file + ": " + e.getMessage());
      }
      FloatNetwork net;
      NetworkSpec spec = null;
      try {
        if (FloatNetworkJson.isFloatNetwork(head)) {
          net = FloatNetworkJson.read(file);
        } else {
          spec = NetworkJson.read(file);
          net = FloatNetwork.of(spec);
        }
      } catch (ModelFormatException | dev.spikeforge.golden.spec.SpecException e) {
        throw new UserException("--init " + file + ": " + e.getMessage());
      }
      List<String> bad = new ArrayList<>();
      if (net.layers().size() != sizes.length - 1) {
        throw new UserException("--init " + file + " has " + net.layers().size() + " layers, --arch "
            + TrainCommand.arch(sizes) + " has " + (sizes.length - 1));
      }
      if (net.timesteps() != p.timesteps()) {
        bad.add("T is " + net.timesteps() + " (run: " + p.timesteps() + ", --timesteps)");
      }
      double[][][] w = new double[sizes.length - 1][][];
      for (int l = 0; l < w.length; l++) {
        FloatLayer fl = net.layers().get(l);
        String n = "layer " + fl.name();
        if (fl.inputSize() != sizes[l] || fl.size() != sizes[l + 1]) {
          bad.add(n + " is " + fl.inputSize() + "->" + fl.size() + " (--arch: " + sizes[l] + "->" + sizes[l + 1] + ")");
          continue;
        }
        if (fl.kind() != LayerKind.DENSE) {
          bad.add(n + " is already " + fl.kind() + " (start from the multi-bit network and use --binarize)");
        }
        if (fl.leak() != p.leak()) {
          bad.add(n + " has leak " + fl.leak() + " (run: " + p.leak() + ", leak shift " + p.leakShift() + ")");
        }
        if (fl.reset() != ResetMode.SUBTRACT) {
          bad.add(n + " resets by " + fl.reset() + " (desire backpropagation resets by subtraction)");
        }
        if (fl.isRecurrent() || fl.synapticDelays() != null) {
          bad.add(n + " has recurrent weights or synaptic delays (desire layers are feedforward)");
        }
        int want = l == 0 ? 0 : p.layerDelay();
        boolean delaysOk = fl.axonalDelays() == null ? want == 0
            : Arrays.stream(fl.axonalDelays()).allMatch(d -> d == want);
        if (!delaysOk) {
          bad.add(n + " does not have delay " + want + " on its inputs (run: --layer-delay " + p.layerDelay() + ")");
        }
        w[l] = new double[fl.size()][fl.inputSize()];
        for (int j = 0; j < fl.size(); j++) {
          for (int i = 0; i < fl.inputSize(); i++) {
            w[l][j][i] = fl.weights()[j][i] / fl.threshold();
          }
        }
      }
      if (spec != null) {
        for (LayerSpec ls : spec.layers()) {
          long t = ls.neuron().threshold();
          if (Long.bitCount(t) != 1) {
            bad.add("layer " + ls.name() + " has threshold " + t + ", not a power of two 2^q");
          }
        }
      }
      if (!bad.isEmpty()) {
        throw new UserException("--init " + file + " does not fit this run: " + String.join("; ", bad));
      }
      return new InitModel(file, spec, new DesireInit(file.getFileName().toString(), w));
    }

    int weightBits() {
      return spec.layers().stream().mapToInt(LayerSpec::weightWidth).max().orElseThrow();
    }

    int membraneBits() {
      return spec.layers().get(0).neuron().membraneWidth();
    }

    int[] thresholdShifts() {
      return spec.layers().stream().mapToInt(l -> Long.numberOfTrailingZeros(l.neuron().threshold())).toArray();
    }

    /** The model's width unless the option gives another one (refused). */
    int checkWidth(Integer given, String option, int model) {
      for (LayerSpec ls : spec.layers()) {
        int v = option.equals("--weight-bits") ? ls.weightWidth() : ls.neuron().membraneWidth();
        if (v != model) {
          throw new UserException("--init " + file + ": layers differ in " + option.substring(2) + " (" + v + " and "
              + model + "); the integer trainer uses one width for all layers");
        }
      }
      if (given != null && given != model) {
        throw new UserException(option + " " + given + " disagrees with --init " + file + " (" + model + "-bit); "
            + "leave the option out");
      }
      return model;
    }
  }
}
