package dev.spikeforge.cli;

import dev.spikeforge.flow.BinarizeReport;
import dev.spikeforge.flow.BinarizeRequest;
import dev.spikeforge.flow.ConfigException;
import dev.spikeforge.flow.Flow;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code spikeforge binarize}: the options as a {@link BinarizeRequest}, run by the flow, and its choice. */
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
  @Parameters(index = "0", paramLabel = "MODEL", description = "Float model (spikeforge.float-network JSON, a directory"
      + " of fc1.npy, … or layer1.npy, …, or a training output directory), or an "
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

  @Mixin
  QuantizeOptions quantization;

  @Option(names = {"-o", "--output"}, required = true, description = "Integer model to write.")
  Path output;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if ((budget == null) == (tolerance == null)) {
      throw new UserException("give exactly one of --budget FRACTION or --tolerance POINTS");
    }
    BinarizeReport r;
    try {
      r = Flow.binarize(request(), new CliEvents(out));
    } catch (ConfigException e) {
      throw ConfigErrors.of(e);
    }
    out.print(r.plan().toTable());
    if (r.check() != null) {
      out.printf("quantization check (binarized float model against the integer model written): %s%n",
          r.check().describe());
    }
    out.printf("wrote %s (hash %s)%n", r.output(), r.modelHash().substring(0, 16));
    if (r.plan().binarized().isEmpty()) {
      return 0;
    }
    if (r.integer()) {
      out.printf("fine-tune it (straight-through estimator; the estimate above is where it starts):%n"
          + "  spikeforge train --rule desire --precision int --init %s --binarize %s --dataset DATASET --epochs 5 -o DIR%n",
          model, String.join(",", r.plan().binarized()));
    } else {
      out.printf("fine-tune it (straight-through estimator; or --precision int --init the integer model.json):%n"
          + "  spikeforge train --rule desire --init %s --binarize %s --dataset DATASET --arch ... --epochs 5 -o DIR%n",
          model, String.join(",", r.plan().binarized()));
    }
    return 0;
  }

  /** The options as a request; the widths only when given (they are refused for an integer model). */
  private BinarizeRequest request() {
    var parsed = spec.commandLine().getParseResult();
    return new BinarizeRequest(model, data.knownDataset(), data.dataDir, data.split, data.offset, data.limit,
        data.encoder, data.seed, layers, budget, tolerance,
        parsed.hasMatchedOption("--weight-bits") ? weightBits : null,
        parsed.hasMatchedOption("--membrane-bits") ? membraneBits : null, threads, output, quantization.scale,
        quantization.calibrationImages, quantization.maxDrop);
  }
}
