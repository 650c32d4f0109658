package dev.spikeforge.cli;

import dev.spikeforge.golden.spec.ResetMode;
import dev.spikeforge.nir.Discretisation;
import dev.spikeforge.nir.Nir;
import dev.spikeforge.nir.NirExportReport;
import dev.spikeforge.nir.NirExportRequest;
import dev.spikeforge.nir.NirImportReport;
import dev.spikeforge.nir.NirImportRequest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code spikeforge nir}: import and export the Neuromorphic Intermediate Representation (docs/nir.md). */
@Command(name = "nir", mixinStandardHelpOptions = true,
    description = {"Exchange networks with other SNN tools through NIR (Neuromorphic Intermediate Representation,",
        "HDF5): snnTorch, Norse, Rockpool, Sinabs, Lava, SpiNNaker2, ... See docs/nir.md for the mapping."},
    subcommands = {NirCommand.Import.class, NirCommand.Export.class})
final class NirCommand implements Runnable {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "import", mixinStandardHelpOptions = true,
      description = {"Read a NIR graph (Input -> Linear/Affine/Delay -> LIF/IF/CubaLIF layers, recurrent or not ->",
          "Output) and write a spikeforge model: a float network, or the integer network a spikeforge export carried.",
          "Anything spikeforge cannot represent is refused naming the node; approximations (CubaLIF) are reported.",
          "", "Example: spikeforge nir import lif.nir -o lif.json --timesteps 1000"})
  static final class Import implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE.nir", description = "The NIR file.")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, description = "Model file to write (JSON).")
    Path output;

    @Option(names = "--dt", paramLabel = "SECONDS",
        description = "Step length. Default: the exporter's (spikeforge metadata), else 1e-4 (0.1 ms).")
    Double dt;

    @Option(names = "--discretisation", paramLabel = "RULE",
        description = "euler (forward Euler, as Norse, snnTorch and NIR's reference) or exact (exponential)."
            + " Default: the exporter's, else euler.")
    String method;

    @Option(names = "--reset", paramLabel = "MODE",
        description = "zero (NIR's v_reset = 0) or subtract (the threshold, e.g. snnTorch's reset_mechanism"
            + " 'subtract', which NIR cannot express). Default: the exporter's, else zero.")
    String reset;

    @Option(names = "--timesteps", paramLabel = "T", description = "Steps per sample. Default: the exporter's, else 100.")
    Integer timesteps;

    @Option(names = "--name", description = "Model name. Default: the exporter's, else the file name.")
    String name;

    @Option(names = "--strict", description = "Refuse approximations (CubaLIF synapses) instead of reporting them.")
    boolean strict;

    @Option(names = "--ignore-metadata", description = "Read the graph alone, as a tool that knows nothing of spikeforge.")
    boolean ignoreMetadata;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      NirImportReport r = Nir.importFile(new NirImportRequest(input, output, dt, method(method), reset(reset),
          timesteps, name, strict, ignoreMetadata));
      PrintWriter out = spec.commandLine().getOut();
      out.printf("NIR %s graph %s -> %s (%s '%s')%n", r.nirVersion(), input, r.output(), r.format(), r.name());
      out.printf("  discretisation: %s%n", r.discretisation());
      out.printf("  timesteps: %d (%s)%n", r.timesteps(), r.timestepsFrom());
      out.println(r.fromMetadata() ? "  the exact spikeforge network carried in the file's metadata (it matches the graph)"
          : "  the network derived from the graph:");
      if (!r.fromMetadata()) {
        r.layerLines().forEach(out::println);
      }
      PrintWriter err = spec.commandLine().getErr();
      r.warnings().forEach(w -> err.println("warning: " + w));
      return 0;
    }
  }

  @Command(name = "export", mixinStandardHelpOptions = true,
      description = {"Write a spikeforge model (integer spikeforge.network or float spikeforge.float-network) as a NIR",
          "graph: Linear and Delay nodes, LIF (IF without leak) neurons; the exact model and its integer contract",
          "travel in the graph's metadata, so that 'nir import' gives it back bit for bit.",
          "", "Example: spikeforge nir export build/desire/model.json -o desire.nir"})
  static final class Export implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "The model file (JSON).")
    Path model;

    @Option(names = {"-o", "--output"}, required = true, description = "NIR file to write (HDF5).")
    Path output;

    @Option(names = "--dt", paramLabel = "SECONDS", defaultValue = "1e-4",
        description = "Step length the time constants are written for. Default: ${DEFAULT-VALUE}.")
    double dt;

    @Option(names = "--discretisation", paramLabel = "RULE", defaultValue = "euler",
        description = "euler or exact: how tau is computed from the leak. Default: ${DEFAULT-VALUE}.")
    String method;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      NirExportReport r = Nir.exportFile(new NirExportRequest(model, output,
          new Discretisation(dt, method(method))));
      PrintWriter out = spec.commandLine().getOut();
      out.printf("%s '%s' -> %s: NIR %d nodes, %d edges%n", r.format(), r.name(), r.output(), r.nodes(), r.edges());
      PrintWriter err = spec.commandLine().getErr();
      r.warnings().forEach(w -> err.println("warning: " + w));
      return 0;
    }
  }

  static Discretisation.Method method(String s) {
    if (s == null) {
      return null;
    }
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "euler" -> Discretisation.Method.EULER;
      case "exact" -> Discretisation.Method.EXACT;
      default -> throw new UserException("--discretisation: '" + s + "' is not one of euler, exact");
    };
  }

  static ResetMode reset(String s) {
    if (s == null) {
      return null;
    }
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "zero" -> ResetMode.ZERO;
      case "subtract" -> ResetMode.SUBTRACT;
      default -> throw new UserException("--reset: '" + s + "' is not one of zero, subtract");
    };
  }
}
