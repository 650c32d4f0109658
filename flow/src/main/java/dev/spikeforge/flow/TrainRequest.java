package dev.spikeforge.flow;

import dev.spikeforge.golden.data.DatasetCatalog;
import dev.spikeforge.golden.data.DelayPatternParams;
import dev.spikeforge.golden.data.ImageStreamParams;
import dev.spikeforge.golden.spec.EncoderSpec;
import dev.spikeforge.golden.train.rules.LearningRules;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A training run of any rule of {@link LearningRules} into one output directory ({@link Flow#train}):
 * what {@code spikeforge train} takes, option for option. Field names are the options' names in
 * camel case ({@code trainLimit} is {@code --train-limit}); a {@link ConfigException} names the field.
 *
 * <pre>{@code
 * TrainReport r = Flow.train(TrainRequest.of("eprop", "delay-pattern", "16-32-4", Path.of("runs/dp"))
 *     .withEpochs(3).withRuleOptions(Map.of("--delays", "synaptic")), FlowEvents.quiet());
 * }</pre>
 *
 * @param rule            learning rule, a name of {@link LearningRules#names()}
 * @param dataset         a name of {@link DatasetCatalog#NAMES}
 * @param dataDir         directory of the dataset's files, or null for where the package installs them
 * @param arch            sizes {@code input-hidden…-output}, or null for the dataset's default (fashion-mnist
 *                        784-1000-100-10, mnist-subset 784-1600-800-10; required for the others)
 * @param epochs          epochs (a resumed run continues up to this)
 * @param seed            seed of initialisation, dropout and sample order
 * @param precision       {@code float} (quantized into model.json after training) or {@code int}
 * @param weightBits      int: width of the forward weights; float: of the quantized model.json; null: 8
 * @param membraneBits    membrane width of the integer network, or null for the rule's default (float: 16)
 * @param ruleOptions     the rule's own options by name with dashes ({@code --lr}), typed as its
 *                        {@code RuleOption.Kind} says; only the given ones
 * @param delayPattern    the task of dataset {@code delay-pattern}, or null for the catalogue's
 * @param trainLimit      train on this many training samples only (a fixed pseudo-random subset), or null for all
 * @param testLimit       evaluate on this many test samples only (likewise), or null for all
 * @param threads         threads of training and evaluation (results do not depend on it), or null for all cores
 * @param checkpointEvery also checkpoint every this many samples (0: only after epochs)
 * @param resume          continue the run in {@code output} from its checkpoint
 * @param stopAfter       stop after training this many samples in this invocation (checkpoint first), or null
 * @param timeLimit       minutes: start no epoch that would end after this wall time, or null for no limit
 * @param shuffle         visit the training samples in a new order every epoch (false: file order)
 * @param output          the output directory
 * @param scale           float: scale rule of the quantized model.json, {@code max-abs}, {@code power-of-two},
 *                        {@code percentile:P} or {@code calibrate}, or null for {@code calibrate}; the
 *                        quantization is checked on the calibration images and warns when it loses more than
 *                        {@link dev.spikeforge.compiler.quantize.QuantizationCheck#defaultTolerancePoints}
 * @param encoder         input spike encoder of an intensity dataset ({@link EncoderSpec#parse}: {@code rate},
 *                        {@code rate:min=M}, {@code latency[:min=M]}, …), or null for {@code rate}; the run trains,
 *                        evaluates and quantizes on it and records it in float-model.json and model.json, so every
 *                        later command (evaluate, compile, verify, simulate) codes the inputs the same way
 * @param imageStream     stream the images of an intensity dataset row by row (docs/datasets.md §2.2: a temporal
 *                        task for {@code eprop}), or null to code them with {@code encoder}; recorded in config.json
 *                        only: unlike an encoder, model.json does not carry it, so evaluate, verify and simulate
 *                        cannot rebuild these inputs from a dataset name (the 28-channel network does not match
 *                        against the 784-channel dataset); the run's own test accuracy is its measure
 */
public record TrainRequest(String rule, String dataset, Path dataDir, String arch, int epochs, long seed,
    String precision, Integer weightBits, Integer membraneBits, Map<String, Object> ruleOptions,
    DelayPatternParams delayPattern, Integer trainLimit, Integer testLimit, Integer threads, long checkpointEvery,
    boolean resume, Long stopAfter, Double timeLimit, boolean shuffle, Path output, String scale, String encoder,
    ImageStreamParams imageStream) {
  /** Seed of the order from which {@link #trainLimit} and {@link #testLimit} take their first samples. */
  public static final long LIMIT_SEED = 0;

  /** Forward weight width when none is given. */
  public static final int DEFAULT_WEIGHT_BITS = 8;

  /**
   * Validates what can be checked without the data (the dataset, the architecture and the checkpoint
   * are checked by {@link Flow#train}); an unknown rule is a {@code LearningRuleException}.
   */
  public TrainRequest {
    LearningRules.get(rule);
    ConfigException.require("float".equals(precision) || "int".equals(precision), "precision",
        "must be float or int, not '" + precision + "'");
    ConfigException.require(epochs >= 1, "epochs", "must be at least 1, got " + epochs);
    ThreadCount.check(threads);
    ConfigException.require(checkpointEvery >= 0, "checkpointEvery", "must be 0 or positive, got " + checkpointEvery);
    ConfigException.require(timeLimit == null || timeLimit > 0, "timeLimit",
        "must be a positive number of minutes, got " + timeLimit);
    ConfigException.require(stopAfter == null || stopAfter >= 1, "stopAfter", "must be positive, got " + stopAfter);
    ConfigException.require(dataset != null && DatasetCatalog.NAMES.contains(dataset), "dataset",
        "'" + dataset + "' is unknown; choose one of " + String.join(", ", DatasetCatalog.NAMES));
    ConfigException.require(delayPattern == null || dataset.equals("delay-pattern"), "delayPattern",
        "applies to the dataset delay-pattern only, not to " + dataset);
    ConfigException.require(trainLimit == null || trainLimit >= 1, "trainLimit", "must be positive, got " + trainLimit);
    ConfigException.require(testLimit == null || testLimit >= 1, "testLimit", "must be positive, got " + testLimit);
    ConfigException.require(output != null, "output", "is missing; give the output directory");
    ScaleRule.check(scale);
    ConfigException.require(scale == null || "float".equals(precision), "scale",
        "applies to a float run (its model.json is quantized); an int run trains the integer weights themselves");
    ruleOptions = ruleOptions == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(ruleOptions));
    EncoderOption.check("encoder", encoder);
    ConfigException.require(encoder == null || !"delay-pattern".equals(dataset), "encoder",
        "applies to intensity datasets; delay-pattern samples are already spikes");
    ConfigException.require(imageStream == null || !"delay-pattern".equals(dataset), "imageStream",
        "applies to image datasets (fashion-mnist, mnist-subset, idx); delay-pattern samples are already spikes");
    ConfigException.require(imageStream == null || encoder == null, "encoder",
        "does not apply to an image stream: its spikes are the pixels at or above the stream's threshold");
  }

  /** A request without an image stream (the fields as the canonical constructor's, without {@code imageStream}). */
  public TrainRequest(String rule, String dataset, Path dataDir, String arch, int epochs, long seed,
      String precision, Integer weightBits, Integer membraneBits, Map<String, Object> ruleOptions,
      DelayPatternParams delayPattern, Integer trainLimit, Integer testLimit, Integer threads, long checkpointEvery,
      boolean resume, Long stopAfter, Double timeLimit, boolean shuffle, Path output, String scale, String encoder) {
    this(rule, dataset, dataDir, arch, epochs, seed, precision, weightBits, membraneBits, ruleOptions, delayPattern,
        trainLimit, testLimit, threads, checkpointEvery, resume, stopAfter, timeLimit, shuffle, output, scale, encoder,
        null);
  }

  /** A request coded with {@code rate} (the fields as the canonical constructor's, without {@code encoder}). */
  public TrainRequest(String rule, String dataset, Path dataDir, String arch, int epochs, long seed,
      String precision, Integer weightBits, Integer membraneBits, Map<String, Object> ruleOptions,
      DelayPatternParams delayPattern, Integer trainLimit, Integer testLimit, Integer threads, long checkpointEvery,
      boolean resume, Long stopAfter, Double timeLimit, boolean shuffle, Path output, String scale) {
    this(rule, dataset, dataDir, arch, epochs, seed, precision, weightBits, membraneBits, ruleOptions, delayPattern,
        trainLimit, testLimit, threads, checkpointEvery, resume, stopAfter, timeLimit, shuffle, output, scale, null);
  }

  /** The encoder: {@link #encoder()} parsed, or {@link EncoderSpec#DEFAULT}. */
  public EncoderSpec encoderSpec() {
    return EncoderOption.spec(encoder);
  }

  /** The same, coding the inputs with {@code spec} ({@link EncoderSpec#parse}; null: rate). */
  public TrainRequest withEncoder(String spec) {
    return new TrainRequest(rule, dataset, dataDir, arch, epochs, seed, precision, weightBits, membraneBits,
        ruleOptions, delayPattern, trainLimit, testLimit, threads, checkpointEvery, resume, stopAfter, timeLimit,
        shuffle, output, scale, spec, imageStream);
  }

  /** A float run of {@code rule} with the defaults of {@code spikeforge train}: 10 epochs, seed 1, shuffled. */
  public static TrainRequest of(String rule, String dataset, String arch, Path output) {
    return new TrainRequest(rule, dataset, null, arch, 10, 1, "float", null, null, Map.of(), null, null, null, null,
        10_000, false, null, null, true, output, null);
  }

  /** {@link #weightBits()} or {@value #DEFAULT_WEIGHT_BITS}. */
  public int weightBitsOrDefault() {
    return weightBits == null ? DEFAULT_WEIGHT_BITS : weightBits;
  }

  /** {@link #threads()} or all cores. */
  public int threadCount() {
    return threads == null ? Runtime.getRuntime().availableProcessors() : threads;
  }

  /** The same, for {@code n} epochs. */
  public TrainRequest withEpochs(int n) {
    return new TrainRequest(rule, dataset, dataDir, arch, n, seed, precision, weightBits, membraneBits, ruleOptions,
        delayPattern, trainLimit, testLimit, threads, checkpointEvery, resume, stopAfter, timeLimit, shuffle, output,
        scale, encoder, imageStream);
  }

  /** The same, in {@code p} precision ({@code float} or {@code int}). */
  public TrainRequest withPrecision(String p) {
    return new TrainRequest(rule, dataset, dataDir, arch, epochs, seed, p, weightBits, membraneBits, ruleOptions,
        delayPattern, trainLimit, testLimit, threads, checkpointEvery, resume, stopAfter, timeLimit, shuffle, output,
        scale, encoder, imageStream);
  }

  /** The same, with the rule's options {@code options}. */
  public TrainRequest withRuleOptions(Map<String, Object> options) {
    return new TrainRequest(rule, dataset, dataDir, arch, epochs, seed, precision, weightBits, membraneBits, options,
        delayPattern, trainLimit, testLimit, threads, checkpointEvery, resume, stopAfter, timeLimit, shuffle, output,
        scale, encoder, imageStream);
  }

  /** The same, on at most {@code train} training and {@code test} test samples (null: all). */
  public TrainRequest withLimits(Integer train, Integer test) {
    return new TrainRequest(rule, dataset, dataDir, arch, epochs, seed, precision, weightBits, membraneBits,
        ruleOptions, delayPattern, train, test, threads, checkpointEvery, resume, stopAfter, timeLimit, shuffle, output,
        scale, encoder, imageStream);
  }

  /** The same, quantizing a float run's model.json with scale rule {@code scaleRule} (null: calibrate). */
  public TrainRequest withScale(String scaleRule) {
    return new TrainRequest(rule, dataset, dataDir, arch, epochs, seed, precision, weightBits, membraneBits,
        ruleOptions, delayPattern, trainLimit, testLimit, threads, checkpointEvery, resume, stopAfter, timeLimit,
        shuffle, output, scaleRule, encoder, imageStream);
  }

  /** The same, streaming the images row by row with {@code stream} (null: coded by the encoder). */
  public TrainRequest withImageStream(ImageStreamParams stream) {
    return new TrainRequest(rule, dataset, dataDir, arch, epochs, seed, precision, weightBits, membraneBits,
        ruleOptions, delayPattern, trainLimit, testLimit, threads, checkpointEvery, resume, stopAfter, timeLimit,
        shuffle, output, scale, encoder, stream);
  }

  /** The same, on {@code n} threads (null: all cores). */
  public TrainRequest withThreads(Integer n) {
    return new TrainRequest(rule, dataset, dataDir, arch, epochs, seed, precision, weightBits, membraneBits,
        ruleOptions, delayPattern, trainLimit, testLimit, n, checkpointEvery, resume, stopAfter, timeLimit, shuffle,
        output, scale, encoder, imageStream);
  }
}
