package dev.spikeforge.cli;

import dev.spikeforge.flow.BitstreamConfig;
import dev.spikeforge.flow.BuildConfig;
import dev.spikeforge.flow.BuildResult;
import dev.spikeforge.flow.ConfigException;
import dev.spikeforge.flow.DataConfig;
import dev.spikeforge.flow.Flow;
import dev.spikeforge.flow.HardwareConfig;
import dev.spikeforge.flow.LearningStageReport;
import dev.spikeforge.flow.LearningStageRequest;
import dev.spikeforge.flow.QuantizeConfig;
import dev.spikeforge.flow.TrainingConfig;
import dev.spikeforge.flow.VerifyConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"The whole path on Fashion-MNIST, end to end:",
        "  1 train   desire backpropagation, float form (or reuse the cached model of the same options, or --model)",
        "  2 quantize to --weight-width bits (scale and membrane width calibrated on 2,000 training images) and",
        "            measure float vs integer accuracy on the test set with the golden model",
        "  3 compile the hardware spec, memory images and RTL",
        "  4 verify  the RTL against the golden model in Verilator, bit for bit, on --verify-images test images",
        "  5 bitstream for --board (yosys, nextpnr-ice40, icepack): logic cells, block RAM, Fmax, power estimate",
        "  6 on-chip learning: a 784-32-10 network in the learning core's hardware configuration (integer desire,",
        "            8-bit weights, random start; the float-trained network above cannot learn on chip: its",
        "            thresholds are not powers of two) compiled with --learning desire learns --learn-samples",
        "            Fashion-MNIST training images in Verilator, every weight compared with the golden model after",
        "            every sample (out/learn/build); skipped with --no-learn or --no-verify",
        "and a summary table beside Spiker+. The default network (784-128-10, 4-bit weights, 4 lanes) fits the",
        "iCE40UP5K with its first layer's weights in SPRAM (loaded through the core's load port); a network whose",
        "weights cannot fit the board's block RAM and SPRAM is refused before training.",
        "Artefacts go to --out: train/ (float-model.json, metrics.json), build/ (the build directory), results.json,",
        "report.html (the HTML report, as 'spikeforge report' writes it).",
        "Spiker+ published MNIST figures only: beside a Fashion-MNIST build its",
        "accuracy is not like with like, and the summary says so.",
        "",
        "Example: spikeforge demo",
        "         spikeforge demo --epochs 15 --lanes 16 --no-bitstream"})
final class DemoCommand implements Callable<Integer> {
  static final String DEFAULT_ARCH = "784-128-10";

  @Option(names = "--arch", defaultValue = DEFAULT_ARCH, description = "Sizes input-hidden…-output. Default: ${DEFAULT-VALUE}.")
  String arch;

  @Option(names = "--epochs", defaultValue = "3", description = "Training epochs. Default: ${DEFAULT-VALUE}.")
  int epochs;

  @Option(names = "--train-samples", defaultValue = "60000", description = "Training images used. Default: ${DEFAULT-VALUE}.")
  int trainSamples;

  @Option(names = "--seed", defaultValue = "1", description = "Training seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--model", paramLabel = "FLOAT-MODEL.json",
      description = "Skip training: use this float model (spikeforge train's float-model.json).")
  Path model;

  @Option(names = "--retrain", description = "Train even if a cached model of the same options exists.")
  boolean retrain;

  @Option(names = "--weight-width", defaultValue = "4", description = "Signed weight bits. Default: ${DEFAULT-VALUE}.")
  int weightWidth;

  @Option(names = "--limit", description = "Test images of the accuracy step (default: all 10,000).")
  Integer limit;

  @Option(names = "--timesteps", defaultValue = "20", description = "T (training only). Default: ${DEFAULT-VALUE}.")
  int timesteps;

  @Option(names = "--lanes", defaultValue = "4", description = "Neurons updated per clock in each layer. Default: ${DEFAULT-VALUE}.")
  int lanes;

  @Option(names = "--verify-images", defaultValue = "32", description = "Test images verified in Verilator. Default: ${DEFAULT-VALUE}.")
  int verifyImages;

  @Option(names = "--no-verify", description = "Skip the RTL verification.")
  boolean noVerify;

  @Option(names = "--no-bitstream", description = "Skip synthesis, place and route.")
  boolean noBitstream;

  @Option(names = "--learn-samples", paramLabel = "N", defaultValue = "" + LearningStageRequest.DEFAULT_SAMPLES,
      description = "Training images the learning core learns in Verilator (stage 6). Default: ${DEFAULT-VALUE}.")
  int learnSamples;

  @Option(names = "--no-learn", description = "Skip the on-chip learning stage.")
  boolean noLearn;

  @Option(names = "--board", defaultValue = "icebreaker", description = "Board of the bitstream step. Default: ${DEFAULT-VALUE}.")
  String board;

