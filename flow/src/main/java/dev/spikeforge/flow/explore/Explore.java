package dev.spikeforge.flow.explore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spikeforge.flow.BuildConfig;
import dev.spikeforge.flow.CalibrationRule;
import dev.spikeforge.flow.Flow;
import dev.spikeforge.flow.FlowEvents;
import dev.spikeforge.flow.TrainOutcome;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.DatasetCatalog;
import dev.spikeforge.golden.data.Split;
import dev.spikeforge.golden.files.AtomicFiles;
import dev.spikeforge.golden.io.FloatNetworkJson;
import dev.spikeforge.golden.io.ModelFiles;
import dev.spikeforge.golden.train.LinearReadoutFit;
import dev.spikeforge.golden.json.JsonMappers;
import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.network.FloatNetwork;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Design-space exploration ({@code spikeforge explore}): every point of a {@link Sweep} evaluated on the
 * estimator path ({@link PointEvaluator}), the points on or near the Pareto front and a seeded random
 * sample built for real when the sweep asks ({@link RealRun}), and the outputs written
 * ({@link ExploreFiles}): {@code pareto.json}, {@code pareto.csv}, the plots. Each point is cached in
 * {@code points/<hash>.json} as soon as it is done, under the hash of everything it depends on, so a
 * killed sweep resumes where it stopped and a rerun with new axis values computes only the new points.
 *
 * <pre>{@code
 * ExploreReport r = Explore.run(ExploreRequest.of(Path.of("examples/sweeps/tiny.json"), Path.of("build/tiny-sweep")),
 *     FlowEvents.quiet());
 * }</pre>
 */
public final class Explore {
  /** Directory of the point cache, under the output directory. */
  public static final String POINTS = "points";
  /**
   * Version of the point evaluation, in every point's hash: a change of how a point is evaluated (not only
   * of its inputs) bumps it, so no cached point outlives the code that computed it.
   */
  static final int CACHE_VERSION = 3;
  /** Version of the {@code pareto.json} format. */
  static final int FORMAT_VERSION = 1;

  private Explore() {}

  /**
   * Runs {@code request}'s sweep.
   *
   * @throws SweepException naming the sweep field at fault (read before anything is written)
   */
  public static ExploreReport run(ExploreRequest request, FlowEvents events) {
    return run(request, events, null);
  }

