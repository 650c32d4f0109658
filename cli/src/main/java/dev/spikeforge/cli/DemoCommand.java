package dev.spikeforge.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spikeforge.boards.Board;
import dev.spikeforge.boards.Boards;
import dev.spikeforge.boards.flow.CoreClock;
import dev.spikeforge.boards.flow.FitCheck;
import dev.spikeforge.boards.flow.FlowOptions;
import dev.spikeforge.boards.flow.FlowResult;
import dev.spikeforge.boards.flow.ResourceUse;
import dev.spikeforge.compiler.build.BuildDirectory;
import dev.spikeforge.compiler.build.CompileConfig;
import dev.spikeforge.compiler.build.Compiler;
import dev.spikeforge.compiler.build.StimulusFile;
import dev.spikeforge.compiler.map.HwMapper;
import dev.spikeforge.compiler.map.MappingOptions;
import dev.spikeforge.compiler.map.MemoryTarget;
import dev.spikeforge.compiler.quantize.Calibration;
import dev.spikeforge.compiler.quantize.MembraneCalibration;
import dev.spikeforge.compiler.quantize.MembraneWidth;
import dev.spikeforge.compiler.quantize.QuantizationConfig;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.FashionMnist;
import dev.spikeforge.golden.data.RateEncoder;
import dev.spikeforge.golden.data.Split;
import dev.spikeforge.golden.eval.EvalReport;
import dev.spikeforge.golden.eval.Evaluator;
import dev.spikeforge.golden.files.AtomicFiles;
import dev.spikeforge.golden.io.FloatNetworkJson;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.learning.DesireParams;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.network.RandomNetworks;
import dev.spikeforge.golden.spec.ReadoutSpec;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.SpecException;
import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.golden.spec.hw.HwMemory;
import dev.spikeforge.golden.train.DesireConfig;
import dev.spikeforge.golden.train.TrainOptions;
import dev.spikeforge.golden.train.TrainResult;
import dev.spikeforge.golden.train.Trainer;
import dev.spikeforge.golden.train.TrainingEngine;
import dev.spikeforge.testbenches.CoreVerifier;
import dev.spikeforge.testbenches.VerilatorSimulator;
import dev.spikeforge.toolchain.ToolMissingException;
import dev.spikeforge.toolchain.Tools;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
        "and a summary table beside Spiker+. The default network (784-128-10, 4-bit weights, 4 lanes) fits the",
        "iCE40UP5K with its first layer's weights in SPRAM (loaded through the core's load port); a network whose",
        "weights cannot fit the board's block RAM and SPRAM is refused before training.",
        "Artefacts go to --out: train/ (float-model.json), build/ (the build directory), results.json.",
        "",
        "Example: spikeforge demo",
        "         spikeforge demo --epochs 15 --lanes 16 --no-bitstream"})
final class DemoCommand implements Callable<Integer> {
  static final String DEFAULT_ARCH = "784-128-10";

  /** Accuracy loss accepted by the membrane-width calibration, as a fraction (0.2 points). */
  static final double MEMBRANE_TOLERANCE = 0.002;

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

