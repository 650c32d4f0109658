package dev.spikeforge.cli;

import dev.spikeforge.flow.ConfigException;
import dev.spikeforge.flow.FitLinearReport;
import dev.spikeforge.flow.FitLinearRequest;
import dev.spikeforge.flow.Flow;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.network.RandomNetworks;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.ReadoutSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code spikeforge model}: a seeded random network, or a closed-form linear fit run by the flow. */
@Command(name = "model", mixinStandardHelpOptions = true,
    description = "Create integer network files (spikeforge.network JSON).",
    subcommands = {ModelCommand.Random.class, ModelCommand.FitLinear.class})
final class ModelCommand implements Runnable {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "random", mixinStandardHelpOptions = true,
      description = {"Write a seeded random integer network (for tests, benchmarks and hardware exploration).",
          "", "Example: spikeforge model random --sizes 784,128,10 --weight-width 4 -o random.json"})
  static final class Random implements Callable<Integer> {
    @Option(names = "--sizes", required = true, split = ",", description = "Input size then layer sizes, e.g. 784,128,10.")
    int[] sizes;

    @Option(names = "--timesteps", defaultValue = "20", description = "T. Default: ${DEFAULT-VALUE}.")
    int timesteps;

    @Option(names = "--weight-width", defaultValue = "8", description = "Signed weight bits. Default: ${DEFAULT-VALUE}.")
    int weightWidth;

    @Option(names = "--membrane-width", defaultValue = "16", description = "Signed membrane bits. Default: ${DEFAULT-VALUE}.")
    int membraneWidth;

    @Option(names = "--max-delay", defaultValue = "0", description = "Largest delay; >0 adds random axonal delays. Default: ${DEFAULT-VALUE}.")
    int maxDelay;

    @Option(names = "--synaptic-delays", description = "Also random per-synapse delays (with --max-delay).")
    boolean synaptic;

    @Option(names = "--recurrent", description = "Make hidden layers recurrent.")
    boolean recurrent;

    @Option(names = "--binarized-hidden", description = "Make hidden layers BINARIZED (1-bit weights).")
    boolean binarized;

    @Option(names = "--first-to-fire", paramLabel = "K", description = "FIRST_TO_FIRE readout deciding at K output spikes (default: spike count).")
    Integer firstToFire;

    @Option(names = "--threshold-fraction", defaultValue = "0.03",
        description = "Threshold as a fraction of the membrane maximum. Default: ${DEFAULT-VALUE}.")
    double thresholdFraction;

    @Option(names = "--seed", defaultValue = "1", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = {"-o", "--output"}, required = true, description = "Network file to write.")
    Path output;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if (sizes.length < 2) {
        throw new UserException("--sizes needs the input size and at least one layer size, e.g. 784,10");
      }
      if (Arrays.stream(sizes).anyMatch(s -> s < 1)) {
        throw new UserException("--sizes must all be positive: " + Arrays.toString(sizes));
      }
      if (!(thresholdFraction > 0 && thresholdFraction <= 1)) {
        throw new UserException("--threshold-fraction must be in (0, 1], got " + thresholdFraction);
      }
      NetworkSpec net = RandomNetworks.generate(new RandomNetworks.Options(sizes, timesteps, weightWidth,
          membraneWidth, maxDelay, maxDelay > 0, synaptic, recurrent, binarized,
          firstToFire == null ? ReadoutSpec.spikeCount() : ReadoutSpec.firstToFire(firstToFire), thresholdFraction),
          seed);
      NetworkJson.write(net, output);
      spec.commandLine().getOut().printf("wrote %s: %s, %d weights (%d bits), hash %s%n", output,
          NetworkPrinter.describe(net), net.weightCount(), net.weightBits(),
          NetworkJson.contentHash(net).substring(0, 16));
      return 0;
    }
  }

  @Command(name = "fit-linear", mixinStandardHelpOptions = true,
      description = {"Fit a one-layer spiking classifier in closed form (ridge regression), quantize it to",
          "integer weights and write it. Quick and deterministic; not spike-based learning.",
          "", "Example: spikeforge model fit-linear --dataset fashion-mnist --weight-width 8 -o linear.json"})
  static final class FitLinear implements Callable<Integer> {
    @Mixin
    DatasetOptions data;

    @Option(names = "--timesteps", defaultValue = "20", description = "T. Default: ${DEFAULT-VALUE}.")
    int timesteps;

    @Option(names = "--ridge", defaultValue = "10.0", description = "L2 regularisation. Default: ${DEFAULT-VALUE}.")
    double ridge;

    @Option(names = "--weight-width", defaultValue = "8", description = "Signed weight bits. Default: ${DEFAULT-VALUE}.")
    int weightWidth;

    @Option(names = "--membrane-width", defaultValue = "16", description = "Signed membrane bits. Default: ${DEFAULT-VALUE}.")
    int membraneWidth;

    @Option(names = {"-o", "--output"}, required = true, description = "Network file to write.")
    Path output;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      FitLinearReport r;
      try {
        r = Flow.fitLinear(new FitLinearRequest(data.knownDataset(), data.dataDir, data.offset, data.limit, timesteps, ridge,
            weightWidth, membraneWidth, output), new CliEvents(out));
      } catch (ConfigException e) {
        throw ConfigErrors.of(e);
      }
      out.print(r.quantization().toTable());
      out.printf("wrote %s (hash %s)%n", r.output(), r.modelHash().substring(0, 16));
      return 0;
    }
  }
}
