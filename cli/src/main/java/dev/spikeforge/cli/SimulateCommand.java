package dev.spikeforge.cli;

import dev.spikeforge.flow.ConfigException;
import dev.spikeforge.flow.Flow;
import dev.spikeforge.flow.SimulateReport;
import dev.spikeforge.flow.SimulateRequest;
import dev.spikeforge.golden.eval.EvalReport;
import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code spikeforge simulate}: the options as a {@link SimulateRequest}, run by the flow, and its results. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = {"Run an integer model over a dataset on the bit-exact golden model (and/or its float twin)",
        "and print accuracy, spike statistics and throughput. A float model (float-model.json, a directory of",
        "fc1.npy, … or layer1.npy, …, a training output directory) runs on the float simulator (--sim float);",
        "quantize it first for the golden model (evaluate --quantize --export-int, or compile).",
        "Default encoder: the one the model records (rate when none); rate32 for a directory of .npy layers.",
        "",
        "Example: spikeforge simulate build/demo/model.json --dataset fashion-mnist --limit 1000"})
final class SimulateCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "MODEL", description = "Integer network (spikeforge.network JSON), or a float"
      + " model (float-model.json, npy directory, training output directory; float simulator only).")
  Path model;

  @Mixin
  DatasetOptions data;

  @Option(names = "--sim",
      description = "int (golden model), float (reference with the same weights), or both. Default: int (float for a"
          + " float model).")
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
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    SimulateReport r;
    try {
      String encoder = data.encoder;
      r = Flow.simulate(new SimulateRequest(model, data.knownDataset(), data.dataDir, data.split, data.offset, data.limit,
          encoder, data.seed, sim, threads, trace, traceSamples, json), new CliEvents(out));
    } catch (ConfigException e) {
      throw ConfigErrors.of(e);
    }
    if (r.floatNetwork() != null) {
      FloatNetwork fl = r.floatNetwork();
      out.printf(Locale.ROOT, "float model %s (%s), %d samples of %s, %s coding, T = %d%n", fl.name(),
          NetworkPrinter.describe(fl), r.samples(), r.dataset(), r.coding(), fl.timesteps());
      Report.print(out, r.reports().get(0), fl.layers().stream().map(FloatLayer::name).toList(), fl.timesteps());
    } else {
      NetworkSpec net = r.network();
      List<String> names = net.layers().stream().map(LayerSpec::name).toList();
      out.printf(Locale.ROOT, "model %s (%s), %d samples of %s, %s coding, T = %d%n", net.name(),
          NetworkPrinter.describe(net), r.samples(), r.dataset(), r.coding(), net.timesteps());
      for (EvalReport e : r.reports()) {
        Report.print(out, e, names, net.timesteps());
      }
    }
    if (r.agreement() != null) {
      out.printf(Locale.ROOT, "  int and float predictions agree on %.2f %% of samples%n", 100 * r.agreement());
    }
    if (r.trace() != null) {
      out.println("  trace of " + r.traced() + " samples written to " + r.trace());
    }
    if (r.json() != null) {
      out.println("  results written to " + r.json());
    }
    return 0;
  }
}
