package dev.spikeforge.cli;

import dev.spikeforge.flow.ConfigException;
import dev.spikeforge.flow.Flow;
import dev.spikeforge.flow.VerifyReport;
import dev.spikeforge.flow.VerifyRequest;
import dev.spikeforge.testbenches.CoreVerifier;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code spikeforge verify}: the options as a {@link VerifyRequest}, run by the flow, and its verdict. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Check a build directory against its spec, then run the same stimulus through the golden model",
        "and the core's RTL (Verilator and/or Icarus) and compare every step, layer, neuron and the decision",
        "exactly. Without --dataset the stimulus is seeded Poisson spikes (the build's smoke vectors first).",
        "Writes reports/verify.json; on a mismatch reports/mismatch-<sim>.txt and a VCD of the failing sample.",
        "",
        "Example: spikeforge verify build/model --images 100 --sim both --dataset fashion-mnist"})
final class VerifyCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "BUILD_DIR", description = "A build directory made by 'spikeforge compile'.")
  Path dir;

  @Option(names = "--images", paramLabel = "N", description = "Samples to verify (default: the build's smoke vectors).")
  Integer images;

  @Option(names = "--sim", defaultValue = "verilator", description = "verilator, icarus or both. Default: ${DEFAULT-VALUE}.")
  String sim;

  @Option(names = "--stall-seed", defaultValue = "0",
      description = "0: full-rate streams; otherwise the seed of random stalls on in.valid and out.ready.")
  int stallSeed;

  @Option(names = "--threads", paramLabel = "N",
      description = "Simulator processes at a time, each a batch of up to 500 samples (default: all cores). Results do"
          + " not depend on it.")
  Integer threads;

  @Mixin
  DatasetOptions data;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    VerifyReport r;
    try {
      r = Flow.verify(request(), new CliEvents(out));
    } catch (ConfigException e) {
      throw ConfigErrors.of(e);
    }
    for (CoreVerifier.SimulatorResult s : r.report().results()) {
      out.printf(Locale.ROOT, "  %-9s %d/%d samples identical to the golden model (%d clocks)%n", s.simulator(),
          s.matching(), s.samples(), s.cycles());
    }
    if (!r.passed()) {
      out.print(r.report().describeFailures());
      out.println("FAILED: see " + r.reports());
      return 1;
    }
    out.println("PASSED: " + r.reports().resolve("verify.json"));
    return 0;
  }

  /** The options as a request; the dataset only when given (else the stimulus is Poisson spikes). */
  private VerifyRequest request() {
    String dataset = spec.commandLine().getParseResult().hasMatchedOption("--dataset") ? data.knownDataset() : null;
    return new VerifyRequest(dir, images, sim, stallSeed, dataset, data.dataDir, data.split, data.offset, data.limit,
        data.encoder, data.seed, threads);
  }
}
