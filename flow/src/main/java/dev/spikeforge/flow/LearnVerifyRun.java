package dev.spikeforge.flow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spikeforge.compiler.build.BuildDirectory;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.DatasetCatalog;
import dev.spikeforge.golden.data.RateEncoder;
import dev.spikeforge.golden.data.Split;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.sim.LearningReference;
import dev.spikeforge.testbenches.LearningVerifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A verification of on-chip learning ({@link Flow#verifyLearning}): the learning build loaded and checked
 * against its spec, its golden reference rebuilt from {@code config.json} ({@link LearningSetup#reference}),
 * the training samples encoded as the trainer encodes them, and {@link LearningVerifier} run in the simulators
 * asked for. Writes {@code reports/verify-learn.json} and, on a mismatch, {@code
 * reports/learn-mismatch-<sim>.txt} and a VCD of the run up to the failing sample; simulator work files go to
 * {@code sim/learn/}.
 */
final class LearnVerifyRun {
  /** The run's record in the build's {@code reports/}. */
  static final String RECORD = "verify-learn.json";

  /** The dataset of a learning build whose learning run names none (builds compiled before it was recorded). */
  static final String DEFAULT_DATASET = "fashion-mnist";

  private LearnVerifyRun() {}

  static LearnVerifyReport run(LearnVerifyRequest q, FlowEvents events) {
    long t0 = System.nanoTime();
    List<LearningVerifier.Sim> sims = LearningVerifier.Sim.parse(q.sim());
    BuildDirectory.Loaded b = BuildDirectory.load(q.dir());
    if (b.config().learning() == null) {
      throw new ConfigException("learn", "build " + q.dir() + " is an inference-only core (no learning unit): compile"
          + " the model with 'spikeforge compile MODEL -o DIR --learning desire' (or --learning eprop for a three-factor"
          + " run) to verify learning");
    }
    String dataset = dataset(b);
    Dataset train = DatasetCatalog.load(dataset, Split.TRAIN, q.dataDir());
    ConfigException.require((long) q.first() + q.samples() <= train.size(), "samples", q.samples() + " samples from"
        + " training image " + q.first() + " need " + ((long) q.first() + q.samples()) + " images but " + dataset
        + " has " + train.size() + " training images; lower --samples or --first");
    int inputs = b.network().inputSize();
    int steps = b.network().timesteps();
    if (train.isTemporal()) {
      // a temporal dataset (a three-factor run's): its spike rasters, as the trainer learns them
      SpikeRaster first = train.raster(q.first());
      ConfigException.require(first.channels() == inputs && first.steps() == steps, "dir", "build " + q.dir()
          + " has " + inputs + " inputs and T = " + steps + " but its dataset " + dataset + " has " + first.channels()
          + " channels and " + first.steps() + " steps per sample");
    } else {
      ConfigException.require(train.sampleLength() == inputs, "dir", "build " + q.dir()
          + " has " + inputs + " inputs but its dataset " + dataset + " has " + train.sampleLength()
          + " values per sample");
    }
    RateEncoder enc = new RateEncoder();
    List<LearningVerifier.Sample> samples = new ArrayList<>();
    for (int i = q.first(); i < q.first() + q.samples(); i++) {
      samples.add(new LearningVerifier.Sample(train.isTemporal() ? train.raster(i) : train.encode(i, enc, steps),
          train.label(i)));
    }
    events.log().printf(Locale.ROOT, "%s: learning build checked against its spec (%s, hash %s); %d training samples"
        + " of %s (images %d..%d, epoch %d, %s, T = %d) in %s%n", q.dir(), b.network().name(),
        b.networkHash().substring(0, 16), q.samples(), dataset, q.first(), q.first() + q.samples() - 1, q.epoch(),
        train.isTemporal() ? "spike rasters" : "rate-encoded", steps, q.sim());
    events.log().flush();
    Path verilog = b.dir().resolve("rtl").resolve(dev.spikeforge.golden.spec.hw.HwCore.TOP + ".sv");
    LearningVerifier.Options o = new LearningVerifier.Options(b.dir().resolve("sim").resolve("learn"), q.epoch(),
        q.first(), b.dir(), sims, true, b.dir().resolve("reports"));
    LearningVerifier.Report r;
    LearningReference ref = LearningSetup.reference(b);
    try (FlowEvents.Task t = events.ticker("verify --learn: " + q.samples() + " samples in " + q.sim())) {
      r = LearningVerifier.verify(verilog, b.core(), ref, samples, o);
    } finally {
      if (ref instanceof AutoCloseable c) {
        try {
          c.close();
        } catch (Exception e) {
          throw new IllegalStateException("cannot close the golden reference: " + e.getMessage(), e);
        }
      }
    }
    LearnVerifyReport report = new LearnVerifyReport(q.dir(), b.network().name(), b.networkHash(), dataset, q.epoch(),
        q.first(), r, (System.nanoTime() - t0) / 1e9);
    Json.writeFile(report.record(), record(report));
    return report;
  }

  /** The dataset the build's learning run names ({@code learning.run.data.dataset}), or {@link #DEFAULT_DATASET}. */
  static String dataset(BuildDirectory.Loaded b) {
    JsonNode d = b.config().learning().run().path("data").path("dataset");
    String name = d.isTextual() ? d.asText() : DEFAULT_DATASET;
    ConfigException.require(DatasetCatalog.NAMES.contains(name), "dir", "build " + b.dir() + " names dataset '"
        + name + "' in config.json learning.run.data, which is unknown; recompile it with --learning desire");
    return name;
  }

  /** The run's record: no wall times, so the same inputs give the same file. */
  private static Map<String, Object> record(LearnVerifyReport r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", "spikeforge.verify-learn");
    m.put("version", 1);
    m.put("network", r.network());
    m.put("networkHash", r.networkHash());
    m.put("dataset", r.dataset());
    m.put("split", "train");
    m.put("encoder", "rate");
    m.put("epoch", r.epoch());
    m.put("first", r.first());
    m.put("samples", r.samples());
    m.put("passed", r.passed());
    List<Map<String, Object>> sims = new ArrayList<>();
    for (LearningVerifier.SimulatorReport s : r.report().simulators()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("simulator", s.simulator());
      e.put("version", s.version());
      e.put("bitExact", s.matching());
      e.put("cycles", s.cycles());
      e.put("firstMismatch", s.firstMismatch() == null ? null : s.firstMismatch().describe());
      e.put("waveform", s.waveform() == null ? null : r.dir().toAbsolutePath().relativize(s.waveform()).toString());
      sims.add(e);
    }
    m.put("simulators", sims);
    return m;
  }
}