  /**
   * Runs {@code request}'s sweep with its points evaluated by {@code engine} (null: in this JVM, on the
   * request's threads). The outputs do not depend on the engine: same sweep, same bytes.
   *
   * @throws SweepException naming the sweep field at fault (read before anything is written)
   */
  public static ExploreReport run(ExploreRequest request, FlowEvents events, PointEngine engine) {
    long t0 = System.nanoTime();
    Sweep sweep = Sweep.read(request.sweep());
    String sweepJson;
    try {
      sweepJson = Files.readString(request.sweep());
    } catch (IOException e) {
      throw new SweepException("(file)", request.sweep() + " cannot be read: " + e.getMessage());
    }
    PrintWriter log = events.log();
    Path out = request.outDir();
    try {
      Files.createDirectories(out.resolve(POINTS));
    } catch (IOException e) {
      throw new SweepException("outDir", out + " cannot be created: " + e.getMessage());
    }
    ExploreFiles.discardStale(out); // a run that fails from here on leaves no earlier run's report behind
    int threads = request.threadCount();
    FloatNetwork model;
    String modelHash;
    if (sweep.model().file() != null) {
      ModelFiles.Model m;
      try {
        m = ModelFiles.load(sweep.model().file());
      } catch (RuntimeException e) {
        throw new SweepException("model.file", sweep.model().file() + " cannot be read: " + PointEvaluator.message(e));
      }
      SweepException.require(m.format().contains("float") || m.floatNetwork() != null && m.network() == null,
          "model.file", sweep.model().file() + " is an integer network; explore quantizes a float model"
              + " (spikeforge.float-network, e.g. train/float-model.json)");
      model = m.floatNetwork();
      modelHash = m.sha256();
    } else if (sweep.model().fitLinear()) {
      Sweep.ModelSource s = sweep.model();
      Path file = out.resolve("model").resolve("float-model.json");
      log.printf(Locale.ROOT, "model: a linear spiking readout fitted in closed form on %d training images (T = %d,"
          + " ridge %s), once for every point%n", s.trainSamples(), s.timesteps(), s.ridge());
      log.flush();
      String key = "fitLinear " + sweep.data().dataset() + " " + s.trainSamples() + " " + s.timesteps() + " " + s.ridge();
      Path keyFile = out.resolve("model").resolve("fit.txt");
      FloatNetwork cached = null;
      try {
        if (Files.isRegularFile(file) && Files.isRegularFile(keyFile) && Files.readString(keyFile).equals(key)) {
          cached = FloatNetworkJson.read(file); // fitted before with the same settings
        }
      } catch (IOException | RuntimeException e) {
        cached = null;
      }
      if (cached != null) {
        model = cached;
      } else {
        Dataset fitSet = DatasetCatalog.load(sweep.data().dataset(), Split.TRAIN,
            sweep.data().dataDir() == null ? null : Path.of(sweep.data().dataDir()));
        model = LinearReadoutFit.fit(fitSet.slice(0, Math.min(s.trainSamples(), fitSet.size())), s.timesteps(),
            s.ridge());
      }
      String json = FloatNetworkJson.write(model);
      modelHash = hash(json);
      try {
        Files.createDirectories(file.getParent());
        if (cached == null) {
          AtomicFiles.writeString(file, json);
          AtomicFiles.writeString(keyFile, key);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } else {
      Sweep.ModelSource s = sweep.model();
      BuildConfig train = BuildConfig.tiny().withOutDir(out.resolve("model").toString())
          .withData(new dev.spikeforge.flow.DataConfig(sweep.data().dataset(), sweep.data().dataDir(),
              sweep.data().testImages()))
          .withTraining(new dev.spikeforge.flow.TrainingConfig(s.arch(), s.epochs(), s.trainSamples(), s.seed(),
              s.timesteps(), null, false)).withThreads(request.threads());
      log.printf(Locale.ROOT, "model: training %s (%d epoch(s), %d images, seed %d) once for every point%n", s.arch(),
          s.epochs(), s.trainSamples(), s.seed());
      log.flush();
      TrainOutcome t = Flow.train(train, events);
      ModelFiles.Model m = ModelFiles.load(t.floatModel());
      model = m.floatNetwork();
      modelHash = m.sha256();
    }
    checkLayers(sweep, model);
    Dataset train = DatasetCatalog.load(sweep.data().dataset(), Split.TRAIN,
        sweep.data().dataDir() == null ? null : Path.of(sweep.data().dataDir()));
    Dataset calibration = CalibrationRule.calibrationSet(train, sweep.data().calibrationImages());
    Dataset testAll = DatasetCatalog.load(sweep.data().dataset(), Split.TEST,
        sweep.data().dataDir() == null ? null : Path.of(sweep.data().dataDir()));
    Dataset test = testAll.slice(0, Math.min(sweep.data().testImages(), testAll.size()));
    int cycleImages = Math.min(request.cycleImages(), test.size());
    CostEstimator estimator = CostEstimator.bundled();

    List<PointSettings> settings = sweep.points();
    String context = context(sweep, modelHash, test.size(), cycleImages);
    List<String> hashes = new ArrayList<>();
    for (PointSettings s : settings) {
      hashes.add(hash(context + Json.write(s)));
    }
    PointResult[] results = new PointResult[settings.size()];
    List<Integer> todo = new ArrayList<>();
    for (int i = 0; i < settings.size(); i++) {
      results[i] = readCached(out, hashes.get(i));
      if (results[i] == null) {
        todo.add(i);
      }
    }
    log.printf(Locale.ROOT, "sweep %s: %d points, %d cached in %s, %d to evaluate (estimates; %d test images, cycle"
        + " model on %d)%n", sweep.name(), settings.size(), settings.size() - todo.size(), out.resolve(POINTS),
        todo.size(), test.size(), cycleImages);
    log.flush();
    todo.sort(Comparator.comparing((Integer i) -> PointEvaluator.quantKey(settings.get(i))).thenComparing(i -> i));
    PointEvaluator ev = new PointEvaluator(sweep, model, modelHash, calibration, test, cycleImages, threads, estimator);
    List<PointBatch> batches = batches(todo, settings, hashes);
    PointEngine eng = engine != null ? engine : new LocalEngine(ev, settings);
    if (!todo.isEmpty()) {
      log.printf(Locale.ROOT, "evaluating %d point(s) in %d batch(es) on %s%n", todo.size(), batches.size(),
          eng.describe());
      log.flush();
      Progress progress = new Progress(log, todo.size());
      PointJob job = new PointJob(sweepJson, FloatNetworkJson.write(model), modelHash, cycleImages, threads,
          PointJob.absoluteDataDir(sweep.data().dataDir()));
      Map<String, Integer> byHash = new java.util.HashMap<>();
      for (int i : todo) {
        byHash.put(hashes.get(i), i);
      }
      eng.evaluate(job, batches, batchResults -> {
        for (String json : batchResults) {
          PointResult r = parseResult(json);
          Integer i = byHash.get(r.hash());
          if (i == null) {
            throw new IllegalStateException("engine " + eng.describe() + " returned a point this sweep did not ask"
                + " for: " + r.hash());
          }
          if (results[i] != null && results[i].hash().equals(r.hash())) {
            continue; // a retried batch: content-addressed, already cached
          }
          writeCached(out, r);
          results[i] = r;
          progress.done(i, r);
        }
      });
    }
    for (int i : todo) {
      if (results[i] == null) {
        throw new IllegalStateException("engine " + eng.describe() + " returned no result for point " + i);
      }
    }
    List<PointResult> points = new ArrayList<>(List.of(results));

    int real = 0;
    if (sweep.synthesis().enabled() && !request.noReal()) {
      List<Integer> chosen = chooseReal(sweep, points);
      log.printf(Locale.ROOT, "real synthesis (yosys, nextpnr-ice40 seeds 1..%d, icepack) of %d point(s): %s%n",
          sweep.synthesis().seeds(), chosen.size(), chosen);
      log.flush();
      for (int i : chosen) {
        PointResult r = RealRun.run(ev, points.get(i), out, sweep.synthesis().seeds(), events);
        points.set(i, r);
        writeCached(out, r);
      }
    }
    for (PointResult p : points) {
      if (p.realDir() != null) {
        real++;
      }
    }
    boolean[] feasible = new boolean[points.size()];
    for (int i = 0; i < points.size(); i++) {
      feasible[i] = points.get(i).violated(sweep.constraints()).isEmpty();
    }
    boolean[] front = Pareto.front(points, feasible, sweep.objectives());
    List<Path> files = ExploreFiles.write(out, sweep, points, feasible, front, modelHash, estimator, test.size(),
        cycleImages);
    double seconds = (System.nanoTime() - t0) / 1e9;
    ExploreFiles.writeTiming(out, seconds, todo.size(), settings.size());
    return new ExploreReport(sweep, List.copyOf(points), feasible, front, todo.size(), real, files, seconds);
  }

  /** The points to evaluate, grouped by quantization (consecutive in {@code todo}, which is sorted by it). */
  static List<PointBatch> batches(List<Integer> todo, List<PointSettings> settings, List<String> hashes) {
    List<PointBatch> out = new ArrayList<>();
    List<Integer> idx = new ArrayList<>();
    List<String> hs = new ArrayList<>();
    String key = null;
    for (int i : todo) {
      String k = PointEvaluator.quantKey(settings.get(i));
      if (key != null && !k.equals(key)) {
        out.add(new PointBatch(idx, hs));
        idx.clear();
        hs.clear();
      }
      key = k;
      idx.add(i);
      hs.add(hashes.get(i));
    }
    if (!idx.isEmpty()) {
      out.add(new PointBatch(idx, hs));
    }
    return out;
  }

  /**
   * Evaluates one batch of {@code job} in this JVM: what an engine runs wherever it runs a batch. The sweep,
   * model and data of a job are loaded once per JVM ({@link BatchContext}); a point that fails is a result
   * with its reason, never an exception.
   *
   * @return each point's {@link PointResult} as JSON, in the batch's order
   */
  public static List<String> evaluateBatch(PointJob job, PointBatch batch) {
    BatchContext c = BatchContext.of(job);
    return evaluate(c.evaluator(), c.settings(), batch);
  }

  static List<String> evaluate(PointEvaluator ev, List<PointSettings> settings, PointBatch batch) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < batch.indices().size(); k++) {
      PointSettings s = settings.get(batch.indices().get(k));
      String hash = batch.hashes().get(k);
      PointResult r;
      try {
        r = ev.evaluate(hash, s);
      } catch (RuntimeException e) { // one point never stops the sweep
        r = PointResult.failed(hash, s, "evaluation failed: " + PointEvaluator.message(e));
      }
      out.add(Json.write(r));
    }
    return out;
  }

