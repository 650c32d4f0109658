package dev.spikeforge.flow;

import dev.spikeforge.golden.data.DatasetCatalog;
import dev.spikeforge.golden.data.SpikeEncoder;
import dev.spikeforge.golden.spec.EncoderSpec;
import java.nio.file.Path;
import java.util.List;

/**
 * The accuracy of a model on a dataset ({@link Flow#evaluate}): what {@code spikeforge evaluate} takes,
 * option for option. Field names are the options' names in camel case ({@code earlyExitSweep} is
 * {@code --early-exit-sweep}); a {@link ConfigException} names the field.
 *
 * <pre>{@code
 * EvaluateReport r = Flow.evaluate(EvaluateRequest.of(Path.of("float-model.json"), "mnist-subset")
 *     .withLimit(100).withQuantize(8), FlowEvents.quiet());
 * }</pre>
 *
 * @param model          model.json, float-model.json, a directory of fc1.npy, fc2.npy, … or layer1.npy, … (the
 *                       desire-backpropagation authors' export), or a training output directory (its
 *                       float-model.json, else its model.json): {@link dev.spikeforge.golden.io.ModelFiles}
 * @param dataset        a name of {@link DatasetCatalog#NAMES}
 * @param dataDir        directory of the dataset's files, or null for where the package installs them
 * @param split          {@code train} or {@code test}
 * @param offset         samples skipped first
 * @param limit          at most this many samples, or null for all
 * @param encoder        an {@link dev.spikeforge.golden.spec.EncoderSpec} text ({@code rate}, {@code rate:min=M},
 *                       {@code latency[:min=M]}, {@code poisson}, {@code rate32}), or null for the model's:
 *                       {@code rate32} (the authors' float32 coding) for an npy directory, else the encoder the
 *                       model file records (default {@code rate})
 * @param seed           seed of the Poisson encoder
 * @param threads        worker threads (results do not depend on it), or null for all cores
 * @param timesteps      npy import: T, or null for 20
 * @param leakShift      npy import: k of the leak 1 − 2^−k, or null for 2
 * @param threshold      npy import: firing threshold, or null for 1.0
 * @param layerDelay     npy import: delay between layers, or null for 1
 * @param quantize       float models: also quantize to this many weight bits and evaluate the integer network
 * @param membraneBits   membrane width of the quantized network
 * @param exportInt      float models: write the quantized network here (8-bit weights unless {@code quantize})
 * @param earlyExitSweep integer network: also sweep FIRST_TO_FIRE decision counts 1..this, or null
 * @param json           write the results here as JSON (no timings: reproducible), or null
 * @param scale          quantization's scale rule: {@code max-abs}, {@code power-of-two}, {@code percentile:P} or
 *                       {@code calibrate}, or null for {@code calibrate}
 * @param calibrationImages quantization: the scale calibration and the float-against-integer check run on the
 *                       last this many images of the dataset's training split (never the evaluated slice)
 * @param maxDrop        quantization: refuse (nothing written) when the integer network's accuracy on the
 *                       calibration images is more than this many points below the float model's; null: warn only
 */
