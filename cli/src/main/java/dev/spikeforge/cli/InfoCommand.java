package dev.spikeforge.cli;

import dev.spikeforge.golden.io.ModelFiles;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.numerics.NumericsContract;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.toolchain.ToolMissingException;
import dev.spikeforge.toolchain.Tools;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.IntSummaryStatistics;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "info", mixinStandardHelpOptions = true,
    description = {"Without arguments: versions, contracts, external tools and datasets on this machine.",
        "With a model file: its layers, widths, delays, memory and content hash."})
final class InfoCommand implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL.json", description = "A network file to describe.")
  Path model;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (model != null) {
      ModelFiles.Source src = ModelFiles.resolve(model);
      if (src.kind() != ModelFiles.Kind.INTEGER) {
        // found by fuzzing: a valid float model used to fail with "weightType: unknown field"
        throw new UserException(model + " is a float model (" + (src.kind() == ModelFiles.Kind.NPY ? "npy directory"
            : "spikeforge.float-network") + "); info describes integer networks: score it with 'spikeforge evaluate "
            + model + "', or quantize it with 'spikeforge compile " + model + " -o DIR' and run info on DIR/network.json");
      }
      describe(NetworkJson.read(src.path()), out);
      return 0;
    }
    for (String v : new Versions.Provider().getVersion()) {
      out.println(v);
    }
    out.println();
    out.println("external tools:");
    for (String tool : Tools.PINNED) {
      out.printf(Locale.ROOT, "  %-14s %s%n", tool, versionOrMissing(tool));
    }
    out.println();
    out.println("datasets:");
    new DatasetCommand.ListDatasets().call(out);
    return 0;
  }

  /** The tool's version line, or {@code MISSING (<install command>)}. */
  private static String versionOrMissing(String tool) {
    try {
      return Tools.system().require(tool).version();
    } catch (ToolMissingException e) {
      return "MISSING (" + Tools.installCommand(tool) + ")";
    }
  }

  static void describe(NetworkSpec net, PrintWriter out) {
    out.printf(Locale.ROOT, "network %s: %s, T = %d, readout %s (decision count %d), numerics v%d, encoder %s%n",
        net.name(), NetworkPrinter.describe(net), net.timesteps(), net.readout().mode(), net.readout().decisionCount(),
        net.numericsVersion(), net.encoder());
    out.printf(Locale.ROOT, "%-10s %-9s %11s %4s %5s %6s %4s %-8s %5s %s%n", "layer", "kind", "in->out", "w", "mem",
        "theta", "leak", "reset", "delay", "recurrent");
    for (LayerSpec l : net.layers()) {
      String delays = l.maxDelay() == 0 ? "-" : (l.synapticDelays() != null ? "syn<=" : "ax<=") + l.maxDelay();
      out.printf(Locale.ROOT, "%-10s %-9s %11s %4d %5d %6d %4s %-8s %5s %s%n", l.name(), l.kind(),
          l.inputSize() + "->" + l.size(), l.weightWidth(), l.neuron().membraneWidth(), l.neuron().threshold(),
          leak(l), l.neuron().reset(), delays,
          l.isRecurrent() ? "yes" : "no");
    }
    out.printf(Locale.ROOT, "weights: %d (%.1f KiB); content hash %s%n", net.weightCount(),
        net.weightBits() / 8.0 / 1024, NetworkJson.contentHash(net));
  }

  /** The leak column: none, 1/2^k, or with per-neuron leak shifts their range. */
  private static String leak(LayerSpec l) {
    if (l.hasNeuronLeaks()) {
      IntSummaryStatistics k = Arrays.stream(l.leakShifts()).summaryStatistics();
      return "2^-" + k.getMin() + ".." + k.getMax();
    }
    return l.neuron().leakShift() == 0 ? "none" : "1/2^" + l.neuron().leakShift();
  }
}
