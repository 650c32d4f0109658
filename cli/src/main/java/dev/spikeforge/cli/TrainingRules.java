package dev.spikeforge.cli;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.learning.DesireIntParams;
import dev.spikeforge.golden.learning.DesireParams;
import dev.spikeforge.golden.train.DesireConfig;
import dev.spikeforge.golden.train.TrainingEngine;
import java.util.Arrays;
import java.util.List;

/**
 * The learning rules {@code spikeforge train --rule NAME} knows: one case per rule in {@link
 * #engine}. A rule reads the options of {@link TrainCommand} it understands and refuses the ones
 * that do not apply to it, with one clear message each.
 */
final class TrainingRules {
  /** Names accepted by {@code --rule}. */
  static final List<String> NAMES = List.of("desire");

  private TrainingRules() {}

  /** Creates the engine of {@code cmd.rule} for the architecture {@code sizes}. */
  static TrainingEngine engine(TrainCommand cmd, int[] sizes, Dataset train) {
    return switch (cmd.rule) {
      case "desire" -> desire(cmd, sizes, train);
      default -> throw new UserException("unknown rule '" + cmd.rule + "'; available: " + String.join(", ", NAMES));
    };
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
    if (!integer) {
      for (String opt : new String[] {"--shadow-bits", "--trace-bits", "--threshold-shifts"}) {
        if (cmd.given(opt)) {
          throw new UserException(opt + " applies to --precision int only (the float form has no such width)");
        }
      }
      return DesireConfig.floatForm(sizes, p, cmd.seed).engine(cmd.trainThreads());
    }
    DesireIntParams ip = cmd.membraneBits == null ? DesireIntParams.defaults(sizes, cmd.weightBits())
        : DesireIntParams.defaults(sizes, cmd.weightBits(), cmd.membraneBits);
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
    return DesireConfig.intForm(sizes, p, ip, cmd.seed).engine(cmd.trainThreads());
  }
}