  /** Spiker+ (published: MNIST, Xilinx): shared/reference anchors. */
  private static final int SPIKER_LOGIC_CELLS = 7_612;
  private static final double SPIKER_LATENCY_US = 780;
  private static final double SPIKER_POWER_MW = 180;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    validate();
    int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    Board bd = Boards.byNameOrFile(board);
    CoreClock clock = BitstreamCommand.coreClock(bd, freqMhz); // a frequency the PLL cannot make: refused now
    if (!noBitstream && model == null) {
      // The core's memories depend on the shape, widths and lanes only: check the fit before training.
      int[] sizes = sizes();
      NetworkSpec shape = RandomNetworks.generate(new RandomNetworks.Options(sizes, timesteps, weightWidth, 16, 0, false,
          false, false, false, ReadoutSpec.spikeCount(), 0.01), 1);
      String fix = "\nRun the demo with a smaller --arch (the default " + DEFAULT_ARCH
          + " fits), or skip the bitstream step with --no-bitstream.";
      HwCore core;
      try {
        core = HwMapper.map(shape, MappingOptions.lanes(lanes), target());
      } catch (SpecException e) { // the weight memories fit neither the block RAM nor the SPRAM
        throw new UserException(e.getMessage() + fix);
      }
      FitCheck.Result fit = FitCheck.check(core, bd, "a " + arch + " network with " + weightWidth + "-bit weights at "
          + lanes + " lanes");
      if (!fit.fits()) {
        throw new UserException(fit.message() + fix);
      }
    }
    // Tools next, so a missing one is reported before minutes of training.
    if (!noVerify) {
      requireTool(() -> Tools.system().requireVerilator(), "--no-verify");
    }
    if (!noBitstream) {
      requireTool(() -> Tools.system().requireIce40Flow(), "--no-bitstream");
    }
    int steps = 3 + (noVerify ? 0 : 1) + (noBitstream ? 0 : 1);
    long t0 = System.nanoTime();
    Dataset train = dataDir == null ? FashionMnist.load(Split.TRAIN) : FashionMnist.load(dataDir, Split.TRAIN);
    Dataset test = dataDir == null ? FashionMnist.load(Split.TEST) : FashionMnist.load(dataDir, Split.TEST);
    test = test.slice(0, limit == null ? test.size() : Math.min(limit, test.size()));

    // 1. train (or reuse)
    long ts = System.nanoTime();
    FloatNetwork fl = trainOrLoad(train, test, nThreads, steps, out);
    double trainSec = (System.nanoTime() - ts) / 1e9;

    // 2. quantize + accuracy
    ts = System.nanoTime();
    out.printf(Locale.ROOT, "== 2/%d quantize to %d-bit weights, scale and membrane width calibrated on 2,000 training"
        + " images; accuracy on %d test images%n", steps, weightWidth, test.size());
    out.flush();
    QuantizationConfig qc = QuantizationConfig.of(weightWidth).withMembraneWidth(MembraneWidth.fixed(16));
    Dataset calSet = train.slice(train.size() - Math.min(2000, train.size()), train.size());
    Calibration.Result cal;
    MembraneCalibration.Result mcal;
    try (Ticker t = new Ticker("calibration: scale rules, then membrane widths")) {
      cal = Calibration.calibrate(fl, qc, Calibration.DEFAULT_CANDIDATES, calSet, new RateEncoder(), nThreads);
      mcal = MembraneCalibration.calibrate(fl, cal.config(), 16, MEMBRANE_TOLERANCE, calSet, new RateEncoder(), nThreads);
    }
    NetworkSpec net = mcal.network();
    out.printf(Locale.ROOT, "   scale rule %s, %d-bit membranes (calibration accuracy %.2f %%; 16-bit %.2f %%)%n",
        cal.chosen(), mcal.chosen(), 100 * mcal.trials().stream().filter(t -> t.bits() == mcal.chosen()).findFirst()
            .orElseThrow().accuracy(), 100 * mcal.reference());
    EvalReport ref;
    try (Progress p = new Progress("float model", test.size(), "images")) {
      ref = Evaluator.evaluate(fl, test, new RateEncoder(), nThreads, p);
    }
    EvalReport gold;
    try (Progress p = new Progress("integer golden model", test.size(), "images")) {
      gold = Evaluator.evaluate(net, test, new RateEncoder(), nThreads, p);
    }
    out.printf(Locale.ROOT, "   float %.2f %%, integer %.2f %% (%+.2f points)%n", 100 * ref.accuracy(), 100 * gold.accuracy(),
        100 * (gold.accuracy() - ref.accuracy()));
    Files.createDirectories(outDir);
    NetworkJson.write(net, outDir.resolve("model.json"));
    double quantSec = (System.nanoTime() - ts) / 1e9;