public record EvaluateRequest(Path model, String dataset, Path dataDir, String split, int offset, Integer limit,
    String encoder, long seed, Integer threads, Integer timesteps, Integer leakShift, Double threshold,
    Integer layerDelay, Integer quantize, int membraneBits, Path exportInt, Integer earlyExitSweep, Path json,
    String scale, int calibrationImages, Double maxDrop) {
  /** The encoders by name (each takes parameters as {@link EncoderSpec#NAMES} says). */
  public static final List<String> ENCODERS = List.of("rate", "poisson", "latency", "rate32");

  /** Validates what can be checked without reading the model or the data. */
  public EvaluateRequest {
    ConfigException.require(model != null, "model", "is missing; give the model file or npy directory");
    ConfigException.require(dataset != null && DatasetCatalog.NAMES.contains(dataset), "dataset",
        "'" + dataset + "' is unknown; choose one of " + String.join(", ", DatasetCatalog.NAMES));
    ConfigException.require("train".equals(split) || "test".equals(split), "split",
        "must be train or test, not '" + split + "'");
    ConfigException.require(offset >= 0, "offset", offset + " is negative");
    ConfigException.require(limit == null || limit >= 1, "limit", "must be positive, got " + limit);
    EncoderOption.check("encoder", encoder);
    ThreadCount.check(threads);
    ConfigException.require(calibrationImages >= 0, "calibrationImages", "must be 0 (no check) or more, got "
        + calibrationImages);
    ConfigException.require(maxDrop == null || (maxDrop >= 0 && maxDrop <= 100), "maxDrop",
        "must be a number of points in [0, 100], got " + maxDrop);
    ScaleRule.check(scale);
    ConfigException.require(earlyExitSweep == null || (earlyExitSweep >= 1 && earlyExitSweep <= 255),
        "earlyExitSweep", "must be in 1..255, got " + earlyExitSweep);
  }

  /** {@code model} on the test split of {@code dataset}, with the defaults of {@code spikeforge evaluate}. */
  public static EvaluateRequest of(Path model, String dataset) {
    return new EvaluateRequest(model, dataset, null, "test", 0, null, null, 1, null, null, null, null, null, null, 16,
        null, null, null, null, CalibrationRule.DEFAULT_IMAGES, null);
  }

  /** The same, on at most {@code n} samples. */
  public EvaluateRequest withLimit(Integer n) {
    return new EvaluateRequest(model, dataset, dataDir, split, offset, n, encoder, seed, threads, timesteps, leakShift,
        threshold, layerDelay, quantize, membraneBits, exportInt, earlyExitSweep, json, scale, calibrationImages,
        maxDrop);
  }

  /** The same, coding the inputs with {@code spec} (an {@link EncoderSpec} text; null: the model's). */
  public EvaluateRequest withEncoder(String spec) {
    return new EvaluateRequest(model, dataset, dataDir, split, offset, limit, spec, seed, threads, timesteps, leakShift,
        threshold, layerDelay, quantize, membraneBits, exportInt, earlyExitSweep, json, scale, calibrationImages,
        maxDrop);
  }

  /** The same, also quantizing a float model to {@code bits}-bit weights. */
  public EvaluateRequest withQuantize(Integer bits) {
    return new EvaluateRequest(model, dataset, dataDir, split, offset, limit, encoder, seed, threads, timesteps,
        leakShift, threshold, layerDelay, bits, membraneBits, exportInt, earlyExitSweep, json, scale, calibrationImages,
        maxDrop);
  }

  /** The same, also sweeping early-exit decision counts 1..{@code kMax}. */
  public EvaluateRequest withEarlyExitSweep(Integer kMax) {
    return new EvaluateRequest(model, dataset, dataDir, split, offset, limit, encoder, seed, threads, timesteps,
        leakShift, threshold, layerDelay, quantize, membraneBits, exportInt, kMax, json, scale, calibrationImages,
        maxDrop);
  }

  /** The same, writing the results to {@code file}. */
  public EvaluateRequest withJson(Path file) {
    return new EvaluateRequest(model, dataset, dataDir, split, offset, limit, encoder, seed, threads, timesteps,
        leakShift, threshold, layerDelay, quantize, membraneBits, exportInt, earlyExitSweep, file, scale,
        calibrationImages, maxDrop);
  }

  /** The same, quantizing with scale rule {@code rule} (null: calibrate) and refusing a drop above {@code maxDrop}. */
  public EvaluateRequest withScale(String rule, Double maxDrop) {
    return new EvaluateRequest(model, dataset, dataDir, split, offset, limit, encoder, seed, threads, timesteps,
        leakShift, threshold, layerDelay, quantize, membraneBits, exportInt, earlyExitSweep, json, rule,
        calibrationImages, maxDrop);
  }

  /** The same, on {@code n} threads (null: all cores). */
  public EvaluateRequest withThreads(Integer n) {
    return new EvaluateRequest(model, dataset, dataDir, split, offset, limit, encoder, seed, n, timesteps, leakShift,
        threshold, layerDelay, quantize, membraneBits, exportInt, earlyExitSweep, json, scale, calibrationImages,
        maxDrop);
  }

  /** The same, writing the quantized network to {@code file}. */
  public EvaluateRequest withExportInt(Path file) {
    return new EvaluateRequest(model, dataset, dataDir, split, offset, limit, encoder, seed, threads, timesteps,
        leakShift, threshold, layerDelay, quantize, membraneBits, file, earlyExitSweep, json, scale, calibrationImages,
        maxDrop);
  }

  /** The same, calibrating and checking a quantization on the last {@code n} training images. */
  public EvaluateRequest withCalibrationImages(int n) {
    return new EvaluateRequest(model, dataset, dataDir, split, offset, limit, encoder, seed, threads, timesteps,
        leakShift, threshold, layerDelay, quantize, membraneBits, exportInt, earlyExitSweep, json, scale, n, maxDrop);
  }

  /** The first npy-import field given (they apply to an npy directory only), or null. */
  String npyField() {
    return timesteps != null ? "timesteps" : leakShift != null ? "leakShift" : threshold != null ? "threshold"
        : layerDelay != null ? "layerDelay" : null;
  }

  /** The first quantization field given (they need a float model that is quantized), or null. */
  String quantizationField() {
    return scale != null ? "scale" : maxDrop != null ? "maxDrop" : null;
  }

  /** Whether a float model is quantized (asked for, or implied by {@code exportInt}). */
  boolean quantizes() {
    return quantize != null || exportInt != null;
  }

  int threadCount() {
    return threads == null ? Runtime.getRuntime().availableProcessors() : threads;
  }

  /** The encoder: the given one, else rate32 for an npy directory, else the one recorded in the model. */
  EncoderSpec encoderSpec(boolean npy, EncoderSpec recorded) {
    return EncoderOption.resolve(encoder, seed, npy ? EncoderSpec.rate32() : recorded);
  }

  /** The encoder {@code name} (an {@link EncoderSpec} text; a bare poisson takes {@code seed}). */
  static SpikeEncoder spikeEncoder(String name, long seed) {
    return SpikeEncoder.of(EncoderOption.spec("encoder", name, seed));
  }
}
