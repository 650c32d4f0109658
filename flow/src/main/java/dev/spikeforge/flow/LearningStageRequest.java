package dev.spikeforge.flow;

import java.nio.file.Path;

/**
 * The demo's on-chip learning stage ({@link Flow#learningStage}): a small 784-H-10 network in the learning
 * core's hardware configuration (docs/benchmarks.md, "Recommended configuration of the learning core": B = 8,
 * E = 0 for fc1, E = 8 for fc2, stochastic rounding K = 16; T = 20 and the Fashion-MNIST dropout of desire
 * training, learning rate 2^−15), from the integer desire rule's random start (seed 1), compiled as a learning
 * core and learning {@code samples} consecutive training images in Verilator, every weight compared with the
 * golden model after every sample.
 *
 * <p>The demo's own network cannot be that core: it is trained in float and quantized with a calibrated scale,
 * so its thresholds are not the powers of two the learning unit needs.
 *
 * @param outDir  where the stage writes ({@code learn/build/}: the learning build directory)
 * @param hidden  H, the hidden layer's neurons
 * @param lanes   neurons updated per clock in each layer
 * @param board   the board whose memories the weights are placed in
 * @param samples training images learned, from the first
 * @param dataDir Fashion-MNIST's files, or null for where the package installs them
 * @param synthesize also estimate the logic of the learning core and of the inference-only core of the same
 *     network with Yosys ({@code synth_ice40}, before place and route; needs yosys)
 */
public record LearningStageRequest(Path outDir, int hidden, int lanes, String board, int samples, Path dataDir,
    boolean synthesize) {
  /** The stage as the demo runs it by default. */
  public static final int DEFAULT_HIDDEN = 32;
  public static final int DEFAULT_LANES = 4;
  public static final int DEFAULT_SAMPLES = 300;

  /** Validates. */
  public LearningStageRequest {
    ConfigException.require(outDir != null, "learn.outDir", "is missing");
    ConfigException.require(hidden >= 1, "learn.hidden", "must be at least 1, got " + hidden);
    ConfigException.require(lanes >= 1, "learn.lanes", "must be at least 1, got " + lanes);
    ConfigException.require(board != null && !board.isBlank(), "learn.board", "is missing");
    ConfigException.require(samples >= 1 && samples <= 60_000, "learn.samples", "must be in 1..60000, got " + samples);
  }

  /** The demo's stage in {@code outDir} with {@code samples} samples. */
  public static LearningStageRequest of(Path outDir, int samples) {
    return new LearningStageRequest(outDir, DEFAULT_HIDDEN, DEFAULT_LANES, "icebreaker", samples, null, false);
  }

  /** The learning build directory. */
  public Path buildDir() {
    return outDir.resolve("learn").resolve("build");
  }
}