    // 3. compile
    ts = System.nanoTime();
    Path build = outDir.resolve("build");
    out.printf(Locale.ROOT, "== 3/%d compile: %d lanes -> %s%n", steps, lanes, build);
    out.flush();
    HwCore mapped = HwMapper.map(net, MappingOptions.lanes(lanes), target());
    FitCheck.Result fit = FitCheck.check(mapped, bd, "network '" + net.name() + "'");
    try (Ticker t = new Ticker("compile: hardware spec, memory images, Chisel RTL")) {
      Compiler.compile(net, new CompileConfig(MappingOptions.lanes(lanes), compileBoard(), 4, 1), build);
    }
    BuildDirectory.Loaded b = BuildDirectory.load(build);
    out.printf(Locale.ROOT, "   weight memory: %,d bits in block RAM (at least %d of the %s's %d), %,d bits in SPRAM (%d of %d)%s%n",
        fit.resources().get(0).used(), fit.resources().get(1).used(), bd.part().name(), bd.part().blockRams(),
        fit.resources().get(2).used(), mapped.memories().stream().mapToInt(HwMemory::sprams).sum(), bd.part().sprams(),
        fit.fits() ? "" : ": does not fit (a smaller network or narrower weights)");
    double compileSec = (System.nanoTime() - ts) / 1e9;

