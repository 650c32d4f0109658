package dev.spikeforge.flow;

import dev.spikeforge.compiler.build.ModelInput;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.SpikeEncoder;
import dev.spikeforge.golden.eval.EvalReport;
import dev.spikeforge.golden.eval.Evaluator;
import dev.spikeforge.golden.files.AtomicFiles;
import dev.spikeforge.golden.io.FloatNetworkJson;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.EncoderSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.train.CurveSvg;
import dev.spikeforge.golden.train.MetricsFiles;
import dev.spikeforge.golden.train.TrainOptions;
import dev.spikeforge.golden.train.TrainResult;
import dev.spikeforge.golden.train.Trainer;
import dev.spikeforge.golden.train.TrainingEngine;
import dev.spikeforge.golden.train.rules.LearningRule;
import dev.spikeforge.golden.train.rules.LearningRules;
import dev.spikeforge.golden.train.rules.RuleConfig;
import dev.spikeforge.golden.train.rules.RuleOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A training run ({@link Flow#train}): the rule's engine from the registry, the one Trainer, and the
 * files of the output directory: config.json, timing.json, curve.svg, metrics.json/csv, the
 * checkpoint, the rule's own files and model.json, which for a float run is quantized and checked by {@link
 * FloatQuantization} (the scale rule calibrated by {@link CalibrationRule} at 16-bit membranes unless given, on
 * the last training images).
 */
final class TrainRun {
  static final String CHECKPOINT = "checkpoint.sfck";

  private final TrainRequest q;
  private final PrintWriter log;
  private final FlowEvents events;
  private final int threads;
  /** The input coding of the run, recorded in float-model.json and model.json. */
  private final EncoderSpec encoderSpec;
  private final SpikeEncoder encoder;

  private TrainRun(TrainRequest q, FlowEvents events) {
    this.q = q;
    this.encoderSpec = q.encoderSpec();
    this.encoder = SpikeEncoder.of(encoderSpec);
    this.events = events;
    this.log = events.log();
    this.threads = q.threadCount();
  }

  static TrainReport run(TrainRequest q, FlowEvents events) throws IOException {
    return new TrainRun(q, events).run();
  }

  private TrainReport run() throws IOException {
    LearningRule rule = LearningRules.get(q.rule());
    TrainData data = TrainData.load(q);
    Path out = q.output();
    Path ck = out.resolve(CHECKPOINT);
    ConfigException.require(!q.resume() || Files.exists(ck), "resume",
        "finds no checkpoint in " + out + " (expected " + ck + ")");
    if (!q.resume() && Files.exists(ck)) {
      log.println("note: starting a new run in " + out + "; its checkpoint will be replaced (use --resume to continue it)");
    }
    TrainOptions opts = new TrainOptions(q.epochs(), q.shuffle(), q.seed(), threads, ck, q.checkpointEvery(),
        q.resume(), q.stopAfter() == null ? -1 : q.stopAfter(), data.description(q),
        q.timeLimit() == null ? 0 : 60 * q.timeLimit());
    RuleOptions ruleOptions = RuleOptions.of(rule, q.ruleOptions());
    try (TrainingEngine engine = rule.engine(new RuleConfig(data.sizes(), q.dataset(), q.precision(), q.seed(),
        q.weightBits(), q.membraneBits(), threads, ruleOptions), data.train())) {
      Files.createDirectories(out); // only now: a run refused by its options leaves no directory behind
      return train(rule, ruleOptions, engine, data, opts);
    }
  }

  private TrainReport train(LearningRule rule, RuleOptions ruleOptions, TrainingEngine engine, TrainData data,
      TrainOptions opts) throws IOException {
    Path out = q.output();
    Map<String, Object> fingerprint = Trainer.fingerprint(engine, data.train(), data.test(), opts);
    Double initialAccuracy = null;
    Optional<String> start = rule.startingModel(ruleOptions);
    if (start.isPresent()) {
      // what the starting point scores (e.g. with binarized layers already binarized): what fine-tuning recovers from
      initialAccuracy = engine.evaluate(data.test(), encoder, threads).accuracy();
      log.printf(Locale.ROOT, "initial network (%s): test accuracy %.2f %%%n", start.get(), 100 * initialAccuracy);
    }
    Json.writeFile(out.resolve("config.json"), configDoc(fingerprint));
    log.printf(Locale.ROOT, "%s %s: %s on %s (%d train, %d test samples%s), %d epochs, seed %d, %d thread(s)%n",
        q.resume() ? "resuming" : "training", q.rule(), data.arch() + " " + q.precision(), q.dataset(),
        data.train().size(), data.test().size(), data.train().isTemporal() ? "" : ", encoder " + encoderSpec,
        q.epochs(), q.seed(), threads);
    EpochClock.Timed timed = EpochClock.train(engine, data.train(), data.test(), encoder, opts, events);
    TrainResult result = timed.result();
    Json.writeFile(out.resolve("timing.json"), timingDoc(result, timed.epochTimes()));
    String title = q.rule() + " " + q.precision() + " " + data.arch() + " on " + q.dataset();
    AtomicFiles.writeString(out.resolve("curve.svg"), CurveSvg.render(title, result.epochs()));
    List<String> files = new ArrayList<>(List.of("metrics.json", "metrics.csv", "curve.svg", "timing.json",
        "config.json", CHECKPOINT));
    if (!result.finished()) {
      MetricsFiles.write(out, fingerprint, result.epochs(), Map.of());
      return new TrainReport(out, result, timed.epochTimes(), initialAccuracy, null, null, files);
    }
    if (result.timeLimited()) {
      log.printf(Locale.ROOT, "time limit of %.1f min reached: stopping after %d of %d epochs%n", q.timeLimit(),
          result.epochs().size(), q.epochs());
    }
    Map<String, Object> fin = new LinkedHashMap<>();
    if (initialAccuracy != null) {
      fin.put("initialTestAccuracy", initialAccuracy);
    }
    rule.writeOutputs(engine, ruleOptions, out);
    boolean coded = !data.train().isTemporal() && !encoderSpec.isDefault();
    Path floatModel = out.resolve("float-model.json");
    if (coded && engine.intNetwork() == null && Files.isRegularFile(floatModel)) {
      // the rule wrote the engine's network; record the encoder it was trained on
      FloatNetworkJson.write(engine.floatNetwork().withEncoder(encoderSpec), floatModel);
    }
    NetworkSpec net = engine.intNetwork();
    if (net != null && coded) {
      net = net.withEncoder(encoderSpec);
    }
    TrainReport.Quantized quantized = null;
    if (net == null) {
      files.add(0, "float-model.json");
      Quantization qz = quantize(engine, data);
      net = qz.network();
      quantized = qz.figures();
      fin.put("quantizedWeightBits", quantized.weightBits());
      fin.put("quantizedMembraneBits", quantized.membraneBits());
      fin.put("quantizedScale", quantized.scale());
      fin.put("quantizedTestAccuracy", quantized.testAccuracy());
    }
    NetworkJson.write(net, out.resolve("model.json"));
    files.add(0, "model.json");
    String hash = NetworkJson.contentHash(net);
    fin.put("modelHash", hash);
    MetricsFiles.write(out, fingerprint, result.epochs(), fin);
    return new TrainReport(out, result, timed.epochTimes(), initialAccuracy, quantized, hash, files);
  }

  /** A quantized float network and its figures. */
  private record Quantization(NetworkSpec network, TrainReport.Quantized figures) {}

  /**
   * The float network quantized by {@link FloatQuantization} with the request's scale rule (calibrated by
   * default, as {@code compile} does) on the last {@value CalibrationRule#DEFAULT_IMAGES} training images (never
   * the test set), checked there against the float model; measured on the test split.
   */
  private Quantization quantize(TrainingEngine engine, TrainData data) {
    int bits = q.weightBitsOrDefault();
    int membrane = q.membraneBits() == null ? CalibrationRule.REFERENCE_MEMBRANE_WIDTH : q.membraneBits();
    Dataset calSet = CalibrationRule.calibrationSet(data.train(), CalibrationRule.DEFAULT_IMAGES);
    FloatNetwork fl = data.train().isTemporal() ? engine.floatNetwork()
        : engine.floatNetwork().withEncoder(encoderSpec);
    ModelInput.Loaded in = FloatQuantization.run(fl, FloatNetworkJson.FORMAT, null, bits, membrane,
        null, q.scale(), calSet, encoder, threads, null, events);
    EvalReport test = Evaluator.evaluate(in.network(), data.test(), encoder, threads, null);
    String chosen = in.report().config().scaleStrategy().toString();
    log.printf(Locale.ROOT, "quantized to %d-bit weights, %d-bit membranes, scale %s (%s on %d training images:"
        + " float %.2f %%, integer %.2f %%; model.json): test accuracy %.2f %% on the integer golden model%n", bits,
        membrane, chosen, in.calibration() != null ? "calibrated" : "checked", calSet.size(),
        100 * in.check().floatAccuracy(), 100 * in.check().intAccuracy(), 100 * test.accuracy());
    return new Quantization(in.network(), new TrainReport.Quantized(bits, membrane, chosen, calSet.size(),
        test.accuracy()));
  }

  private Map<String, Object> configDoc(Map<String, Object> fingerprint) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("format", "spikeforge.train-config");
    doc.put("run", fingerprint);
    doc.put("epochs", q.epochs());
    doc.put("checkpointEvery", q.checkpointEvery());
    doc.put("trainLimit", q.trainLimit());
    doc.put("testLimit", q.testLimit());
    return doc;
  }

  private Map<String, Object> timingDoc(TrainResult r, List<EpochTime> epochTimes) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("note", "wall-clock figures of the last invocation; not reproducible, unlike the other files");
    doc.put("threads", threads);
    doc.put("samplesTrained", r.samplesTrained());
    doc.put("trainSeconds", r.trainSeconds());
    doc.put("testSeconds", r.testSeconds());
    doc.put("samplesPerSecond", r.samplesPerSecond());
    doc.put("cores", Runtime.getRuntime().availableProcessors());
    List<Map<String, Object>> epochs = new ArrayList<>();
    for (EpochTime t : epochTimes) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("epoch", t.epoch());
      e.put("trainSeconds", t.trainSeconds());
      e.put("testSeconds", t.testSeconds());
      epochs.add(e);
    }
    doc.put("epochs", epochs);
    return doc;
  }
}
