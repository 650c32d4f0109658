package dev.spikeforge.cli;

import dev.spikeforge.compiler.build.CompileConfig;
import dev.spikeforge.compiler.build.Compiler;
import dev.spikeforge.compiler.build.ModelInput;
import dev.spikeforge.compiler.map.MappingOptions;
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
        "         spikeforge compile float-model.json --weight-width 4 --membrane-width 16 -o build/q4"})
final class CompileCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "MODEL.json",
      description = "Integer network (spikeforge.network) or float model (spikeforge.float-network, quantized first).")
  Path model;

  @Option(names = "--weight-width", paramLabel = "W", description = "Float models: quantized weight width. Default: 8.")
  Integer weightWidth;

  @Option(names = "--membrane-width", paramLabel = "M|auto",
      description = "Float models: quantized membrane width or 'auto'. Default: 16.")
  String membraneWidth;

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
    if (!floatModel && (weightWidth != null || membraneWidth != null)) {
      throw new UserException(model + " is an integer network; --weight-width and --membrane-width apply only to float"
          + " models (spikeforge.float-network), which compile quantizes");
    }
    Integer membrane = membraneWidth == null ? Integer.valueOf(16)
        : membraneWidth.equals("auto") ? null : parse(membraneWidth, "auto", 0, "--membrane-width");
    ModelInput.Loaded in = ModelInput.load(model, weightWidth == null ? 8 : weightWidth, membrane);
    NetworkSpec net = in.network();
    CompileConfig config = new CompileConfig(mapping, board, smokeSamples, 1, in.source());
    if (in.report() != null) {
      out.printf(Locale.ROOT, "quantized the float model to %d-bit weights, %s-bit membranes:%n",
          in.source().weightWidth(), in.source().membraneWidth());
      out.print(in.report().toTable());
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
