package dev.spikeforge.flow;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.files.AtomicFiles;
import dev.spikeforge.golden.io.FloatNetworkJson;
import dev.spikeforge.golden.train.MetricsFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Step 1: trains the float network into {@code train/float-model.json} (with {@code train/demo-key.txt},
 * the training inputs in words, and {@code train/metrics.json}, the epochs' metrics), or reuses it when
 * the inputs are unchanged, or reads the config's
 * float model.
 */
final class TrainStep {
  static final String MODEL = "train/float-model.json";
  static final String KEY = "train/demo-key.txt";

  private TrainStep() {}

  static TrainOutcome run(BuildContext c) {
    return c.timed(Step.TRAIN, () -> {
      try {
        return trainOrLoad(c);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private static BuildContext.Timed<TrainOutcome> trainOrLoad(BuildContext c) throws IOException {
    TrainingConfig t = c.config.training();
    PrintWriter out = c.events.log();
    int steps = c.stepCount();
    if (t.floatModel() != null) {
      Path model = Path.of(t.floatModel());
      out.printf(Locale.ROOT, "== 1/%d model: %s (training skipped)%n", steps, model);
      String text = Files.readString(model, StandardCharsets.UTF_8);
      ConfigException.require(FloatNetworkJson.isFloatNetwork(text), "training.floatModel", model + " is not a float"
          + " model (spikeforge.float-network); pass the float-model.json that 'spikeforge train --precision float'"
          + " writes");
      c.floatNetwork = FloatNetworkJson.read(model);
      return new BuildContext.Timed<>(new TrainOutcome(model, TrainOutcome.Source.GIVEN, 0, 0), true);
    }
    Dataset tr = c.train().slice(0, Math.min(t.trainSamples(), c.train().size()));
    Path cached = c.out.resolve(MODEL);
    String key = String.format(Locale.ROOT, "spikeforge demo training: desire float, arch %s, %d epochs, %d samples,"
        + " seed %d, T %d, %s%n", Arrays.stream(t.sizes()).mapToObj(Integer::toString).collect(Collectors.joining("-")),
        t.epochs(), tr.size(), t.seed(), t.timesteps(), c.config.data().dataset());
    String hash = new StepLedger.Hash(Step.TRAIN.id()).text(key).hex();
    if (!t.retrain() && Files.isRegularFile(cached) && c.ledger.unchanged(Step.TRAIN.id(), hash)) {
      out.printf(Locale.ROOT, "== 1/%d train: cached model of the same options, %s (--retrain to train again)%n", steps,
          cached);
      c.floatNetwork = FloatNetworkJson.read(cached);
      return new BuildContext.Timed<>(new TrainOutcome(cached, TrainOutcome.Source.REUSED, 0, 0), true);
    }
    out.printf(Locale.ROOT, "== 1/%d train: desire backpropagation, %s float, %d epoch%s on %,d %s images, seed %d%n",
        steps, t.arch(), t.epochs(), t.epochs() == 1 ? "" : "s", tr.size(), displayName(c.config.data()), t.seed());
    out.flush();
    DesireTraining.Trained r = DesireTraining.train(t, c.config.data().dataset(), tr,
        c.test().slice(0, Math.min(1000, c.test().size())), c.config.threadCount(), c.events);
    out.printf(Locale.ROOT, "   %,d samples in %.1f s (%.0f samples/s)%n", r.samplesTrained(), r.trainSeconds(),
        r.samplesPerSecond());
    c.floatNetwork = r.network();
    Files.createDirectories(cached.getParent());
    FloatNetworkJson.write(r.network(), cached);
    AtomicFiles.writeString(c.out.resolve(KEY), key);
    // the training curve of the HTML report (metrics.json, metrics.csv: deterministic, no timings)
    MetricsFiles.write(cached.getParent(), Map.of("rule", "desire", "arch", t.arch(), "dataset",
        c.config.data().dataset(), "samples", tr.size(), "seed", t.seed()), r.epochs(), null);
    c.ledger.recordInputs(Step.TRAIN.id(), hash);
    return new BuildContext.Timed<>(new TrainOutcome(cached, TrainOutcome.Source.TRAINED, r.samplesTrained(),
        r.trainSeconds()), false);
  }

  static String displayName(DataConfig d) {
    return d.dataset().equals("fashion-mnist") ? "Fashion-MNIST" : "MNIST (subset)";
  }
}
