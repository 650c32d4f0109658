package dev.spikeforge.flow;

import java.nio.file.Path;

/**
 * On-chip learning of a learning build checked against the golden model ({@link Flow#verifyLearning}): what
 * {@code spikeforge verify DIR --learn} takes, option for option. The learning core learns {@code samples}
 * consecutive labelled training samples of the build's dataset (the one its learning run names, rate-encoded
 * at the network's T, as the trainer encodes them), training images {@code first} .. {@code first + samples
 * − 1} at positions {@code first} .. of epoch {@code epoch}, while the golden reference learns the same; after
 * every sample every weight word and the output counts are compared. Field names are the options' names in
 * camel case; a {@link ConfigException} names the field.
 *
 * <pre>{@code
 * LearnVerifyReport r = Flow.verifyLearning(LearnVerifyRequest.of(Path.of("build/learn"), 20), FlowEvents.quiet());
 * }</pre>
 *
 * @param dir     a build directory made by {@code spikeforge compile MODEL -o DIR --learning desire}
 * @param samples training samples to learn, one after the other
 * @param sim     {@code verilator}, {@code icarus} or {@code both}
 * @param epoch   the epoch the samples belong to (its learning rate, the LFSR streams)
 * @param first   index of the first training image, and its position in the epoch
 * @param dataDir directory of the dataset's files, or null for where the package installs them
 */
public record LearnVerifyRequest(Path dir, int samples, String sim, int epoch, int first, Path dataDir) {
  /** Most samples one run takes (every weight word is read back after each). */
  public static final int MAX_SAMPLES = 1_000_000;

  /** Validates what can be checked without reading the build directory or the data. */
  public LearnVerifyRequest {
    ConfigException.require(dir != null, "dir", "is missing; give a build directory made by 'spikeforge compile"
        + " MODEL -o DIR --learning desire'");
    ConfigException.require(samples >= 1 && samples <= MAX_SAMPLES, "samples",
        "must be in 1.." + MAX_SAMPLES + ", got " + samples);
    ConfigException.require(VerifyRequest.SIMS.contains(sim), "sim",
        "must be verilator, icarus or both, not '" + sim + "'");
    ConfigException.require(epoch >= 0, "epoch", "must be at least 0, got " + epoch);
    ConfigException.require(first >= 0, "first", "must be at least 0, got " + first);
  }

  /** {@code n} samples from the first training image, epoch 0, in Verilator. */
  public static LearnVerifyRequest of(Path dir, int n) {
    return new LearnVerifyRequest(dir, n, "verilator", 0, 0, null);
  }

  /** The same in the simulators {@code s} ({@code verilator}, {@code icarus} or {@code both}). */
  public LearnVerifyRequest withSim(String s) {
    return new LearnVerifyRequest(dir, samples, s, epoch, first, dataDir);
  }

  /** The same with the dataset's files in {@code d} (null: where the package installs them). */
  public LearnVerifyRequest withDataDir(Path d) {
    return new LearnVerifyRequest(dir, samples, sim, epoch, first, d);
  }
}
