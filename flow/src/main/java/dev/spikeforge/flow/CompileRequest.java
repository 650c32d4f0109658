package dev.spikeforge.flow;

import dev.spikeforge.compiler.map.MappingOptions;
import java.nio.file.Path;
import java.util.List;

/**
 * A model file compiled into a build directory ({@link Flow#compile(CompileRequest, FlowEvents)}): what
 * {@code spikeforge compile} takes, option for option. Field names are the options' names in camel case
 * ({@code calibrationImages} is {@code --calibration-images}); a {@link ConfigException} names the field.
 * The quantization fields ({@code weightWidth} … {@code accuracyImages}) apply to float models only and are
 * null when not given.
 *
 * <pre>{@code
 * CompileReport r = Flow.compile(CompileRequest.of(Path.of("float-model.json"), Path.of("build/q4"))
 *     .withQuantization(4, "calibrate", "calibrate"), FlowEvents.quiet());
 * }</pre>
 *
 * @param model             integer network (spikeforge.network), float model (spikeforge.float-network), a
 *                          directory of fc1.npy, … or layer1.npy, …, or a training output directory
 *                          ({@link dev.spikeforge.golden.io.ModelFiles})
 * @param weightWidth       float models: quantized weight width, or null for {@value #DEFAULT_WEIGHT_WIDTH}
 * @param membraneWidth     float models: a number of bits, {@code auto}, {@code calibrate}, or null for
 *                          {@value CalibrationRule#REFERENCE_MEMBRANE_WIDTH}
 * @param membraneTolerance {@code calibrate} membrane width: accuracy loss accepted, in percentage points, or
 *                          null for {@value #DEFAULT_MEMBRANE_TOLERANCE}
 * @param scale             float models: {@code max-abs}, {@code power-of-two}, {@code percentile:P} or
 *                          {@code calibrate}, or null for {@code calibrate}
 * @param calibrationImages calibrations and the quantization check run on the last this many images of the
 *                          training split
 * @param accuracyImages    float models: also measure float and quantized accuracy on the first this many
 *                          test images (0 or null: no)
 * @param dataset           dataset of the calibrations and the accuracy (rate coding, the network's T)
 * @param dataDir           directory of the dataset's files, or null for where the package installs them
 * @param threads           threads of calibration and accuracy runs, or null for all cores
 * @param output            the build directory, or null for {@code build/<network name>}
 * @param lanes             neurons updated per clock in each layer, or {@link MappingOptions#ALL_LANES}
 * @param inputWordWidth    input spike bits per event-list entry, or {@link MappingOptions#AUTO}
 * @param board             target board (generic, ice40-up5k, icebreaker, hx8k-breakout)
 * @param weightMemory      auto, bram or spram
 * @param smokeSamples      samples of the golden smoke vectors
 * @param maxDrop           float models: refuse (nothing written) when the quantized network's accuracy on the
 *                          calibration images is more than this many points below the float model's; null: warn
 *                          only, above {@link dev.spikeforge.compiler.quantize.QuantizationCheck#defaultTolerancePoints}
 * @param learning          null for an inference-only core, or {@code desire}: a learning core with the desire
 *                          learning unit, configured from the training run beside the model (or the training
 *                          defaults) with {@code shadowBits} and {@code stochasticRounding} as overrides
 * @param shadowBits        learning cores: E for every layer (one value) or per layer, or null for the training run's
 * @param stochasticRounding learning cores: K, LFSR bits of the stochastic rounding (0 = floor), or null for the
 *                          training run's
 * @param encoder           input spike encoder ({@link dev.spikeforge.golden.spec.EncoderSpec#parse}) the build
 *                          records (and a float model is calibrated on), or null for the one the model records
 * @param layerLanes        null: {@code lanes} for every layer (capped at its size); else one lane count per layer
 *                          ({@code --lanes 16,2}), checked against the network when it is mapped; {@code lanes} is
 *                          then the largest
 */
