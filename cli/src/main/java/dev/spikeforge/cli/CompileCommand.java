package dev.spikeforge.cli;

import dev.spikeforge.compiler.map.MappingOptions;
import dev.spikeforge.flow.CompileReport;
import dev.spikeforge.flow.CompileRequest;
import dev.spikeforge.flow.ConfigException;
import dev.spikeforge.flow.Flow;
import dev.spikeforge.golden.spec.NetworkSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code spikeforge compile}: the options as a {@link CompileRequest}, run by the flow, and what it did. */
@Command(name = "compile", mixinStandardHelpOptions = true,
    description = {"Compile a network into a build directory: quantization (float models only), hardware spec",
        "(lanes, memory banking, delay rings, readout), memory images, the neuron-array core's RTL (Chisel),",
        "golden smoke vectors and manifest.json. Same inputs give a byte-identical directory.",
        "A float model is quantized with a scale rule calibrated on training images (--scale) and checked:",
        "float against integer accuracy on those images, a WARNING when the drop is large, exit 2 above --max-drop.",
        "",
        "Example: spikeforge compile model.json -o build/model --lanes 4",
        "         spikeforge compile model.json -o build/p16 --lanes 16,2 --board icebreaker",
        "         spikeforge compile float-model.json --weight-width 4 --membrane-width 16 -o build/q4",
        "         spikeforge compile authors/fmnist/ --weight-width 8 --accuracy-images 10000 -o build/fm8",
        "         spikeforge compile run/ --learning desire --shadow-bits 0,8 --stochastic-rounding 16 -o build/learn"})
final class CompileCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "MODEL",
      description = "Integer network (spikeforge.network), float model (spikeforge.float-network, quantized first), a"
          + " directory of fc1.npy, … or layer1.npy, … (quantized first), or a training output directory.")
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

  @Mixin
  QuantizeOptions quantization;

  @Option(names = "--accuracy-images", defaultValue = "0", paramLabel = "N",
      description = "Float models: also run the float model and the quantized golden model on the first N test images"
          + " (0: no). Default: ${DEFAULT-VALUE}.")
  int accuracyImages;

  @Option(names = "--encoder", paramLabel = "SPEC", description = "Input spike encoder the build records (rate, "
      + "rate:min=M, latency[:min=M], poisson[:seed=S], rate32); a float model is calibrated on it. Verify, simulate "
      + "and the board host then code images with it. Default: the one the model records (train --encoder; rate "
      + "when none).")
  String encoder;

  @Option(names = "--dataset", defaultValue = "fashion-mnist",
      description = "Dataset of the calibration images (scale, membrane width, quantization check) and --accuracy-images (rate-coded, the"
          + " network's T). Default: ${DEFAULT-VALUE}.")
  String dataset;

  @Option(names = "--data-dir", description = "Directory of the dataset files (default: where the package installs them).")
  Path dataDir;

  @Option(names = "--threads", description = "Threads of calibration and accuracy runs (default: all cores).")
  Integer threads;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Build directory (default: build/<network name>).")
  Path output;

  @Option(names = "--lanes", defaultValue = "1", paramLabel = "P|all|P1,P2,...",
      description = "Neurons updated per clock in each layer (capped at the layer size), 'all', or one count per layer"
          + " (e.g. 16,2: 16 lanes in layer 0, 2 in layer 1; each 1..the layer's size). Default: ${DEFAULT-VALUE}.")
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

  @Option(names = "--learning", paramLabel = "desire|eprop",
      description = "Compile a learning core with the desire learning unit (docs/hardware.md §7): the feedforward"
          + " memories hold shadow words, the unit's spec goes into config.json and manifest.json. Its parameters"
          + " are the training run's (the config.json of 'spikeforge train --rule desire --precision int' beside the"
          + " model), else the training defaults. 'eprop' compiles the network of a 'train --rule eprop --precision int"
          + " --hardware-form' run as a three-factor learning core (feedforward hidden layer, delays none, axonal or"
          + " synaptic, --lanes 1; docs/hardware.md §7.2) with the run's unit parameters. Default: an inference-only"
          + " core.")
  String learning;

  @Option(names = "--shadow-bits", split = ",", paramLabel = "E",
      description = "--learning: extra fraction bits of the shadow weights, one E for all layers or one per layer"
          + " (e.g. 0,8). Default: the training run's (12 without one).")
  List<Integer> shadowBits;

  @Option(names = "--stochastic-rounding", paramLabel = "K",
      description = "--learning: LFSR bits of the stochastic rounding of every update (1..32; 0 = floor). Default:"
          + " the training run's (0 without one).")
  Integer roundingBits;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    CompileReport r;
    try {
      r = Flow.compile(request(), new CliEvents(out));
    } catch (ConfigException e) {
      throw ConfigErrors.of(e);
    }
    NetworkSpec net = r.network();
    if (r.quantized()) {
      BuildPrinter.printQuantization(out, r.input());
      if (r.accuracy() != null) {
        BuildPrinter.printAccuracy(out, r.accuracy(), dataset, net);
      }
    }
    BuildPrinter.print(out, net, r.build().core(), r.output());
    return 0;
  }

  /** The options as a request; the quantization options that were not given as null. */
  private CompileRequest request() {
    var pr = spec.commandLine().getParseResult();
    List<Integer> layerLanes = CompileOptions.perLayer(lanes, "--lanes");
    CompileRequest q = new CompileRequest(model, weightWidth, membraneWidth,
        pr.hasMatchedOption("--membrane-tolerance") ? membraneTolerance : null,
        quantization.scale, quantization.calibrationImages,
        pr.hasMatchedOption("--accuracy-images") ? accuracyImages : null, dataset, dataDir, threads, output,
        layerLanes != null ? 1 : CompileOptions.parse(lanes, "all", MappingOptions.ALL_LANES, "--lanes"),
        CompileOptions.parse(inputWordWidth, "auto", MappingOptions.AUTO, "--input-word-width"), board, weightMemory,
        smokeSamples, quantization.maxDrop, learning, shadowBits, roundingBits, encoder);
    return layerLanes == null ? q : q.withLayerLanes(layerLanes);
  }
}
