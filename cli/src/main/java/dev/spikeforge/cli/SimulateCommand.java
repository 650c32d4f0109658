package dev.spikeforge.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.eval.EvalReport;
import dev.spikeforge.golden.eval.Evaluator;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.io.TraceFile;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.sim.IntSimulator;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = {"Run an integer model over a dataset on the bit-exact golden model (and/or its float twin)",
        "and print accuracy, spike statistics and throughput.",
        "",
        "Example: spikeforge simulate build/demo/model.json --dataset fashion-mnist --limit 1000"})
final class SimulateCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "MODEL.json", description = "Integer network (spikeforge.network JSON).")
  Path model;

  @Mixin
  DatasetOptions data;

  @Option(names = "--sim", defaultValue = "int",
      description = "int (golden model), float (reference with the same weights), or both. Default: ${DEFAULT-VALUE}.")
  String sim;

  @Option(names = "--threads", description = "Worker threads (default: all cores). Results do not depend on it.")
  Integer threads;

  @Option(names = "--trace", paramLabel = "FILE", description = "Write the per-step golden-model trace (.sftrace) of the first samples.")
  Path trace;

  @Option(names = "--trace-samples", defaultValue = "10", description = "Samples to trace with --trace. Default: ${DEFAULT-VALUE}.")
  int traceSamples;

  @Option(names = "--json", paramLabel = "FILE", description = "Write the results as JSON (no timings: reproducible).")
  Path json;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (!List.of("int", "float", "both").contains(sim)) {
      throw new UserException("--sim must be int, float or both, not '" + sim + "'");
    }
    NetworkSpec net = NetworkJson.read(model);
    Dataset d = data.load();
    int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    if (nThreads < 1) {
      throw new UserException("--threads must be at least 1");
    }
    List<String> names = net.layers().stream().map(LayerSpec::name).toList();
    out.printf(Locale.ROOT, "model %s (%s), %d samples of %s, %s coding, T = %d%n", net.name(), describe(net),
        d.size(), data.displayName(), d.isTemporal() ? "pre-timed" : data.encoder.name(), net.timesteps());
    ObjectNode doc = Report.object();
    doc.put("model", net.name());
    doc.put("modelHash", NetworkJson.contentHash(net));
    doc.put("dataset", data.displayName());
    doc.put("encoder", d.isTemporal() ? "none" : data.encoder.name());
    List<EvalReport> reports = new ArrayList<>();
    if (!sim.equals("float")) {
      try (Progress p = new Progress("golden model", d.size(), "samples")) {
        reports.add(Evaluator.evaluate(net, d, data.encoder(), nThreads, p));
      }
    }
    if (!sim.equals("int")) {
      try (Progress p = new Progress("float reference", d.size(), "samples")) {
        reports.add(Evaluator.evaluate(FloatNetwork.of(net), d, data.encoder(), nThreads, p));
      }
    }
    for (EvalReport r : reports) {
      Report.print(out, r, names, net.timesteps());
      doc.set(r.model(), Report.json(r, names));
    }
    if (reports.size() == 2) {
      out.printf(Locale.ROOT, "  int and float predictions agree on %.2f %% of samples%n",
          100 * reports.get(0).agreement(reports.get(1)));
    }
    if (trace != null) {
      writeTrace(net, d);
      out.println("  trace of " + Math.min(traceSamples, d.size()) + " samples written to " + trace);
    }
    if (json != null) {
      Report.write(json, doc);
      out.println("  results written to " + json);
    }
    return 0;
  }

  private void writeTrace(NetworkSpec net, Dataset d) throws java.io.IOException {
    IntSimulator s = new IntSimulator(net);
    String hash = NetworkJson.contentHash(net);
    List<TraceFile.Sample> samples = new ArrayList<>();
    for (int i = 0; i < Math.min(traceSamples, d.size()); i++) {
      var x = d.isTemporal() ? d.raster(i) : d.encode(i, data.encoder(), net.timesteps());
      samples.add(new TraceFile.Sample(d.id(i), s.runTraced(x, hash)));
    }
    TraceFile.write(trace, samples);
  }

  static String describe(NetworkSpec net) {
    StringBuilder sb = new StringBuilder().append(net.inputSize());
    for (LayerSpec l : net.layers()) {
      sb.append('-').append(l.size());
    }
    return sb.append(", ").append(net.readout().mode()).toString();
  }
}