public record CompileRequest(Path model, Integer weightWidth, String membraneWidth, Double membraneTolerance,
    String scale, int calibrationImages, Integer accuracyImages, String dataset, Path dataDir, Integer threads,
    Path output, int lanes, int inputWordWidth, String board, String weightMemory, int smokeSamples, Double maxDrop,
    String learning, List<Integer> shadowBits, Integer stochasticRounding, String encoder, List<Integer> layerLanes) {
  /** Weight width of a float model's quantization when none is given. */
  public static final int DEFAULT_WEIGHT_WIDTH = 8;

  /** Accuracy loss accepted by {@code membraneWidth = calibrate} when none is given, in percentage points. */
  public static final double DEFAULT_MEMBRANE_TOLERANCE = 0.2;

  /** Validates what can be checked without reading the model or the data. */
  public CompileRequest {
    ConfigException.require(model != null, "model", "is missing; give the model file");
    ConfigException.require(calibrationImages >= 0, "calibrationImages", "must be 0 (no check) or more, got "
        + calibrationImages);
    ConfigException.require(accuracyImages == null || accuracyImages >= 0, "accuracyImages",
        "must be 0 or more, got " + accuracyImages);
    ThreadCount.check(threads);
    ConfigException.require(maxDrop == null || (maxDrop >= 0 && maxDrop <= 100), "maxDrop",
        "must be a number of points in [0, 100], got " + maxDrop);
    ConfigException.require(membraneTolerance == null || calibratesMembrane(membraneWidth), "membraneTolerance",
        "applies only with membrane width 'calibrate'");
    ConfigException.require(membraneTolerance == null || (membraneTolerance >= 0 && membraneTolerance < 100),
        "membraneTolerance", "must be a number of points in [0, 100), got " + membraneTolerance);
    ScaleRule.check(scale);
    ConfigException.require(membraneWidth == null || membraneWidth.equals("auto") || calibratesMembrane(membraneWidth)
        || isInt(membraneWidth), "membraneWidth",
        "must be a number of bits, 'auto' or 'calibrate', not '" + membraneWidth + "'");
    ConfigException.require(weightMemory != null
        && List.of("auto", "bram", "spram").contains(weightMemory), "weightMemory",
        "'" + weightMemory + "' is not one of auto, bram, spram");
    LearningSetup.checkRule(learning, LearningSetup.RULES, "learning", "");
    ConfigException.require(learning != null || shadowBits == null, "shadowBits",
        "applies to learning cores only (add --learning desire)");
    ConfigException.require(learning != null || stochasticRounding == null, "stochasticRounding",
        "applies to learning cores only (add --learning desire)");
    shadowBits = shadowBits == null ? null : List.copyOf(shadowBits);
    EncoderOption.check("encoder", encoder);
    if (layerLanes != null) {
      ConfigException.require(!layerLanes.isEmpty() && layerLanes.stream().allMatch(n -> n != null && n >= 1),
          "lanes", "per-layer lane counts " + layerLanes + " must be one count of at least 1 per layer (e.g. 16,2)");
      layerLanes = List.copyOf(layerLanes);
      int most = layerLanes.stream().mapToInt(Integer::intValue).max().getAsInt();
      ConfigException.require(lanes == most, "lanes", "must be the largest per-layer lane count, " + most + ", got "
          + lanes);
    }
  }

  /** A request with the same lane count for every layer (the fields as the canonical constructor's, without {@code layerLanes}). */
  public CompileRequest(Path model, Integer weightWidth, String membraneWidth, Double membraneTolerance,
      String scale, int calibrationImages, Integer accuracyImages, String dataset, Path dataDir, Integer threads,
      Path output, int lanes, int inputWordWidth, String board, String weightMemory, int smokeSamples,
      Double maxDrop, String learning, List<Integer> shadowBits, Integer stochasticRounding, String encoder) {
    this(model, weightWidth, membraneWidth, membraneTolerance, scale, calibrationImages, accuracyImages, dataset,
        dataDir, threads, output, lanes, inputWordWidth, board, weightMemory, smokeSamples, maxDrop, learning,
        shadowBits, stochasticRounding, encoder, null);
  }

  /** The same, with one lane count per layer ({@code counts}; null: {@link #lanes()} for every layer). */
  public CompileRequest withLayerLanes(List<Integer> counts) {
    int p = counts == null || counts.isEmpty() || counts.contains(null) ? lanes
        : counts.stream().mapToInt(Integer::intValue).max().getAsInt();
    return new CompileRequest(model, weightWidth, membraneWidth, membraneTolerance, scale, calibrationImages,
        accuracyImages, dataset, dataDir, threads, output, p, inputWordWidth, board, weightMemory, smokeSamples,
        maxDrop, learning, shadowBits, stochasticRounding, encoder, counts);
  }

  /** The mapping options of this request's lanes, input word width and weight-memory placement. */
  public MappingOptions mapping() {
    MappingOptions.WeightMemory w = MappingOptions.WeightMemory.parse(weightMemory);
    return layerLanes == null ? new MappingOptions(lanes, inputWordWidth, w)
        : MappingOptions.perLayer(layerLanes, inputWordWidth, w);
  }

  /** A request keeping the model's encoder (the fields as the canonical constructor's, without {@code encoder}). */
  public CompileRequest(Path model, Integer weightWidth, String membraneWidth, Double membraneTolerance,
      String scale, int calibrationImages, Integer accuracyImages, String dataset, Path dataDir, Integer threads,
      Path output, int lanes, int inputWordWidth, String board, String weightMemory, int smokeSamples,
      Double maxDrop, String learning, List<Integer> shadowBits, Integer stochasticRounding) {
    this(model, weightWidth, membraneWidth, membraneTolerance, scale, calibrationImages, accuracyImages, dataset,
        dataDir, threads, output, lanes, inputWordWidth, board, weightMemory, smokeSamples, maxDrop, learning,
        shadowBits, stochasticRounding, null);
  }

  /** The same, recording encoder {@code spec} (null: the model's). */
  public CompileRequest withEncoder(String spec) {
    return new CompileRequest(model, weightWidth, membraneWidth, membraneTolerance, scale, calibrationImages,
        accuracyImages, dataset, dataDir, threads, output, lanes, inputWordWidth, board, weightMemory, smokeSamples,
        maxDrop, learning, shadowBits, stochasticRounding, spec, layerLanes);
  }

  /** The same, compiled as a learning core with {@code rule} (null: inference only), E and K overriding the run's. */
  public CompileRequest withLearning(String rule, List<Integer> shadow, Integer rounding) {
    return new CompileRequest(model, weightWidth, membraneWidth, membraneTolerance, scale, calibrationImages,
        accuracyImages, dataset, dataDir, threads, output, lanes, inputWordWidth, board, weightMemory, smokeSamples,
        maxDrop, rule, shadow, rounding, encoder, layerLanes);
  }

  /** {@code model} into {@code output} with the defaults of {@code spikeforge compile} (fashion-mnist, 1 lane). */
  public static CompileRequest of(Path model, Path output) {
    return new CompileRequest(model, null, null, null, null, CalibrationRule.DEFAULT_IMAGES, null, "fashion-mnist",
        null, null, output, 1, MappingOptions.AUTO, "generic", "auto", 4, null, null, null, null);
  }

  /** The same, quantizing a float model to {@code weightWidth} bits, membrane width and scale rule as the fields. */
  public CompileRequest withQuantization(int weightWidth, String membraneWidth, String scale) {
    return new CompileRequest(model, weightWidth, membraneWidth, membraneTolerance, scale, calibrationImages,
        accuracyImages, dataset, dataDir, threads, output, lanes, inputWordWidth, board, weightMemory, smokeSamples, maxDrop,
        learning, shadowBits, stochasticRounding, encoder, layerLanes);
  }

  /** The same, calibrating on {@code calibration} and measuring on {@code accuracy} images of {@code dataset}. */
  public CompileRequest withData(String dataset, int calibration, int accuracy) {
    return new CompileRequest(model, weightWidth, membraneWidth, membraneTolerance, scale, calibration, accuracy,
        dataset, dataDir, threads, output, lanes, inputWordWidth, board, weightMemory, smokeSamples, maxDrop,
        learning, shadowBits, stochasticRounding, encoder, layerLanes);
  }

  /** The same, refusing a quantization that loses more than {@code points} on the calibration images. */
  public CompileRequest withMaxDrop(Double points) {
    return new CompileRequest(model, weightWidth, membraneWidth, membraneTolerance, scale, calibrationImages,
        accuracyImages, dataset, dataDir, threads, output, lanes, inputWordWidth, board, weightMemory, smokeSamples,
        points, learning, shadowBits, stochasticRounding, encoder, layerLanes);
  }

  /** The same, on {@code n} threads (null: all cores). */
  public CompileRequest withThreads(Integer n) {
    return new CompileRequest(model, weightWidth, membraneWidth, membraneTolerance, scale, calibrationImages,
        accuracyImages, dataset, dataDir, n, output, lanes, inputWordWidth, board, weightMemory, smokeSamples, maxDrop,
        learning, shadowBits, stochasticRounding, encoder, layerLanes);
  }

  /** The first quantization field given (they apply to float models only), or null. */
  String quantizationField() {
    return weightWidth != null ? "weightWidth" : membraneWidth != null ? "membraneWidth"
        : membraneTolerance != null ? "membraneTolerance" : scale != null ? "scale"
        : accuracyImages != null ? "accuracyImages" : maxDrop != null ? "maxDrop" : null;
  }

  int threadCount() {
    return threads == null ? Runtime.getRuntime().availableProcessors() : threads;
  }

  boolean calibratesMembrane() {
    return calibratesMembrane(membraneWidth);
  }

  private static boolean isInt(String s) {
    try {
      Integer.parseInt(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean calibratesMembrane(String membraneWidth) {
    return "calibrate".equals(membraneWidth);
  }
}
