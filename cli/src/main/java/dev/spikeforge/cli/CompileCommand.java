package dev.spikeforge.cli;

import dev.spikeforge.compiler.build.CompileConfig;
import dev.spikeforge.compiler.build.Compiler;
import dev.spikeforge.compiler.build.ModelInput;
import dev.spikeforge.compiler.map.MappingOptions;
import dev.spikeforge.compiler.quantize.ScaleStrategy;
import dev.spikeforge.flow.Accuracy;
import dev.spikeforge.flow.CalibrationRule;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.DatasetCatalog;
import dev.spikeforge.golden.data.RateEncoder;
import dev.spikeforge.golden.data.Split;
import dev.spikeforge.golden.spec.NetworkSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "compile", mixinStandardHelpOptions = true,
    description = {"Compile a network into a build directory: quantization (float models only), hardware spec",
        "(lanes, memory banking, delay rings, readout), memory images, the neuron-array core's RTL (Chisel),",
        "golden smoke vectors and manifest.json. Same inputs give a byte-identical directory.",
        "",
        "Example: spikeforge compile model.json -o build/model --lanes 4",
        "         spikeforge compile float-model.json --weight-width 4 --membrane-width 16 -o build/q4",
        "         spikeforge compile float-model.json --weight-width 4 --scale calibrate --accuracy-images 10000 -o build/q4"})
