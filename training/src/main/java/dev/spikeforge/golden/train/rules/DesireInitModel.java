package dev.spikeforge.golden.train.rules;

import dev.spikeforge.golden.io.FloatNetworkJson;
import dev.spikeforge.golden.io.ModelFormatException;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.learning.DesireParams;
import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.ResetMode;
import dev.spikeforge.golden.spec.SpecException;
import dev.spikeforge.golden.train.DesireInit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The network of {@code --init}: a float model or an integer model of the run's architecture and
 * forward semantics (leak, T, delay between layers, reset by subtraction), every layer DENSE. Its
 * weights in threshold units start the run.
 *
 * @param spec the integer model, or null for a float model
 */
record DesireInitModel(Path file, NetworkSpec spec, DesireInit weights) {
  static DesireInitModel read(Path file, RuleConfig c, DesireParams p) {
    int[] sizes = c.sizes();
    if (!Files.isRegularFile(file)) {
      throw new LearningRuleException("--init: no such file " + file);
    }
    String head;
    try (var in = Files.newInputStream(file)) {
      head = new String(in.readNBytes(256), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new LearningRuleException("--init: cannot read " + file + ": " + e.getMessage());
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
    } catch (ModelFormatException | SpecException e) {
      throw new LearningRuleException("--init " + file + ": " + e.getMessage());
    }
    List<String> bad = new ArrayList<>();
    if (net.layers().size() != sizes.length - 1) {
      throw new LearningRuleException("--init " + file + " has " + net.layers().size() + " layers, --arch "
          + c.arch() + " has " + (sizes.length - 1));
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
      if (fl.hasNeuronLeaks()) {
        bad.add(n + " has per-neuron leaks (desire backpropagation: one leak per network, run: " + p.leak() + ")");
      } else if (fl.leak() != p.leak()) {
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
      throw new LearningRuleException("--init " + file + " does not fit this run: " + String.join("; ", bad));
    }
    return new DesireInitModel(file, spec, new DesireInit(file.getFileName().toString(), w));
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
        throw new LearningRuleException("--init " + file + ": layers differ in " + option.substring(2) + " (" + v + " and "
            + model + "); the integer trainer uses one width for all layers");
      }
    }
    if (given != null && given != model) {
      throw new LearningRuleException(option + " " + given + " disagrees with --init " + file + " (" + model + "-bit); "
          + "leave the option out");
    }
    return model;
  }
}
