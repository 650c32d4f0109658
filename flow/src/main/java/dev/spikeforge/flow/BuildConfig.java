package dev.spikeforge.flow;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Everything a build needs, split by concern: one immutable, validated value that {@link Flow#run}
 * turns into a build directory. Named presets ({@link #demo()}, {@link #tiny()}) double as the test
 * matrix; {@link #toJson()} and {@link #fromJson(String)} round-trip it.
 *
 * @param outDir       the build's output directory (train/, model.json, build/, results.json, reports/)
 * @param data         the dataset
 * @param training     the train step
 * @param quantize     the quantize step
 * @param hardware     the compile step (and the board of the bitstream step)
 * @param verify       the verify step
 * @param bitstream    the bitstream step
 * @param threads      worker threads of training, calibration and accuracy runs; 0 for all cores
 */
public record BuildConfig(String outDir, DataConfig data, TrainingConfig training, QuantizeConfig quantize,
    HardwareConfig hardware, VerifyConfig verify, BitstreamConfig bitstream, int threads) {

  /** Validates. */
  public BuildConfig {
    ConfigException.require(outDir != null && !outDir.isBlank(), "outDir", "is missing; give an output directory");
    ConfigException.require(data != null, "data", "is missing");
    ConfigException.require(training != null, "training", "is missing");
    ConfigException.require(quantize != null, "quantize", "is missing");
    ConfigException.require(hardware != null, "hardware", "is missing");
    ConfigException.require(verify != null, "verify", "is missing");
    ConfigException.require(bitstream != null, "bitstream", "is missing");
    ConfigException.require(threads >= 0 && threads <= ThreadCount.MAX, "threads",
        "must be in 1.." + ThreadCount.MAX + " (or 0 for all cores), got " + threads);
  }

  /**
   * What {@code spikeforge demo} does by default: 784-128-10 desire-trained for 3 epochs on all of
   * Fashion-MNIST (T = 20), 4-bit weights, 4 lanes, verified on 32 test images, a bitstream for the
   * iCEBreaker at its board clock.
   */
  public static BuildConfig demo() {
    return new BuildConfig("build/demo", DataConfig.fashionMnist(),
        new TrainingConfig("784-128-10", 3, 60_000, 1, 20, null, false), QuantizeConfig.of(4),
        new HardwareConfig(4, "icebreaker"), VerifyConfig.of(32), BitstreamConfig.boardClock(), 0);
  }

  /**
   * A build that takes seconds: 784-8-10, one epoch on 300 images, 100 test images, verified on 2,
   * no bitstream.
   */
  public static BuildConfig tiny() {
    return new BuildConfig("build/tiny", DataConfig.fashionMnist().withTestLimit(100),
        new TrainingConfig("784-8-10", 1, 300, 1, 20, null, false), QuantizeConfig.of(4),
        new HardwareConfig(4, "icebreaker"), VerifyConfig.of(2), BitstreamConfig.boardClock().disabled(), 2);
  }

  /** The output directory as a path. */
  public Path out() {
    return Path.of(outDir);
  }

  /** {@link #threads()}, with 0 resolved to the machine's cores. */
  public int threadCount() {
    return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
  }

  /** The same build written to {@code dir}. */
  public BuildConfig withOutDir(String dir) {
    return new BuildConfig(dir, data, training, quantize, hardware, verify, bitstream, threads);
  }

  /** The same build on {@code d}. */
  public BuildConfig withData(DataConfig d) {
    return new BuildConfig(outDir, d, training, quantize, hardware, verify, bitstream, threads);
  }

  /** The same build with training {@code t}. */
  public BuildConfig withTraining(TrainingConfig t) {
    return new BuildConfig(outDir, data, t, quantize, hardware, verify, bitstream, threads);
  }

  /** The same build with quantization {@code q}. */
  public BuildConfig withQuantize(QuantizeConfig q) {
    return new BuildConfig(outDir, data, training, q, hardware, verify, bitstream, threads);
  }

  /** The same build with hardware mapping {@code h}. */
  public BuildConfig withHardware(HardwareConfig h) {
    return new BuildConfig(outDir, data, training, quantize, h, verify, bitstream, threads);
  }

  /** The same build with verification {@code v}. */
  public BuildConfig withVerify(VerifyConfig v) {
    return new BuildConfig(outDir, data, training, quantize, hardware, v, bitstream, threads);
  }

  /** The same build with bitstream step {@code b}. */
  public BuildConfig withBitstream(BitstreamConfig b) {
    return new BuildConfig(outDir, data, training, quantize, hardware, verify, b, threads);
  }

  /** The same build on {@code n} threads (0: all cores). */
  public BuildConfig withThreads(int n) {
    return new BuildConfig(outDir, data, training, quantize, hardware, verify, bitstream, n);
  }

  /** This config as indented JSON. */
  public String toJson() {
    return Json.write(this);
  }

  /**
   * Reads a config written by {@link #toJson()}; validated like any other.
   *
   * @throws ConfigException naming the invalid field, or the JSON problem
   */
  public static BuildConfig fromJson(String json) {
    try {
      return Json.MAPPER.readValue(json, BuildConfig.class);
    } catch (com.fasterxml.jackson.databind.exc.ValueInstantiationException e) {
      if (e.getCause() instanceof ConfigException c) {
        throw c;
      }
      throw new ConfigException("(json)", e.getOriginalMessage());
    } catch (IOException e) {
      throw new ConfigException("(json)", "is not a build config: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }
}