final class CompileCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "MODEL.json",
      description = "Integer network (spikeforge.network) or float model (spikeforge.float-network, quantized first).")
  Path model;

  @Option(names = "--weight-width", paramLabel = "W", description = "Float models: quantized weight width. Default: 8.")
  Integer weightWidth;

  @Option(names = "--membrane-width", paramLabel = "M|auto|calibrate",
      description = "Float models: quantized membrane width, 'auto' (wide enough that one step's largest input never"
          + " saturates), or 'calibrate' (the narrowest width whose accuracy on the --calibration-images TRAINING"
          + " images stays within --membrane-tolerance of 16 bits). Default: 16.")
  String membraneWidth;

  @Option(names = "--membrane-tolerance", defaultValue = "0.2", paramLabel = "POINTS",
      description = "--membrane-width calibrate: accuracy loss accepted against 16-bit membranes, in percentage points."
          + " Default: ${DEFAULT-VALUE}.")
  double membraneTolerance;

  @Option(names = "--scale", defaultValue = "max-abs", paramLabel = "S",
      description = "Float models: layer scale rule: max-abs (no weight clipped), power-of-two, percentile:P (clip the"
          + " |w| above the P-th percentile), or calibrate (try max-abs and percentiles 99.99..95, keep the best"
          + " integer accuracy on --calibration-images TRAINING images; the test set is never used). Default: ${DEFAULT-VALUE}.")
  String scale;

  @Option(names = "--calibration-images", defaultValue = "" + CalibrationRule.DEFAULT_IMAGES, paramLabel = "N",
      description = "--scale calibrate and --membrane-width calibrate: the last N images of the dataset's training split."
          + " Default: ${DEFAULT-VALUE}.")
  int calibrationImages;

  @Option(names = "--accuracy-images", defaultValue = "0", paramLabel = "N",
      description = "Float models: also run the float model and the quantized golden model on the first N test images"
          + " (0: no). Default: ${DEFAULT-VALUE}.")
  int accuracyImages;

  @Option(names = "--dataset", defaultValue = "fashion-mnist",
      description = "Dataset of --scale calibrate, --membrane-width calibrate and --accuracy-images (rate-coded, the"
          + " network's T). Default: ${DEFAULT-VALUE}.")
  String dataset;

  @Option(names = "--data-dir", description = "Directory of the dataset files (default: where the package installs them).")
  Path dataDir;

  @Option(names = "--threads", description = "Threads of calibration and accuracy runs (default: all cores).")
  Integer threads;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Build directory (default: build/<network name>).")
  Path output;

  @Option(names = "--lanes", defaultValue = "1", paramLabel = "P|all",
      description = "Neurons updated per clock in each layer (capped at the layer size), or 'all'. Default: ${DEFAULT-VALUE}.")
  String lanes;

  @Option(names = "--input-word-width", defaultValue = "auto", paramLabel = "W|auto",
      description = "Input spike bits per event-list entry (power of two up to 64). Default: ${DEFAULT-VALUE}.")
  String inputWordWidth;

  @Option(names = "--board", defaultValue = "generic",
      description = "Target board: generic, ice40-up5k, icebreaker or hx8k-breakout (recorded in config.json; its part's"
          + " block RAM and SPRAM decide where weight memories go). Default: ${DEFAULT-VALUE}.")
  String board;

  @Option(names = "--weight-memory", defaultValue = "auto", paramLabel = "auto|bram|spram",
      description = "Where weight memories go: auto (block RAM; SPRAM for those that do not fit the board's block RAM),"
          + " bram, or spram (every weight memory; loaded through the load port). Default: ${DEFAULT-VALUE}.")
  String weightMemory;

  @Option(names = "--smoke-samples", defaultValue = "4", description = "Samples of the golden smoke vectors. Default: ${DEFAULT-VALUE}.")
  int smokeSamples;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  private MappingOptions.WeightMemory weightMemoryOption() {
    try {
      return MappingOptions.WeightMemory.parse(weightMemory);
    } catch (IllegalArgumentException e) {
      throw new UserException("--weight-memory: '" + weightMemory + "' is not one of auto, bram, spram");
    }
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    MappingOptions mapping = new MappingOptions(CompileOptions.parse(lanes, "all", MappingOptions.ALL_LANES, "--lanes"),
        CompileOptions.parse(inputWordWidth, "auto", MappingOptions.AUTO, "--input-word-width"), weightMemoryOption());
    boolean floatModel = ModelInput.isFloatModel(model);
    var pr = spec.commandLine().getParseResult();
    boolean quantOptions = weightWidth != null || membraneWidth != null || pr.hasMatchedOption("--scale")
        || pr.hasMatchedOption("--membrane-tolerance")
        || pr.hasMatchedOption("--accuracy-images");
    if (!floatModel && quantOptions) {
      throw new UserException(model + " is an integer network; --weight-width, --membrane-width, --membrane-tolerance, --scale and"
          + " --accuracy-images apply only to float models (spikeforge.float-network), which compile quantizes");
    }
    if (calibrationImages < 1) {
      throw new UserException("--calibration-images must be at least 1, got " + calibrationImages);
    }
    if (accuracyImages < 0) {
      throw new UserException("--accuracy-images must be 0 or more, got " + accuracyImages);
    }
    int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    if (nThreads < 1) {
      throw new UserException("--threads must be at least 1, got " + nThreads);
    }
    boolean calibrateMembrane = "calibrate".equals(membraneWidth);
    if (pr.hasMatchedOption("--membrane-tolerance") && !calibrateMembrane) {
      throw new UserException("--membrane-tolerance applies only with --membrane-width calibrate");
    }
    if (!(membraneTolerance >= 0 && membraneTolerance < 100)) {
      throw new UserException("--membrane-tolerance must be a number of points in [0, 100), got " + membraneTolerance);
    }
    Integer membrane = membraneWidth == null || calibrateMembrane ? Integer.valueOf(CalibrationRule.REFERENCE_MEMBRANE_WIDTH)
        : membraneWidth.equals("auto") ? null : CompileOptions.membraneBits(membraneWidth);
    ModelInput.Scaling scaling = floatModel ? CompileOptions.scaling(scale, this::calibrationSet, nThreads)
        : ModelInput.Scaling.fixed(ScaleStrategy.maxAbs());
    if (floatModel && calibrateMembrane) {
      scaling = scaling.withMembraneCalibration(membraneTolerance / 100, calibrationSet(), new RateEncoder(), nThreads);
    }
    ModelInput.Loaded in = ModelInput.load(model, weightWidth == null ? 8 : weightWidth, membrane, scaling);
    NetworkSpec net = in.network();
    CompileConfig config = new CompileConfig(mapping, board, smokeSamples, 1, in.source());
    if (in.report() != null) {
      BuildPrinter.printQuantization(out, in);
      if (accuracyImages > 0) {
        Dataset test = dataset(Split.TEST);
        test = test.slice(0, Math.min(accuracyImages, test.size()));
        BuildPrinter.printAccuracy(out, Accuracy.of(in.floatNetwork(), net, test, nThreads), dataset, net.timesteps());
      }
    }
    Path dir = output != null ? output : Path.of("build", net.name());
    Compiler.Build b = Compiler.compile(net, config, dir);
    BuildPrinter.print(out, net, b.core(), dir);
    return 0;
  }

  /** The last --calibration-images images of the training split: never the test set. */
  private Dataset calibrationSet() {
    if (calibrationSet == null) { // loaded once, shared by the scale and membrane-width calibrations
      calibrationSet = CalibrationRule.calibrationSet(dataset(Split.TRAIN), calibrationImages);
    }
    return calibrationSet;
  }

  private Dataset calibrationSet;

  private Dataset dataset(Split split) {
    if (!DatasetCatalog.NAMES.contains(dataset)) {
      throw new UserException("unknown dataset '" + dataset + "'; choose one of " + String.join(", ", DatasetCatalog.NAMES));
    }
    return DatasetCatalog.load(dataset, split, dataDir);
  }
}
