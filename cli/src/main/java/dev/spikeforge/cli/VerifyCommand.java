package dev.spikeforge.cli;

import dev.spikeforge.flow.ConfigException;
import dev.spikeforge.flow.Flow;
import dev.spikeforge.flow.LearnVerifyReport;
import dev.spikeforge.flow.LearnVerifyRequest;
import dev.spikeforge.flow.VerifyReport;
import dev.spikeforge.flow.VerifyRequest;
import dev.spikeforge.testbenches.CoreVerifier;
import dev.spikeforge.testbenches.LearningVerifier;
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

/** {@code spikeforge verify}: the options as a {@link VerifyRequest}, run by the flow, and its verdict. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Check a build directory against its spec, then run the same stimulus through the golden model",
        "and the core's RTL (Verilator and/or Icarus) and compare every step, layer, neuron and the decision",
        "exactly. Without --dataset the stimulus is seeded Poisson spikes (the build's smoke vectors first).",
        "Writes reports/verify.json; on a mismatch reports/mismatch-<sim>.txt and a VCD of the failing sample.",
        "With --learn (a build compiled with --learning desire): the core learns --samples consecutive training",
        "samples of the build's dataset while the golden model learns the same; after every sample every weight",
        "and the output counts are compared. Writes reports/verify-learn.json; on a mismatch",
        "reports/learn-mismatch-<sim>.txt and a VCD of the run up to the failing sample.",
        "",
        "Example: spikeforge verify build/model --images 100 --sim both --dataset fashion-mnist",
        "         spikeforge verify build/learn --learn --samples 100 --sim both"})
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

  @Option(names = "--learn", description = "Verify on-chip learning (a build compiled with --learning desire).")
  boolean learn;

  @Option(names = "--samples", paramLabel = "N",
      description = "--learn: consecutive training samples to learn. Default: 20.")
  Integer samples;

  @Option(names = "--epoch", paramLabel = "E",
      description = "--learn: the epoch of the samples (learning rate, LFSR streams). Default: 0.")
  Integer epoch;

  @Option(names = "--first", paramLabel = "P",
      description = "--learn: the first training image, and its position in the epoch. Default: 0.")
  Integer first;

  @Mixin
  DatasetOptions data;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (learn) {
      return learn(out);
    }
    for (String o : List.of("--samples", "--epoch", "--first")) {
      if (spec.commandLine().getParseResult().hasMatchedOption(o)) {
        throw new UserException(o + " applies to learning verification only (add --learn)");
      }
    }
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

  /** {@code --learn}: the learning verification of the flow, its counts, clocks and wall time, or its first difference. */
  private int learn(PrintWriter out) {
    for (String o : List.of("--images", "--dataset", "--split", "--offset", "--limit", "--encoder", "--seed",
        "--stall-seed", "--threads")) {
      if (spec.commandLine().getParseResult().hasMatchedOption(o)) {
        throw new UserException(o + " does not apply to --learn: it learns --samples training samples of the build's"
            + " own dataset from --first, encoded as the trainer encodes them");
      }
    }
    LearnVerifyReport r;
    try {
      r = Flow.verifyLearning(new LearnVerifyRequest(dir, samples == null ? 20 : samples, sim,
          epoch == null ? 0 : epoch, first == null ? 0 : first, data.dataDir), new CliEvents(out));
    } catch (ConfigException e) {
      throw ConfigErrors.of(e);
    }
    for (LearningVerifier.SimulatorReport s : r.report().simulators()) {
      out.printf(Locale.ROOT, "  %-9s %d/%d training samples bit-exact (every weight and the output counts after every"
          + " sample); %,d clocks, %,.0f per sample; simulation %.1f s wall%n", s.simulator(), s.matching(),
          s.samples(), s.cycles(), s.cycles() / (double) s.samples(), s.seconds());
    }
    out.printf(Locale.ROOT, "  wall time %.1f s (simulator builds, golden model, simulations, comparison)%n",
        r.seconds());
    if (!r.passed()) {
      for (LearningVerifier.SimulatorReport s : r.report().simulators()) {
        if (!s.passed()) {
          out.println("  first difference, " + s.describe().replace("\n", "\n  "));
        }
      }
      out.println("FAILED: see " + r.dir().resolve("reports"));
      return 1;
    }
    out.println("PASSED: " + r.record());
    return 0;
  }

  /** The options as a request; the dataset only when given (else the stimulus is Poisson spikes). */
  private VerifyRequest request() {
    String dataset = spec.commandLine().getParseResult().hasMatchedOption("--dataset") ? data.knownDataset() : null;
    return new VerifyRequest(dir, images, sim, stallSeed, dataset, data.dataDir, data.split, data.offset, data.limit,
        data.encoder, data.seed, threads);
  }
}