  static PointResult parseResult(String json) {
    try {
      return Json.MAPPER.readValue(json, PointResult.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Points done, failed and the ETA, to the log, about every tenth of the points. */
  private static final class Progress {
    private final PrintWriter log;
    private final int total;
    private final long start = System.nanoTime();
    private int done;
    private int failed;

    Progress(PrintWriter log, int total) {
      this.log = log;
      this.total = total;
    }

    void done(int index, PointResult r) {
      done++;
      if (!r.ok()) {
        failed++;
        log.printf(Locale.ROOT, "  point %d (%s) FAILED: %s%n", index, r.settings().label(), r.reason());
      }
      double per = (System.nanoTime() - start) / 1e9 / done;
      if (done == total || done % Math.max(1, total / 10) == 0) {
        log.printf(Locale.ROOT, "  %d / %d points done, %d failed, %d running or queued, ETA %.0f s%n", done, total,
            failed, total - done, per * (total - done));
      }
      log.flush();
    }
  }

  /** Every layer a binarize value names exists in the model; else the sweep's field is named. */
  static void checkLayers(Sweep sweep, FloatNetwork model) {
    List<String> names = model.layers().stream().map(FloatLayer::name).toList();
    List<String> fields = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    if (sweep.fixed().containsKey(Parameter.BINARIZE)) {
      fields.add("fixed.binarize");
      values.add(sweep.fixed().get(Parameter.BINARIZE));
    }
    List<Object> axis = sweep.axes().get(Parameter.BINARIZE);
    if (axis != null) {
      for (int i = 0; i < axis.size(); i++) {
        fields.add("axes.binarize[" + i + "]");
        values.add(axis.get(i));
      }
    }
    for (int k = 0; k < fields.size(); k++) {
      for (Object n : (List<?>) values.get(k)) {
        SweepException.require(names.contains(n), fields.get(k), "names layer '" + n + "', which the model does not"
            + " have; its layers are " + String.join(", ", names));
      }
    }
  }

  /**
   * Points built for real: the estimated front, points near it ({@code nearFront}) and a seeded random
   * sample of the rest ({@code random}), at most {@code max}, front first; chosen on the estimates alone
   * ({@link PointResult#estimatedView()}), so a rerun after the real runs chooses the same points.
   */
  static List<Integer> chooseReal(Sweep sweep, List<PointResult> all) {
    List<PointResult> points = all.stream().map(PointResult::estimatedView).toList(); // a rerun chooses the same
    boolean[] feasible = new boolean[points.size()];
    for (int i = 0; i < points.size(); i++) {
      feasible[i] = points.get(i).violated(sweep.constraints()).isEmpty();
    }
    boolean[] front = Pareto.front(points, feasible, sweep.objectives());
    boolean[] near = Pareto.near(points, feasible, front, sweep.objectives(), sweep.synthesis().nearFront());
    List<Integer> chosen = new ArrayList<>();
    Sweep.SynthesisPlan plan = sweep.synthesis();
    for (int i = 0; i < points.size() && chosen.size() < plan.max(); i++) {
      if (front[i]) {
        chosen.add(i);
      }
    }
    for (int i = 0; i < points.size() && chosen.size() < plan.max(); i++) {
      if (near[i]) {
        chosen.add(i);
      }
    }
    List<Integer> others = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      if (!chosen.contains(i) && points.get(i).ok() && Boolean.TRUE.equals(points.get(i).fits().get(
          points.get(i).settings().board()))) {
        others.add(i);
      }
    }
    java.util.Collections.shuffle(others, new Random(sweep.seed()));
    for (int k = 0; k < plan.random() && k < others.size() && chosen.size() < plan.max(); k++) {
      chosen.add(others.get(k));
    }
    return chosen;
  }

  /** What every point's hash covers besides its settings. */
  static String context(Sweep sweep, String modelHash, int testImages, int cycleImages) {
    return "spikeforge.explore/" + CACHE_VERSION + "\nmodel " + modelHash + "\ndata " + sweep.data().dataset() + " test "
        + testImages + " calibration " + sweep.data().calibrationImages() + " cycles " + cycleImages + "\nseed "
        + sweep.seed() + "\nestimator " + calibrationHash() + "\n";
  }

  private static String calibrationHash() {
    try (InputStream in = CostEstimator.class.getResourceAsStream(CostEstimator.CALIBRATION)) {
      return hash(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String hash(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path cacheFile(Path out, String hash) {
    return out.resolve(POINTS).resolve(hash.substring(0, 16) + ".json");
  }

  /** The cached result of {@code hash}, or null (absent, or unreadable: a file cut short is recomputed). */
  static PointResult readCached(Path out, String hash) {
    Path f = cacheFile(out, hash);
    if (!Files.isRegularFile(f)) {
      return null;
    }
    try {
      PointResult r = Json.MAPPER.readValue(f.toFile(), PointResult.class);
      return hash.equals(r.hash()) ? r : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  static void writeCached(Path out, PointResult r) {
    try {
      AtomicFiles.writeString(cacheFile(out, r.hash()), Json.write(r));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The explore package's JSON: the project's Jackson configuration, NaN written as null. */
  static final class Json {
    static final ObjectMapper MAPPER = JsonMappers.pretty();

    private Json() {}

    static String write(Object value) {
      try {
        return MAPPER.writeValueAsString(value) + "\n";
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  static Map<String, Object> ordered() {
    return new LinkedHashMap<>();
  }

  static JsonNode tree(Object o) {
    return Json.MAPPER.valueToTree(o);
  }

  static ObjectNode object() {
    return Json.MAPPER.createObjectNode();
  }
}
