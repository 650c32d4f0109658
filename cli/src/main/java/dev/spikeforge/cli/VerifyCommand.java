package dev.spikeforge.cli;

import dev.spikeforge.compiler.build.BuildDirectory;
import dev.spikeforge.compiler.build.StimulusFile;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.testbenches.CoreVerifier;
import dev.spikeforge.testbenches.IcarusSimulator;
import dev.spikeforge.testbenches.Simulator;
import dev.spikeforge.testbenches.VerilatorSimulator;
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

  @Mixin
  DatasetOptions data;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<Simulator> sims = switch (sim) {
      case "verilator" -> List.of(new VerilatorSimulator());
      case "icarus" -> List.of(new IcarusSimulator());
      case "both" -> List.of(new VerilatorSimulator(), new IcarusSimulator());
      default -> throw new UserException("--sim must be verilator, icarus or both, not '" + sim + "'");
    };
    if (images != null && images < 1) {
      throw new UserException("--images must be at least 1, got " + images);
    }
    BuildDirectory.Loaded b = BuildDirectory.load(dir);
    List<StimulusFile.Sample> samples = stimulus(b);
    out.printf(Locale.ROOT, "%s: build checked against its spec (%s, hash %s); %d samples%n", dir, b.network().name(),
        b.networkHash().substring(0, 16), samples.size());
    CoreVerifier.Report r = CoreVerifier.verify(b, samples, new CoreVerifier.Options(sims, null, stallSeed, true));
    for (CoreVerifier.SimulatorResult s : r.results()) {
      out.printf(Locale.ROOT, "  %-9s %d/%d samples identical to the golden model (%d clocks)%n", s.simulator(),
          s.matching(), s.samples(), s.cycles());
    }
    if (!r.passed()) {
      out.print(r.describeFailures());
      out.println("FAILED: see " + dir.resolve("reports"));
      return 1;
    }
    out.println("PASSED: " + dir.resolve("reports").resolve("verify.json"));
    return 0;
  }

  private List<StimulusFile.Sample> stimulus(BuildDirectory.Loaded b) {
    int inputs = b.network().inputSize();
    int steps = b.network().timesteps();
    boolean fromDataset = spec.commandLine().getParseResult().hasMatchedOption("--dataset");
    if (!fromDataset) {
      List<StimulusFile.Sample> smoke = StimulusFile.read(b.dir().resolve(BuildDirectory.SMOKE_STIMULUS));
      if (images == null || images <= smoke.size()) {
        return images == null ? smoke : smoke.subList(0, images);
      }
      return StimulusFile.poisson(inputs, steps, images, b.config().smokeSeed());
    }
    if (images != null && data.limit == null) {
      data.limit = images;
    }
    Dataset d = data.load();
    if (!d.isTemporal() && d.sampleLength() != inputs) {
      throw new UserException("dataset " + data.displayName() + " has " + d.sampleLength() + " values per sample but network '"
          + b.network().name() + "' has " + inputs + " inputs");
    }
    List<StimulusFile.Sample> out = new ArrayList<>();
    for (int i = 0; i < d.size(); i++) {
      var raster = d.isTemporal() ? d.raster(i) : d.encode(i, data.encoder(), steps);
      if (raster.channels() != inputs || raster.steps() < steps) {
        throw new UserException("dataset " + data.displayName() + " sample " + i + " has " + raster.channels()
            + " channels and " + raster.steps() + " steps; the network needs " + inputs + " and " + steps);
      }
      out.add(new StimulusFile.Sample(d.id(i), raster));
    }
    return out;
  }
}
