package dev.spikeforge.cli;

import dev.spikeforge.flow.ConfigException;
import dev.spikeforge.flow.EvaluateReport;
import dev.spikeforge.flow.EvaluateRequest;
import dev.spikeforge.flow.Flow;
import dev.spikeforge.golden.eval.EarlyExitSweep;
import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code spikeforge evaluate}: the options as an {@link EvaluateRequest}, run by the flow, and its results. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Measure the accuracy of a trained network (a prediction counts only if the label neuron has the",
        "unique maximum spike count). MODEL is an integer model.json, a float-model.json, a directory of",
        "fc1.npy, fc2.npy, … (or layer1.npy, …) exported from the desire-backpropagation authors' PyTorch code",
        "(evaluated with their forward semantics), or a training output directory (its float-model.json, else",
        "its model.json).",
        "Default encoder: the one the model records (train --encoder, compile --encoder; rate when it records",
        "none), rate32 (the authors' float32 input coding) for a directory of npy layer files.",
        "Float models can be quantized (--quantize; scale rule calibrated on training images by default) and",
        "written as an integer model for compile (--export-int). Every quantization prints float against",
        "integer accuracy on the calibration images and warns when the drop is large (--max-drop refuses it).",
        "",
        "Example: spikeforge evaluate runs/fm/model.json --dataset fashion-mnist",
        "         spikeforge evaluate authors/fmnist/ --dataset fashion-mnist --quantize 8 --export-int fm8.json"})
final class EvaluateCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "MODEL",
      description = "model.json, float-model.json, a directory with fc1.npy, … (or layer1.npy, …), or a training output directory")
  Path model;

  @Mixin
  DatasetOptions data;

  @Option(names = "--threads", description = "Worker threads (default: all cores). Results do not depend on it.")
  Integer threads;

  @Option(names = "--timesteps", description = "npy import: T. Default: 20.")
  Integer timesteps;

  @Option(names = "--leak-shift", description = "npy import: k of the leak 1 − 2^−k. Default: 2.")
  Integer leakShift;

  @Option(names = "--threshold", description = "npy import: firing threshold. Default: 1.0.")
  Double threshold;

  @Option(names = "--layer-delay", description = "npy import: delay between layers. Default: 1 (the authors' pipeline).")
  Integer layerDelay;

  @Option(names = "--quantize", paramLabel = "BITS", description = "Float models: also quantize to BITS-bit weights and evaluate the integer golden model.")
  Integer quantize;

  @Option(names = "--membrane-bits", defaultValue = "16", description = "Membrane width of the quantized model. Default: ${DEFAULT-VALUE}.")
  int membraneBits;

  @Option(names = "--export-int", paramLabel = "FILE", description = "Write the quantized integer model (default 8-bit weights).")
  Path exportInt;

  @Mixin
  QuantizeOptions quantization;

  @Option(names = "--early-exit-sweep", paramLabel = "KMAX",
      description = "Integer model: also sweep FIRST_TO_FIRE decision counts K = 1..KMAX and report accuracy "
          + "against mean decision step.")
  Integer earlyExitSweep;

  @Option(names = "--json", paramLabel = "FILE", description = "Write the results as JSON (no timings: reproducible).")
  Path json;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    EvaluateReport r;
    try {
      r = Flow.evaluate(request(), new CliEvents(out));
    } catch (ConfigException e) {
      throw ConfigErrors.of(e);
    }
    if (r.source().foundInDirectory()) {
      out.printf("model %s (found in the directory %s)%n", r.source().path(), model);
    }
    FloatNetwork fl = r.floatNetwork();
    if (fl != null) {
      out.printf(Locale.ROOT, "float model %s (%s), %d samples of %s, %s coding, T = %d%n", fl.name(), NetworkPrinter.describe(fl),
          r.samples(), r.dataset(), r.coding(), fl.timesteps());
      Report.print(out, r.floatReport(), fl.layers().stream().map(FloatLayer::name).toList(), fl.timesteps());
      if (r.network() != null) {
        out.printf(Locale.ROOT, "quantized to %d-bit weights, %d-bit membranes, scale rule %s; check: %s%n",
            r.weightBits(), r.membraneBits(), r.scale(), r.check() == null ? "none (--calibration-images 0)"
                : r.check().describe());
      }
    }
    if (r.network() != null) {
      printInt(out, r);
    }
    if (r.json() != null) {
      out.println("results written to " + r.json());
    }
    return 0;
  }

  /** The options as a request; the encoder only when given (an npy directory defaults to rate32). */
  private EvaluateRequest request() {
    String encoder = data.encoder;
    return new EvaluateRequest(model, data.dataset, data.dataDir, data.split, data.offset, data.limit, encoder,
        data.seed, threads, timesteps, leakShift, threshold, layerDelay, quantize, membraneBits, exportInt,
        earlyExitSweep, json, quantization.scale, quantization.calibrationImages, quantization.maxDrop);
  }

  private static void printInt(PrintWriter out, EvaluateReport r) {
    NetworkSpec net = r.network();
    out.printf(Locale.ROOT, "model %s (%s), %d samples of %s, %s coding, T = %d%n", net.name(),
        NetworkPrinter.describe(net), r.samples(), r.dataset(), r.coding(), net.timesteps());
    Report.print(out, r.intReport(), net.layers().stream().map(LayerSpec::name).toList(), net.timesteps());
    if (r.earlyExitSweep() != null) {
      out.printf(Locale.ROOT, "  early exit (FIRST_TO_FIRE), T = %d:%n  %8s %9s %14s %11s%n", net.timesteps(), "K",
          "accuracy", "mean step", "early exits");
      for (EarlyExitSweep.Point p : r.earlyExitSweep()) {
        out.printf(Locale.ROOT, "  %8s %8.2f%% %8.2f (%2.0f%%) %11d%n", p.decisionCount() == 0 ? "count" : p.decisionCount(),
            100 * p.accuracy(), p.meanDecisionStep(), p.meanDecisionPercent(net.timesteps()), p.earlyExits());
      }
    }
    if (r.exported() != null) {
      out.printf("wrote %s (hash %s)%n", r.exported(), r.modelHash().substring(0, 16));
    }
  }
}
