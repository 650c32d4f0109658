package dev.spikeforge.flow;

import dev.spikeforge.golden.train.DesireConfig;
import java.util.Arrays;

/**
 * The train step: desire backpropagation of a float network (or a given float model, not trained).
 *
 * @param arch         layer sizes {@code input-hidden…-output}, e.g. {@code 784-128-10}
 * @param epochs       training epochs
 * @param trainSamples training images used (the first ones of the training split)
 * @param seed         seed of the initial weights and of the sample order
 * @param timesteps    time steps T per sample
 * @param floatModel   a float model file ({@code spikeforge.float-network}) to use instead of training, or null
 * @param retrain      train even if the build directory holds a model trained from the same inputs
 */
public record TrainingConfig(String arch, int epochs, int trainSamples, long seed, int timesteps, String floatModel,
    boolean retrain) {

  /** Validates. */
  public TrainingConfig {
    ConfigException.require(epochs >= 1, "training.epochs", "must be at least 1, got " + epochs);
    ConfigException.require(trainSamples >= 100, "training.trainSamples", "must be at least 100, got " + trainSamples);
    ConfigException.require(timesteps >= 1, "training.timesteps", "must be at least 1, got " + timesteps);
    ConfigException.require(arch != null, "training.arch", "is missing; give sizes such as 784-128-10");
    if (floatModel == null) { // with a given model nothing is trained and the shape is the model's
      sizes(arch);
    }
  }

  /** The layer sizes of {@link #arch()}. */
  public int[] sizes() {
    return sizes(arch);
  }

  private static int[] sizes(String arch) {
    int[] sizes;
    try {
      sizes = DesireConfig.parseArch(arch);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("training.arch", e.getMessage().replaceFirst("^arch: ", ""));
    }
    ConfigException.require(Arrays.stream(sizes).allMatch(x -> x >= 1) && sizes.length >= 2, "training.arch",
        "sizes must be positive, at least input-output: " + arch);
    ConfigException.require(sizes[0] == DataConfig.PIXELS && sizes[sizes.length - 1] >= 10, "training.arch",
        arch + " must start with " + DataConfig.PIXELS + " inputs and end with at least 10 outputs for Fashion-MNIST");
    return sizes;
  }

  /** The same, with {@code n} epochs. */
  public TrainingConfig withEpochs(int n) {
    return new TrainingConfig(arch, n, trainSamples, seed, timesteps, floatModel, retrain);
  }

  /** The same, with the float model {@code file} used instead of training (null: train). */
  public TrainingConfig withFloatModel(String file) {
    return new TrainingConfig(arch, epochs, trainSamples, seed, timesteps, file, retrain);
  }
}
