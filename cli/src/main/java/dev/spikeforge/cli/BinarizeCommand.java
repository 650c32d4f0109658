package dev.spikeforge.cli;

import dev.spikeforge.compiler.binarize.BinarizationPlan;
import dev.spikeforge.compiler.binarize.BinarizationPlanner;
import dev.spikeforge.compiler.binarize.Binarize;
import dev.spikeforge.compiler.quantize.MembraneWidth;
import dev.spikeforge.compiler.quantize.QuantizationConfig;
import dev.spikeforge.compiler.quantize.Quantizer;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.io.FloatNetworkJson;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.NetworkSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "binarize", mixinStandardHelpOptions = true,
    description = {"Choose which layers of a float model to binarize (1-bit weights, AND + popcount in hardware)",
        "with the accuracy-loss estimator: per-layer validation accuracy on the quantized integer model,",
        "then greedy selection under a weight-memory budget or an accuracy tolerance. Writes the integer model.",
        "",
        "The estimate is post-training (no retraining): an upper bound on the loss. Fine-tuning the chosen layers",
        "with the straight-through estimator recovers most of it: spikeforge train --init MODEL --binarize LAYERS",
        "(docs/learning.md §11); the command prints that next step.",
        "",
        "Example: spikeforge binarize build/desire/float-model.json --dataset fashion-mnist --split train",
        "           --offset 50000 --limit 2000 --budget 0.5 --weight-bits 4 -o build/binarized.json"})
final class BinarizeCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "MODEL.json", description = "Float model (spikeforge.float-network JSON), or an "
      + "integer model.json (layers are then binarized in the integer domain: sign weights, threshold θ/α: exactly what "
      + "train --precision int --init MODEL --binarize starts from).")
  Path model;

  @Mixin
  DatasetOptions data;

  @Option(names = "--layers", split = ",", description = "Candidate layers (default: every DENSE layer).")
  List<String> layers;

  @Option(names = "--budget", description = "Weight memory must shrink to at most this fraction, e.g. 0.5.")
  Double budget;

  @Option(names = "--tolerance", description = "Accuracy may drop by at most this many points, e.g. 1.5.")
  Double tolerance;

  @Option(names = "--weight-bits", defaultValue = "4", description = "Weights of the layers kept multi-bit. Default: ${DEFAULT-VALUE}.")
  int weightBits;

  @Option(names = "--membrane-bits", defaultValue = "16", description = "Membrane width. Default: ${DEFAULT-VALUE}.")
  int membraneBits;

  @Option(names = "--threads", description = "Worker threads (default: all cores).")
  Integer threads;

  @Option(names = {"-o", "--output"}, required = true, description = "Integer model to write.")
  Path output;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if ((budget == null) == (tolerance == null)) {
      throw new UserException("give exactly one of --budget FRACTION or --tolerance POINTS");
    }
    if (!java.nio.file.Files.isRegularFile(model)) {
      throw new UserException("no such model file " + model);
    }
    String head;
    try (var in = java.nio.file.Files.newInputStream(model)) {
      head = new String(in.readNBytes(256), java.nio.charset.StandardCharsets.UTF_8);
    }
    if (!FloatNetworkJson.isFloatNetwork(head)) {
      return integer(out);
    }
    FloatNetwork net = FloatNetworkJson.read(model);
    Set<String> candidates = new LinkedHashSet<>();
    if (layers == null) {
      net.layers().stream().filter(l -> l.kind() == LayerKind.DENSE).map(FloatLayer::name).forEach(candidates::add);
    } else {
      candidates.addAll(layers);
    }
    Dataset val = data.load();
    QuantizationConfig qc = QuantizationConfig.of(weightBits).withMembraneWidth(MembraneWidth.fixed(membraneBits));
    BinarizationPlanner.Constraint c = budget != null ? BinarizationPlanner.Constraint.budget(budget)
        : BinarizationPlanner.Constraint.tolerance(tolerance);
    out.printf("estimating the cost of binarizing %s on %d samples of %s%n", String.join(", ", candidates), val.size(),
        data.displayName());
    BinarizationPlan plan = BinarizationPlanner.plan(net, candidates, val, data.encoder(), qc, c,
        threads == null ? Runtime.getRuntime().availableProcessors() : threads);
    out.print(plan.toTable());
    NetworkSpec q = Quantizer.quantize(Binarize.network(net, Set.copyOf(plan.binarized())), qc);
    NetworkJson.write(q, output);
    out.printf("wrote %s (hash %s)%n", output, NetworkJson.contentHash(q).substring(0, 16));
    if (!plan.binarized().isEmpty()) {
      out.printf("fine-tune it (straight-through estimator; or --precision int --init the integer model.json):%n"
          + "  spikeforge train --rule desire --init %s --binarize %s --dataset DATASET --arch ... --epochs 5 -o DIR%n",
          model, String.join(",", plan.binarized()));
    }
    return 0;
  }

  /** The planner on an integer model: no quantization, layers binarized in the integer domain. */
  private Integer integer(PrintWriter out) throws Exception {
    for (String o : new String[] {"--weight-bits", "--membrane-bits"}) {
      if (spec.commandLine().getParseResult().hasMatchedOption(o)) {
        throw new UserException(o + " applies to float models; " + model + " is an integer model (its widths are kept)");
      }
    }
    NetworkSpec net = NetworkJson.read(model);
    Set<String> candidates = new LinkedHashSet<>();
    if (layers == null) {
      net.layers().stream().filter(l -> l.kind() == LayerKind.DENSE).map(l -> l.name()).forEach(candidates::add);
    } else {
      candidates.addAll(layers);
    }
    Dataset val = data.load();
    BinarizationPlanner.Constraint c = budget != null ? BinarizationPlanner.Constraint.budget(budget)
        : BinarizationPlanner.Constraint.tolerance(tolerance);
    out.printf("estimating the cost of binarizing %s of integer model %s on %d samples of %s%n",
        String.join(", ", candidates), net.name(), val.size(), data.displayName());
    BinarizationPlan plan;
    try {
      plan = BinarizationPlanner.plan(net, candidates, val, data.encoder(), c,
          threads == null ? Runtime.getRuntime().availableProcessors() : threads);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage());
    }
    out.print(plan.toTable());
    NetworkSpec q = Binarize.intNetwork(net, Set.copyOf(plan.binarized()));
    NetworkJson.write(q, output);
    out.printf("wrote %s (hash %s)%n", output, NetworkJson.contentHash(q).substring(0, 16));
    if (!plan.binarized().isEmpty()) {
      out.printf("fine-tune it (straight-through estimator; the estimate above is where it starts):%n"
          + "  spikeforge train --rule desire --precision int --init %s --binarize %s --dataset DATASET --epochs 5 -o DIR%n",
          model, String.join(",", plan.binarized()));
    }
    return 0;
  }
}