  @Option(names = "--freq", paramLabel = "MHZ",
      description = "Core clock of the bitstream in MHz, made by the iCE40 PLL (default: the board clock, no PLL).")
  Double freqMhz;

  @Option(names = "--data-dir", description = "Fashion-MNIST IDX directory (default: /usr/share/datasets/fashion-mnist).")
  Path dataDir;

  @Option(names = "--threads", description = "Worker threads (default: all cores).")
  Integer threads;

  @Option(names = "--out", defaultValue = "build/demo", description = "Output directory. Default: ${DEFAULT-VALUE}.")
  Path outDir;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  /** The config field each option sets, for errors. */
  private static final Map<String, String> OPTIONS = Map.ofEntries(Map.entry("training.arch", "--arch"),
      Map.entry("training.epochs", "--epochs"), Map.entry("training.trainSamples", "--train-samples"),
      Map.entry("training.timesteps", "--timesteps"), Map.entry("training.floatModel", "--model"),
      Map.entry("quantize.weightWidth", "--weight-width"), Map.entry("data.testLimit", "--limit"),
      Map.entry("data.dataDir", "--data-dir"), Map.entry("hardware.lanes", "--lanes"),
      Map.entry("hardware.board", "--board"), Map.entry("verify.images", "--verify-images"),
      Map.entry("bitstream.freqMhz", "--freq"), Map.entry("threads", "--threads"), Map.entry("outDir", "--out"),
      Map.entry("learn.samples", "--learn-samples"), Map.entry("learn.board", "--board"));

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    BuildResult r;
    LearningStageRequest learn = learning();
    try {
      r = Flow.run(config(), new CliEvents(out));
    } catch (ConfigException e) {
      throw new UserException(message(e));
    }
    if (!r.passed()) {
      out.print(r.verify().failures());
      out.println("FAILED: the RTL differs from the golden model; see " + r.compile().buildDir().resolve("reports"));
      return 1;
    }
    LearningStageReport l = null;
    if (learn != null) {
      try {
        l = Flow.learningStage(learn, new CliEvents(out));
      } catch (ConfigException e) {
        throw new UserException(message(e));
      }
    }
    DemoSummary.print(out, r, outDir, l, noLearn ? "--no-learn" : "--no-verify");
    if (l != null && !l.passed()) {
      out.print(l.verify().report().describe());
      out.println("FAILED: the learning core differs from the golden model; see " + learn.buildDir().resolve("reports"));
      return 1;
    }
    return 0;
  }

  /** The options as a build config: {@link BuildConfig#demo()} with the options' values. */
  BuildConfig config() {
    try {
      if (threads != null && threads < 1) {
        throw new UserException("--threads must be at least 1, got " + threads);
      }
      BuildConfig d = BuildConfig.demo();
      VerifyConfig v = VerifyConfig.of(verifyImages);
      BitstreamConfig b = new BitstreamConfig(true, freqMhz);
      return d.withOutDir(outDir.toString())
          .withData(DataConfig.fashionMnist().withTestLimit(limit).withDataDir(dataDir == null ? null : dataDir.toString()))
          .withTraining(new TrainingConfig(arch, epochs, trainSamples, seed, timesteps,
              model == null ? null : model.toString(), retrain))
          .withQuantize(QuantizeConfig.of(weightWidth))
          .withHardware(new HardwareConfig(lanes, board))
          .withVerify(noVerify ? v.disabled() : v)
          .withBitstream(noBitstream ? b.disabled() : b)
          .withThreads(threads == null ? 0 : threads);
    } catch (ConfigException e) {
      throw new UserException(message(e));
    }
  }

  /** The on-chip learning stage, or null when skipped (--no-learn, or --no-verify: no RTL simulation). */
  LearningStageRequest learning() {
    if (noLearn || noVerify) {
      return null;
    }
    try {
      return new LearningStageRequest(outDir, LearningStageRequest.DEFAULT_HIDDEN, LearningStageRequest.DEFAULT_LANES,
          board, learnSamples, dataDir, !noBitstream);
    } catch (ConfigException e) {
      throw new UserException(message(e));
    }
  }

  /** A config error in the terms of this command's options. */
  private static String message(ConfigException e) {
    return switch (e.field()) {
      case "hardware" -> e.problem() + "\nRun the demo with a smaller --arch (the default " + DEFAULT_ARCH
          + " fits), or skip the bitstream step with --no-bitstream.";
      case "verify.enabled" -> e.getCause().getMessage() + "; or skip that step with --no-verify";
      case "verify.images" -> "--verify-images " + e.problem() + " (or pass --no-verify)";
      case "bitstream.enabled" -> e.getCause().getMessage() + "; or skip that step with --no-bitstream";
      default -> OPTIONS.getOrDefault(e.field(), e.field()) + " " + e.problem();
    };
  }
}