    // 4. verify
    int step = 4;
    CoreVerifier.SimulatorResult v = null;
    double verifySec = 0;
    if (!noVerify) {
      ts = System.nanoTime();
      int n = Math.min(verifyImages, test.size());
      out.printf(Locale.ROOT, "== %d/%d verify: RTL (Verilator) vs golden model on %d test images%n", step++, steps, n);
      out.flush();
      List<StimulusFile.Sample> stim = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        stim.add(new StimulusFile.Sample(test.id(i), test.encode(i, new RateEncoder(), net.timesteps())));
      }
      CoreVerifier.Report r;
      try (Ticker t = new Ticker("verify: Verilator build, golden model, simulation, comparison")) {
        r = CoreVerifier.verify(b, stim, new CoreVerifier.Options(List.of(new VerilatorSimulator()), null, 0, true));
      }
      v = r.results().get(0);
      out.printf(Locale.ROOT, "   %d/%d images bit-exact (every step, layer, neuron, decision); %,d clocks per image%n",
          v.matching(), v.samples(), v.cycles() / Math.max(1, v.samples()));
      verifySec = (System.nanoTime() - ts) / 1e9;
      if (!r.passed()) {
        out.print(r.describeFailures());
        out.println("FAILED: the RTL differs from the golden model; see " + build.resolve("reports"));
        return 1;
      }
    }

    // 5. bitstream
    FlowResult flow = null;
    double bitSec = 0;
    if (!noBitstream) {
      ts = System.nanoTime();
      out.printf(Locale.ROOT, "== %d/%d bitstream for %s (%s)%n", step, steps, bd.name(), bd.part().name());
      if (!fit.fits()) {
        throw new UserException(fit.message() + "\nRun the demo with a smaller --arch (the default " + DEFAULT_ARCH
            + " fits), or skip the bitstream step with --no-bitstream.");
      }
      if (clock.usesPll()) {
        out.println("   " + clock.describe());
      }
      flow = BitstreamCommand.run(b, bd, FlowOptions.defaults().withCoreClock(clock), out);
      out.println("   bitstream " + flow.requireBitstream());
      bitSec = (System.nanoTime() - ts) / 1e9;
    }
    double totalSec = (System.nanoTime() - t0) / 1e9;
    summary(out, net, ref, gold, v, flow, bd, clock, new double[] {trainSec, quantSec, compileSec, verifySec, bitSec, totalSec});
    writeResults(net, cal, ref, gold, v, flow, clock, totalSec);
    return 0;
  }

  /** The compile flow's board name: --board if it is a built-in board, else generic (block RAM only). */
  private String compileBoard() {
    return CompileConfig.BOARDS.contains(board) ? board : "generic";
  }

  /** Where weight memories can go on --board (SPRAM on the UP5K boards). */
  private MemoryTarget target() {
    return MemoryTarget.forBoard(compileBoard());
  }

  private void validate() {
    if (epochs < 1) {
      throw new UserException("--epochs must be at least 1, got " + epochs);
    }
    if (trainSamples < 100) {
      throw new UserException("--train-samples must be at least 100, got " + trainSamples);
    }
    if (limit != null && limit < 1) {
      throw new UserException("--limit must be positive, got " + limit);
    }
    if (verifyImages < 1) {
      throw new UserException("--verify-images must be at least 1, got " + verifyImages + " (or pass --no-verify)");
    }
    if (lanes < 1) {
      throw new UserException("--lanes must be at least 1, got " + lanes);
    }
    if (threads != null && threads < 1) {
      throw new UserException("--threads must be at least 1, got " + threads);
    }
    if (model != null && !Files.isRegularFile(model)) {
      throw new UserException("--model " + model + " does not exist; train one with 'spikeforge train' (float-model.json)");
    }
  }

  private int[] sizes() {
    int[] sizes;
    try {
      sizes = DesireConfig.parseArch(arch);
    } catch (IllegalArgumentException e) {
      throw new UserException("--arch " + e.getMessage().replaceFirst("^arch: ", ""));
    }
    if (java.util.Arrays.stream(sizes).anyMatch(x -> x < 1) || sizes.length < 2) {
      throw new UserException("--arch sizes must be positive, at least input-output: " + arch);
    }
    if (sizes[0] != 784 || sizes[sizes.length - 1] < 10) {
      throw new UserException("--arch " + arch + " must start with 784 inputs and end with at least 10 outputs for"
          + " Fashion-MNIST");
    }
    return sizes;
  }

  private interface Check {
    void run();
  }

  private static void requireTool(Check c, String skipOption) {
    try {
      c.run();
    } catch (ToolMissingException e) {
      throw new UserException(e.getMessage() + "; or skip that step with " + skipOption);
    }
  }

  private FloatNetwork trainOrLoad(Dataset train, Dataset test, int nThreads, int steps, PrintWriter out)
      throws Exception {
    if (model != null) {
      out.printf(Locale.ROOT, "== 1/%d model: %s (training skipped)%n", steps, model);
      String text = Files.readString(model, StandardCharsets.UTF_8);
      if (!FloatNetworkJson.isFloatNetwork(text)) {
        throw new UserException("--model " + model + " is not a float model (spikeforge.float-network); pass the"
            + " float-model.json that 'spikeforge train --precision float' writes");
      }
      return FloatNetworkJson.read(model);
    }
    int[] sizes = sizes();
    Dataset tr = train.slice(0, Math.min(trainSamples, train.size()));
    Path dir = outDir.resolve("train");
    Path cached = dir.resolve("float-model.json");
    Path keyFile = dir.resolve("demo-key.txt");
    String key = String.format(Locale.ROOT, "spikeforge demo training: desire float, arch %s, %d epochs, %d samples,"
        + " seed %d, T %d, fashion-mnist%n", TrainCommand.arch(sizes), epochs, tr.size(), seed, timesteps);
    if (!retrain && Files.isRegularFile(cached) && Files.isRegularFile(keyFile) && Files.readString(keyFile).equals(key)) {
      out.printf(Locale.ROOT, "== 1/%d train: cached model of the same options, %s (--retrain to train again)%n", steps,
          cached);
      return FloatNetworkJson.read(cached);
    }
    out.printf(Locale.ROOT, "== 1/%d train: desire backpropagation, %s float, %d epoch%s on %,d Fashion-MNIST images, seed %d%n",
        steps, arch, epochs, epochs == 1 ? "" : "s", tr.size(), seed);
    out.flush();
    DesireParams p = DesireParams.fashionMnist().withTimesteps(timesteps);
    FloatNetwork fl;
    try (TrainingEngine engine = DesireConfig.floatForm(sizes, p, seed).engine(nThreads);
        TrainProgress progress = new TrainProgress(out, epochs, tr.size())) {
      TrainResult r = Trainer.run(engine, tr, test.slice(0, Math.min(1000, test.size())), new RateEncoder(),
          TrainOptions.of(epochs, seed).withEvalThreads(nThreads), progress);
      out.printf(Locale.ROOT, "   %,d samples in %.1f s (%.0f samples/s)%n", r.samplesTrained(), r.trainSeconds(),
          r.samplesPerSecond());
      fl = engine.floatNetwork();
    }
    Files.createDirectories(dir);
    FloatNetworkJson.write(fl, cached);
    AtomicFiles.writeString(keyFile, key);
    return fl;
  }

  private void summary(PrintWriter out, NetworkSpec net, EvalReport ref, EvalReport gold, CoreVerifier.SimulatorResult v,
      FlowResult flow, Board bd, CoreClock clock, double[] sec) {
    out.println();
    out.printf(Locale.ROOT, "== summary: %s, %d-bit weights, %d lanes, T = %d, %s (%s)%n", arch(net), weightWidth,
        lanes, net.timesteps(), bd.name(), bd.part().name());
    String fmt = "   %-28s %-40s %s%n";
    out.printf(Locale.ROOT, fmt, "", "spikeforge (Fashion-MNIST)", "Spiker+ (published, MNIST, Xilinx)");
    out.printf(Locale.ROOT, fmt, "accuracy float / integer", String.format(Locale.ROOT, "%.2f %% / %.2f %% (%d test images)",
        100 * ref.accuracy(), 100 * gold.accuracy(), gold.samples()), "93.85 %");
    String na = "skipped (--no-bitstream)";
    double clocks = v == null ? Double.NaN : (double) v.cycles() / Math.max(1, v.samples());
    if (flow != null) {
      ResourceUse lc = flow.utilization().get("logicCells");
      ResourceUse ebr = flow.utilization().get("blockRams");
      ResourceUse spram = flow.utilization().get("sprams");
      out.printf(Locale.ROOT, fmt, "logic cells", String.format(Locale.ROOT, "%,d / %,d (%.1f %%)", lc.used(),
          lc.available(), lc.percent()), String.format(Locale.ROOT, "%,d", SPIKER_LOGIC_CELLS));
      out.printf(Locale.ROOT, fmt, "block RAM / SPRAM", String.format(Locale.ROOT, "%d / %d EBR (4 kbit), %d / %d SPRAM",
          ebr.used(), ebr.available(), spram.used(), spram.available()), "18 BRAM (36 kbit)");
      out.printf(Locale.ROOT, fmt, "Fmax", String.format(Locale.ROOT, "%.2f MHz (core clock %s MHz%s: %s)",
          flow.timing().worstFmaxMhz(), mhz(clock.coreMhz()), clock.usesPll() ? ", iCE40 PLL" : ", the board's",
          flow.timingMet() ? "met" : "MISSED"), "");
    } else {
      out.printf(Locale.ROOT, fmt, "logic cells, block RAM, Fmax", na, "7,612 logic cells, 18 BRAM");
    }
    if (v != null) {
      String lat = String.format(Locale.ROOT, "%,.0f clocks = %.0f µs at %s MHz", clocks, clocks / clock.coreMhz(),
          mhz(clock.coreMhz()));
      if (flow != null) {
        lat += String.format(Locale.ROOT, ", %.0f µs at Fmax", clocks / flow.timing().worstFmaxMhz());
      }
      out.printf(Locale.ROOT, fmt, "latency per image", lat, String.format(Locale.ROOT, "%.0f µs", SPIKER_LATENCY_US));
    } else {
      out.printf(Locale.ROOT, fmt, "latency per image", "skipped (--no-verify: clocks come from the RTL run)",
          String.format(Locale.ROOT, "%.0f µs", SPIKER_LATENCY_US));
    }
    if (v != null && flow != null) {
      double mw = flow.power().totalMw();
      double uj = mw * 1e-3 * clocks / (flow.power().clockMhz() * 1e6) * 1e6;
      out.printf(Locale.ROOT, fmt, "energy per image (ESTIMATE)", String.format(Locale.ROOT,
          "%.1f µJ (%.2f mW estimated at %s MHz, %s confidence)", uj, mw, mhz(flow.power().clockMhz()),
          flow.power().confidence()), String.format(Locale.ROOT, "%.0f µJ (%.0f mW x %.0f µs)",
          SPIKER_POWER_MW * SPIKER_LATENCY_US / 1000, SPIKER_POWER_MW, SPIKER_LATENCY_US));
    } else {
      out.printf(Locale.ROOT, fmt, "energy per image (ESTIMATE)", "needs the verify and bitstream steps",
          String.format(Locale.ROOT, "%.0f µJ", SPIKER_POWER_MW * SPIKER_LATENCY_US / 1000));
    }
    out.printf(Locale.ROOT, fmt, "RTL == golden model", v == null ? "skipped (--no-verify)"
        : String.format(Locale.ROOT, "%d/%d images bit-exact (Verilator)", v.matching(), v.samples()),
        "not automated");
    out.printf(Locale.ROOT, "   time: train %.0f s, quantize+accuracy %.0f s, compile %.0f s, verify %.0f s, bitstream %.0f s;"
        + " total %.0f s%n", sec[0], sec[1], sec[2], sec[3], sec[4], sec[5]);
    out.printf(Locale.ROOT, "   artefacts: %s, %s, %s%n", outDir.resolve("model.json"), outDir.resolve("build"),
        outDir.resolve("results.json"));
  }

  /** 12, 24 or 28.125: a clock without trailing zeros. */
  private static String mhz(double v) {
    return java.math.BigDecimal.valueOf(v).setScale(4, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
  }

  private static String arch(NetworkSpec net) {
    StringBuilder sb = new StringBuilder().append(net.inputSize());
    for (LayerSpec l : net.layers()) {
      sb.append('-').append(l.size());
    }
    return sb.toString();
  }

  private void writeResults(NetworkSpec net, Calibration.Result cal, EvalReport ref, EvalReport gold,
      CoreVerifier.SimulatorResult v, FlowResult flow, CoreClock clock, double totalSec) throws Exception {
    List<String> names = net.layers().stream().map(LayerSpec::name).toList();
    ObjectNode doc = Report.object();
    doc.put("model", net.name());
    doc.put("architecture", arch(net));
    doc.put("modelHash", NetworkJson.contentHash(net));
    doc.put("weightWidth", weightWidth);
    doc.put("scaleRule", cal.chosen().toString());
    doc.put("membraneWidth", net.layers().get(0).neuron().membraneWidth());
    doc.put("lanes", lanes);
    doc.put("dataset", "fashion-mnist/test");
    doc.set("int", Report.json(gold, names));
    doc.set("float", Report.json(ref, names));
    if (v != null) {
      ObjectNode vn = doc.putObject("verify");
      vn.put("simulator", v.simulator());
      vn.put("samples", v.samples());
      vn.put("bitExact", v.matching());
      vn.put("clocks", v.cycles());
    }
    if (flow != null) {
      ObjectNode fn = doc.putObject("bitstream");
      fn.put("board", flow.board());
      for (ResourceUse u : flow.utilization().resources()) {
        fn.put(u.name(), u.used());
      }
      fn.put("fmaxMhz", flow.timing().worstFmaxMhz());
      fn.put("powerMw", flow.power().totalMw());
      fn.put("powerClockMhz", flow.power().clockMhz());
      fn.put("coreClockMhz", clock.coreMhz());
      fn.put("pll", clock.usesPll());
    }
    Report.write(outDir.resolve("results.json"), doc);
  }
}
