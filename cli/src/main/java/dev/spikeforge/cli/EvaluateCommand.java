package dev.spikeforge.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spikeforge.compiler.quantize.MembraneWidth;
import dev.spikeforge.compiler.quantize.QuantizationConfig;
import dev.spikeforge.compiler.quantize.Quantizer;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.eval.EarlyExitSweep;
import dev.spikeforge.golden.eval.EvalReport;
import dev.spikeforge.golden.eval.Evaluator;
import dev.spikeforge.golden.io.DesireNpyImport;
import dev.spikeforge.golden.io.FloatNetworkJson;
import dev.spikeforge.golden.io.ModelFormatException;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Measure the accuracy of a trained network (a prediction counts only if the label neuron has the",
        "unique maximum spike count). MODEL is an integer model.json, a float-model.json, or a directory of",
        "fc1.npy, fc2.npy, … exported from the desire-backpropagation authors' PyTorch code (evaluated with",
        "their forward semantics and, by default, their float32 input coding). Float models can be quantized",
        "(--quantize) and written as an integer model for compile (--export-int).",
        "",
        "Example: spikeforge evaluate runs/fm/model.json --dataset fashion-mnist",
        "         spikeforge evaluate authors/fmnist/ --dataset fashion-mnist --quantize 8 --export-int fm8.json"})
final class EvaluateCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "MODEL", description = "model.json, float-model.json, or a directory with fc1.npy, …")
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

  @Option(names = "--early-exit-sweep", paramLabel = "KMAX",
      description = "Integer model: also sweep FIRST_TO_FIRE decision counts K = 1..KMAX and report accuracy "
          + "against mean decision step.")
  Integer earlyExitSweep;

  @Option(names = "--json", paramLabel = "FILE", description = "Write the results as JSON (no timings: reproducible).")
  Path json;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    if (nThreads < 1) {
      throw new UserException("--threads must be at least 1");
    }
    boolean npy = Files.isDirectory(model);
    boolean isFloat = npy || (Files.isRegularFile(model) && FloatNetworkJson.isFloatNetwork(head(model)));
    if (!npy && (timesteps != null || leakShift != null || threshold != null || layerDelay != null)) {
      throw new UserException("--timesteps, --leak-shift, --threshold and --layer-delay apply to an npy directory only");
    }
    if (!isFloat && (quantize != null || exportInt != null)) {
      throw new UserException("--quantize and --export-int apply to float models; " + model + " is already an integer model");
    }
    if (isFloat && earlyExitSweep != null && quantize == null && exportInt == null) {
      throw new UserException("--early-exit-sweep runs on the integer golden model (the hardware's readout); for the"
          + " float model " + model + " add --quantize BITS to sweep its quantized network");
    }
    if (npy && !spec.commandLine().getParseResult().hasMatchedOption("--encoder")) {
      data.encoder = DatasetOptions.EncoderName.rate32;
    }
    Dataset d = data.load();
    ObjectNode doc = Report.object();
    doc.put("model", model.getFileName().toString());
    doc.put("dataset", data.displayName());
    doc.put("encoder", d.isTemporal() ? "none" : data.encoder.name());
    if (!isFloat) {
      NetworkSpec net = NetworkJson.read(model);
      report(out, doc, net, d, nThreads);
    } else {
      FloatNetwork fl = npy ? DesireNpyImport.load(model, new DesireNpyImport.Options(timesteps == null ? 20 : timesteps,
          leakShift == null ? 2 : leakShift, threshold == null ? 1.0 : threshold, layerDelay == null ? 1 : layerDelay))
          : FloatNetworkJson.read(model);
      out.printf(Locale.ROOT, "float model %s (%s), %d samples of %s, %s coding, T = %d%n", fl.name(), describe(fl),
          d.size(), data.displayName(), d.isTemporal() ? "pre-timed" : data.encoder.name(), fl.timesteps());
      EvalReport r;
      try (Progress p = new Progress("float reference", d.size(), "samples")) {
        r = Evaluator.evaluate(fl, d, data.encoder(), nThreads, p);
      }
      Report.print(out, r, fl.layers().stream().map(FloatLayer::name).toList(), fl.timesteps());
      doc.set("float", Report.json(r, fl.layers().stream().map(FloatLayer::name).toList()));
      if (quantize != null || exportInt != null) {
        int bits = quantize == null ? 8 : quantize;
        NetworkSpec net = Quantizer.quantize(fl, QuantizationConfig.of(bits).withMembraneWidth(MembraneWidth.fixed(membraneBits)));
        out.printf(Locale.ROOT, "quantized to %d-bit weights, %d-bit membranes:%n", bits, membraneBits);
        report(out, doc, net, d, nThreads);
        if (exportInt != null) {
          NetworkJson.write(net, exportInt);
          out.printf("wrote %s (hash %s)%n", exportInt, NetworkJson.contentHash(net).substring(0, 16));
        }
      }
    }
    if (json != null) {
      Report.write(json, doc);
      out.println("results written to " + json);
    }
    return 0;
  }

  private void report(PrintWriter out, ObjectNode doc, NetworkSpec net, Dataset d, int nThreads) {
    List<String> names = net.layers().stream().map(LayerSpec::name).toList();
    out.printf(Locale.ROOT, "model %s (%s), %d samples of %s, %s coding, T = %d%n", net.name(),
        SimulateCommand.describe(net), d.size(), data.displayName(), d.isTemporal() ? "pre-timed" : data.encoder.name(),
        net.timesteps());
    EvalReport r;
    try (Progress p = new Progress("golden model", d.size(), "samples")) {
      r = Evaluator.evaluate(net, d, data.encoder(), nThreads, p);
    }
    Report.print(out, r, names, net.timesteps());
    doc.put("modelHash", NetworkJson.contentHash(net));
    doc.set("int", Report.json(r, names));
    if (earlyExitSweep != null) {
      if (earlyExitSweep < 1 || earlyExitSweep > 255) {
        throw new UserException("--early-exit-sweep must be in 1..255, got " + earlyExitSweep);
      }
      List<EarlyExitSweep.Point> points = EarlyExitSweep.run(net, d, data.encoder(), earlyExitSweep);
      out.printf(Locale.ROOT, "  early exit (FIRST_TO_FIRE), T = %d:%n  %8s %9s %14s %11s%n", net.timesteps(), "K",
          "accuracy", "mean step", "early exits");
      com.fasterxml.jackson.databind.node.ArrayNode arr = doc.putArray("earlyExitSweep");
      for (EarlyExitSweep.Point p : points) {
        out.printf(Locale.ROOT, "  %8s %8.2f%% %8.2f (%2.0f%%) %11d%n", p.decisionCount() == 0 ? "count" : p.decisionCount(),
            100 * p.accuracy(), p.meanDecisionStep(), p.meanDecisionPercent(net.timesteps()), p.earlyExits());
        arr.addObject().put("decisionCount", p.decisionCount()).put("accuracy", p.accuracy())
            .put("meanDecisionStep", p.meanDecisionStep()).put("earlyExits", p.earlyExits());
      }
    }
  }

  private static String describe(FloatNetwork fl) {
    StringBuilder sb = new StringBuilder().append(fl.inputSize());
    for (FloatLayer l : fl.layers()) {
      sb.append('-').append(l.size());
    }
    return sb.append(", ").append(fl.readout().mode()).toString();
  }

  /** The first bytes of a file, to tell a float network document from an integer one. */
  private static String head(Path file) {
    try (var in = Files.newInputStream(file)) {
      return new String(in.readNBytes(256), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ModelFormatException("cannot read model file " + file + ": " + e.getMessage(), e);
    }
  }
}
