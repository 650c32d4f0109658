package dev.spikeforge.cli;

import dev.spikeforge.compiler.build.CompileConfig;
import dev.spikeforge.compiler.build.Compiler;
import dev.spikeforge.compiler.build.ModelInput;
import dev.spikeforge.compiler.map.MappingOptions;
import dev.spikeforge.compiler.quantize.Calibration;
import dev.spikeforge.compiler.quantize.ScaleStrategy;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.DatasetCatalog;
import dev.spikeforge.golden.data.RateEncoder;
import dev.spikeforge.golden.data.Split;
import dev.spikeforge.golden.eval.EvalReport;
import dev.spikeforge.golden.eval.Evaluator;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.golden.spec.hw.HwLayer;
import dev.spikeforge.golden.spec.hw.HwMemory;
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

  @Option(names = "--calibration-images", defaultValue = "2000", paramLabel = "N",
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
    MappingOptions mapping = new MappingOptions(parse(lanes, "all", MappingOptions.ALL_LANES, "--lanes"),
        parse(inputWordWidth, "auto", MappingOptions.AUTO, "--input-word-width"), weightMemoryOption());
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
    Integer membrane = membraneWidth == null || calibrateMembrane ? Integer.valueOf(16)
        : membraneWidth.equals("auto") ? null : membraneBits(membraneWidth);
    ModelInput.Scaling scaling = floatModel ? scaling(nThreads) : ModelInput.Scaling.fixed(ScaleStrategy.maxAbs());
    if (floatModel && calibrateMembrane) {
      scaling = scaling.withMembraneCalibration(membraneTolerance / 100, calibrationSet(), new RateEncoder(), nThreads);
    }
    ModelInput.Loaded in = ModelInput.load(model, weightWidth == null ? 8 : weightWidth, membrane, scaling);
    NetworkSpec net = in.network();
    CompileConfig config = new CompileConfig(mapping, board, smokeSamples, 1, in.source());
    if (in.report() != null) {
      out.printf(Locale.ROOT, "quantized the float model to %d-bit weights, membrane width %s:%n",
          in.source().weightWidth(), in.source().membraneWidth());
      if (in.calibration() != null) {
        out.print(in.calibration().describe());
      }
      if (in.membraneCalibration() != null) {
        out.print(in.membraneCalibration().describe());
      }
      out.printf(Locale.ROOT, "scale rule: %s%n", in.report().config().scaleStrategy());
      out.print(in.report().toTable());
      if (accuracyImages > 0) {
        Dataset test = dataset(Split.TEST);
        test = test.slice(0, Math.min(accuracyImages, test.size()));
        EvalReport fa = Evaluator.evaluate(in.floatNetwork(), test, new RateEncoder(), nThreads, null);
        EvalReport qa = Evaluator.evaluate(net, test, new RateEncoder(), nThreads, null);
        out.printf(Locale.ROOT, "accuracy on %d %s test images (rate coding, T = %d): float %.2f %%, quantized %.2f %%"
                + " (%+.2f points; %.2f %% same predictions)%n", test.size(), dataset, net.timesteps(),
            100 * fa.accuracy(), 100 * qa.accuracy(), 100 * (qa.accuracy() - fa.accuracy()), 100 * qa.agreement(fa));
      }
    }
    Path dir = output != null ? output : Path.of("build", net.name());
    Compiler.Build b = Compiler.compile(net, config, dir);
    HwCore core = b.core();
    out.printf(Locale.ROOT, "compiled %s (%s) into %s%n", net.name(), SimulateCommand.describe(net), dir);
    for (int l = 0; l < core.layers().size(); l++) {
      HwLayer h = core.layers().get(l);
      out.printf(Locale.ROOT, "  layer %d %-8s %s %d->%d, %d lanes x %d groups, %d-bit membrane, %d-bit current, %d delay slot%s%s%n",
          l, net.layers().get(l).name(), h.kind(), h.inputSize(), h.size(), h.lanes(), h.groups(), h.membraneWidth(),
          h.currentWidth(), h.ringSlots(), h.ringSlots() == 1 ? "" : "s",
          (h.recurrent() ? ", recurrent" : "") + (h.feedforwardMode().name().equals("CHUNK") ? ", popcount chunks" : ""));
    }
    long bits = 0;
    for (HwMemory mem : core.memories()) {
      bits += (long) mem.depth() * mem.width();
    }
    out.printf(Locale.ROOT, "  %d memory images, %d bits; readout %s; manifest %s%n", core.memories().size(), bits,
        core.readoutMode(), dir.resolve("manifest.json"));
    for (HwMemory mem : core.memories()) {
      if (mem.sprams() > 0) {
        out.printf(Locale.ROOT, "  %s in SPRAM: %d x SB_SPRAM256KA (no initial contents: loaded through the load port)%n",
            mem.file(), mem.sprams());
      }
    }
    return 0;
  }

  private ModelInput.Scaling scaling(int nThreads) {
    if (scale.equals("max-abs")) {
      return ModelInput.Scaling.fixed(ScaleStrategy.maxAbs());
    }
    if (scale.equals("power-of-two")) {
      return ModelInput.Scaling.fixed(ScaleStrategy.powerOfTwo());
    }
    if (scale.startsWith("percentile:")) {
      try {
        return ModelInput.Scaling.fixed(ScaleStrategy.percentile(Double.parseDouble(scale.substring(11))));
      } catch (NumberFormatException e) {
        throw new UserException("--scale percentile:P needs a number P in (0, 100], not '" + scale.substring(11) + "'");
      }
    }
    if (scale.equals("calibrate")) {
      return ModelInput.Scaling.calibrated(Calibration.DEFAULT_CANDIDATES, calibrationSet(), new RateEncoder(), nThreads);
    }
    throw new UserException("--scale must be max-abs, power-of-two, percentile:P or calibrate, not '" + scale + "'");
  }

  /** The last --calibration-images images of the training split: never the test set. */
  private Dataset calibrationSet() {
    if (calibrationSet == null) { // loaded once, shared by the scale and membrane-width calibrations
      Dataset train = dataset(Split.TRAIN);
      int n = Math.min(calibrationImages, train.size());
      calibrationSet = train.slice(train.size() - n, train.size());
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

  private static int membraneBits(String v) {
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new UserException("--membrane-width must be a number of bits, 'auto' or 'calibrate', not '" + v + "'");
    }
  }

  private static int parse(String v, String word, int wordValue, String option) {
    if (v.equals(word)) {
      return wordValue;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new UserException(option + " must be a number or '" + word + "', not '" + v + "'");
    }
  }
}
