package dev.spikeforge.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.FashionMnist;
import dev.spikeforge.golden.data.RateEncoder;
import dev.spikeforge.golden.data.Split;
import dev.spikeforge.golden.eval.EvalReport;
import dev.spikeforge.golden.eval.Evaluator;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.spec.LayerSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"The main job, end to end as far as spikeforge goes today:",
        "Fashion-MNIST -> fit a spiking classifier -> quantize to integers -> rate-code the test set ->",
        "run the bit-exact golden model and its float twin -> accuracy, spike statistics, throughput.",
        "Artefacts go to --out (model.json, results.json)."})
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--train-samples", defaultValue = "20000", description = "Training images used for the fit. Default: ${DEFAULT-VALUE}.")
  int trainSamples;

  @Option(names = "--limit", description = "Test images to run (default: all 10,000).")
  Integer limit;

  @Option(names = "--timesteps", defaultValue = "20", description = "T. Default: ${DEFAULT-VALUE}.")
  int timesteps;

  @Option(names = "--weight-width", defaultValue = "8", description = "Signed weight bits. Default: ${DEFAULT-VALUE}.")
  int weightWidth;

  @Option(names = "--data-dir", description = "Fashion-MNIST IDX directory (default: " + "/usr/share/datasets/fashion-mnist).")
  Path dataDir;

  @Option(names = "--threads", description = "Worker threads (default: all cores).")
  Integer threads;

  @Option(names = "--out", defaultValue = "build/demo", description = "Output directory. Default: ${DEFAULT-VALUE}.")
  Path outDir;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (trainSamples < 100) {
      throw new UserException("--train-samples must be at least 100");
    }
    if (limit != null && limit < 1) {
      throw new UserException("--limit must be positive");
    }
    int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    long t0 = System.nanoTime();
    out.println("== 1/3 dataset: Fashion-MNIST");
    Dataset train = (dataDir == null ? FashionMnist.load(Split.TRAIN) : FashionMnist.load(dataDir, Split.TRAIN));
    Dataset test = (dataDir == null ? FashionMnist.load(Split.TEST) : FashionMnist.load(dataDir, Split.TEST));
    train = train.slice(0, Math.min(trainSamples, train.size()));
    test = test.slice(0, limit == null ? test.size() : Math.min(limit, test.size()));
    out.printf(Locale.ROOT, "   %d training and %d test images, 28x28, 10 classes%n", train.size(), test.size());

    out.println("== 2/3 network: closed-form spiking readout, quantized to integers");
    ModelCommand.Fitted fitted = ModelCommand.fitAndWrite(train, timesteps, 10.0, weightWidth, 16,
        outDir.resolve("model.json"), out);

    out.printf(Locale.ROOT, "== 3/3 inference: rate coding, T = %d, %d thread(s)%n", timesteps, nThreads);
    EvalReport gold;
    try (Progress p = new Progress("golden model", test.size(), "images")) {
      gold = Evaluator.evaluate(fitted.network(), test, new RateEncoder(), nThreads, p);
    }
    EvalReport ref;
    try (Progress p = new Progress("float reference", test.size(), "images")) {
      ref = Evaluator.evaluate(fitted.floatNetwork(), test, new RateEncoder(), nThreads, p);
    }
    List<String> names = fitted.network().layers().stream().map(LayerSpec::name).toList();
    ObjectNode doc = Report.object();
    doc.put("model", fitted.network().name());
    doc.put("modelHash", NetworkJson.contentHash(fitted.network()));
    doc.put("dataset", "fashion-mnist/test");
    doc.set("int", Report.json(gold, names));
    doc.set("float", Report.json(ref, names));
    Report.write(outDir.resolve("results.json"), doc);

    out.println();
    out.println("== summary");
    out.printf(Locale.ROOT, "   float model accuracy      %6.2f %%%n", 100 * ref.accuracy());
    out.printf(Locale.ROOT, "   integer golden model      %6.2f %%  (%d-bit weights, 16-bit membranes; %.2f %% same predictions as float)%n",
        100 * gold.accuracy(), weightWidth, 100 * gold.agreement(ref));
    out.printf(Locale.ROOT, "   spikes per image          %.0f input, %.1f output%n", gold.meanInputSpikes(),
        gold.meanSpikesPerLayer()[names.size() - 1]);
    out.printf(Locale.ROOT, "   golden-model throughput   %.0f images/s, %.2f G synaptic ops/s (%d threads, encoding included)%n",
        gold.samplesPerSecond(), gold.synapticOpsPerSecond() / 1e9, gold.threads());
    out.printf(Locale.ROOT, "   weight memory             %.1f KiB%n", fitted.network().weightBits() / 8.0 / 1024);
    out.printf(Locale.ROOT, "   artefacts                 %s, %s%n", outDir.resolve("model.json"), outDir.resolve("results.json"));
    out.printf(Locale.ROOT, "   total time                %.1f s%n", (System.nanoTime() - t0) / 1e9);
    out.println("   next: spikeforge simulate " + outDir.resolve("model.json") + " --sim both --limit 1000");
    return 0;
  }
}
