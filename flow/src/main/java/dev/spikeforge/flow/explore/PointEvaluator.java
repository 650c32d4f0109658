package dev.spikeforge.flow.explore;

import dev.spikeforge.boards.Board;
import dev.spikeforge.boards.Boards;
import dev.spikeforge.boards.flow.CoreClock;
import dev.spikeforge.boards.flow.FitCheck;
import dev.spikeforge.boards.flow.PowerEstimate;
import dev.spikeforge.boards.flow.PowerModel;
import dev.spikeforge.compiler.binarize.Binarize;
import dev.spikeforge.compiler.build.ModelInput;
import dev.spikeforge.compiler.cycles.CycleModel;
import dev.spikeforge.compiler.cycles.CycleSummary;
import dev.spikeforge.compiler.map.HwMapper;
import dev.spikeforge.compiler.map.MappingOptions;
import dev.spikeforge.compiler.map.MemoryTarget;
import dev.spikeforge.compiler.quantize.Calibration;
import dev.spikeforge.flow.CalibrationRule;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.LatencyEncoder;
import dev.spikeforge.golden.data.PoissonEncoder;
import dev.spikeforge.golden.data.RateEncoder;
import dev.spikeforge.golden.data.SpikeEncoder;
import dev.spikeforge.golden.eval.Evaluator;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.sim.IntSimulator;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.sim.Trace;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.ReadoutSpec;
import dev.spikeforge.golden.spec.SpecException;
import dev.spikeforge.golden.spec.hw.HwCore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Evaluates points on the estimator path: the float model made into the point's network (T, binarized
 * layers, readout), quantized as {@code spikeforge compile} does (scale calibrated, membrane width given
 * or calibrated, on training images), its accuracy on the test images, the core mapped for the lanes,
 * weight memory and board, its clocks per image from the cycle model on the golden model's traces, the
 * estimator's resources and Fmax, and the power model's energy. Points that share everything but the
 * mapping (lanes, weight memory, board) share one quantization, one accuracy run and one set of traces
 * ({@link Quantized}).
 */
final class PointEvaluator {
  private final Sweep sweep;
  private final FloatNetwork base;
  private final String modelHash;
  private final Dataset calibration;
  private final Dataset test;
  private final int cycleImages;
  private final int threads;
  private final CostEstimator estimator;
  private final Map<String, Quantized> cache = new LinkedHashMap<>();

  /** A point's network and what the golden model measured of it, shared by every mapping. */
  record Quantized(NetworkSpec network, String hash, int membraneBits, double accuracy, List<Trace> traces,
      List<SpikeRaster> inputs) {}

  PointEvaluator(Sweep sweep, FloatNetwork base, String modelHash, Dataset calibration, Dataset test, int cycleImages,
      int threads, CostEstimator estimator) {
    this.sweep = sweep;
    this.base = base;
    this.modelHash = modelHash;
    this.calibration = calibration;
    this.test = test;
    this.cycleImages = cycleImages;
    this.threads = threads;
    this.estimator = estimator;
  }

  int threads() {
    return threads;
  }

  String dataset() {
    return sweep.data().dataset();
  }

  /** The encoder named {@code name}. */
  static SpikeEncoder encoder(String name, long seed) {
    return switch (name) {
      case "rate" -> new RateEncoder();
      case "latency" -> new LatencyEncoder();
      case "poisson" -> new PoissonEncoder(seed);
      default -> throw new IllegalArgumentException("unknown encoder " + name);
    };
  }

  /** The quantization key of {@code s}: every setting but the mapping's. */
  static String quantKey(PointSettings s) {
    return s.weightBits() + "/" + s.membraneBits() + "/" + s.binarize() + "/" + s.earlyExit() + "/" + s.encoder() + "/"
        + s.timesteps();
  }

  /** The float network of {@code s}: the base at T, its layers binarized, its readout. */
  FloatNetwork floatNetwork(PointSettings s) {
    List<FloatLayer> layers = new ArrayList<>();
    for (FloatLayer l : base.layers()) {
      layers.add(s.binarize().contains(l.name()) ? Binarize.layer(l) : l);
    }
    ReadoutSpec readout = s.earlyExit() == 0 ? ReadoutSpec.spikeCount() : ReadoutSpec.firstToFire(s.earlyExit());
    return new FloatNetwork(base.name(), base.inputSize(), s.timesteps(), layers, readout);
  }

  Quantized quantized(PointSettings s) {
    String key = quantKey(s);
    Quantized q = cache.get(key);
    if (q != null) {
      return q;
    }
    if (cache.size() >= 4) { // points arrive grouped by key: keep a few, not every trace of the sweep
      cache.remove(cache.keySet().iterator().next());
    }
    SpikeEncoder enc = encoder(s.encoder(), sweep.seed());
    FloatNetwork fl = floatNetwork(s);
    ModelInput.Scaling scaling = ModelInput.Scaling.calibrated(Calibration.DEFAULT_CANDIDATES, calibration, enc, threads);
    Integer membrane = s.membraneBits();
    if (membrane == null) {
      membrane = CalibrationRule.REFERENCE_MEMBRANE_WIDTH;
      scaling = scaling.withMembraneCalibration(CalibrationRule.DEFAULT_MEMBRANE_TOLERANCE, calibration, enc, threads);
    }
    NetworkSpec net = ModelInput.quantize(fl, "spikeforge.float-network", modelHash, s.weightBits(), membrane, scaling)
        .network();
    double accuracy = Evaluator.evaluate(net, test, enc, threads, null).accuracy();
    int n = Math.min(cycleImages, test.size());
    String hash = NetworkJson.contentHash(net);
    List<SpikeRaster> inputs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      inputs.add(test.encode(i, enc, net.timesteps()));
    }
    Trace[] traces = new Trace[n];
    ForkJoinPool pool = new ForkJoinPool(threads);
    try {
      pool.submit(() -> IntStream.range(0, n).parallel().forEach(i ->
          traces[i] = new IntSimulator(net).runTraced(inputs.get(i), hash))).join();
    } finally {
      pool.shutdown();
    }
    int mem = net.layers().stream().mapToInt(l -> l.neuron().membraneWidth()).max().orElse(0);
    q = new Quantized(net, hash, mem, accuracy, List.of(traces), List.copyOf(inputs));
    cache.put(key, q);
    return q;
  }

  /** The core of {@code s} for its network; throws SpecException when it cannot be mapped. */
  static HwCore map(NetworkSpec net, PointSettings s) {
    MappingOptions opts = new MappingOptions(s.lanes(), MappingOptions.AUTO,
        MappingOptions.WeightMemory.parse(s.weightMemory()));
    return HwMapper.map(net, opts, MemoryTarget.forBoard(s.board()));
  }

  PointResult evaluate(String hash, PointSettings s) {
    Quantized q;
    try {
      q = quantized(s);
    } catch (RuntimeException e) {
      return PointResult.failed(hash, s, "quantization failed: " + message(e));
    }
    if (s.learns()) {
      return evaluateLearning(hash, s, q);
    }
    HwCore core;
    try {
      core = map(q.network(), s);
    } catch (SpecException e) {
      return PointResult.failed(hash, s, "does not map: " + e.getMessage());
    }
    Board board = Boards.bundled(s.board());
    CostEstimator.Estimate est = estimator.estimate(core, board.part().name());
    CycleSummary cyc = CycleModel.summarize(core, q.traces(), q.inputs());
    double mhz = CoreClock.ofBoard(board).coreMhz();
    Map<String, Measure> m = new LinkedHashMap<>();
    m.put(Metric.ACCURACY.key(), Measure.of(q.accuracy(), "golden-model"));
    m.put(Metric.LOGIC_CELLS.key(), Measure.of(est.logicCells(), "estimate"));
    m.put(Metric.LUT4.key(), Measure.of(est.lut4(), "estimate"));
    m.put(Metric.FLIP_FLOPS.key(), Measure.of(est.flipFlops(), "estimate"));
    m.put(Metric.BLOCK_RAMS.key(), Measure.of(est.blockRams(), "estimate"));
    m.put(Metric.SPRAMS.key(), Measure.of(est.sprams(), "spec"));
    m.put(Metric.FMAX_MHZ.key(), Measure.of(round(est.fmaxMhz(), 2), "estimate"));
    fillTiming(m, cyc, mhz, board, "derived-estimate", 0);
    Map<String, Boolean> fits = new LinkedHashMap<>();
    fits.put(s.board(), fits(q.network(), s, s.board(), m));
    for (Constraint c : sweep.constraints()) {
      if (c.board() != null && !fits.containsKey(c.board())) {
        fits.put(c.board(), fits(q.network(), s, c.board(), m));
      }
    }
    return new PointResult(hash, s, "ok", null, Map.of("name", q.network().name(), "hash", q.hash()),
        q.membraneBits(), m, fits, null);
  }

  /**
   * A learning core ({@link LearningCore}): its network must be one the learning unit can learn (else the
   * point fails, naming why), its accuracy and clocks per image are the inference core's (the learning unit
   * adds clocks only while it trains), its LUT4, flip-flops and block RAMs Yosys' count of the core, its
   * SPRAMs exact; logic cells, Fmax and energy are unknown (NaN) without place and route.
   */
  private PointResult evaluateLearning(String hash, PointSettings s, Quantized q) {
    dev.spikeforge.compiler.build.CompileConfig.Learning unit;
    HwCore core;
    try {
      unit = LearningCore.unit(q.network(), sweep.data().dataset());
      core = LearningCore.map(q.network(), s, unit);
    } catch (dev.spikeforge.flow.ConfigException e) {
      return PointResult.failed(hash, s, e.getMessage()); // "learning desire: NET cannot be compiled as a learning core: …"
    } catch (SpecException e) {
      return PointResult.failed(hash, s, "does not map as a learning core: " + e.getMessage());
    }
    Board board = Boards.bundled(s.board());
    dev.spikeforge.boards.flow.ResourceEstimate y = LearningCore.synthesize(q.network(), s, unit, board);
    CycleSummary cyc = CycleModel.summarize(core, q.traces(), q.inputs());
    double mhz = CoreClock.ofBoard(board).coreMhz();
    Map<String, Measure> m = new LinkedHashMap<>();
    m.put(Metric.ACCURACY.key(), Measure.of(q.accuracy(), "golden-model"));
    m.put(Metric.LOGIC_CELLS.key(), Measure.of(Double.NaN, "unknown"));
    m.put(Metric.LUT4.key(), Measure.of(y.get("luts").used(), "yosys-core"));
    m.put(Metric.FLIP_FLOPS.key(), Measure.of(y.get("flipFlops").used(), "yosys-core"));
    m.put(Metric.BLOCK_RAMS.key(), Measure.of(y.get("blockRams").used(), "yosys-core"));
    m.put(Metric.SPRAMS.key(), Measure.of(estimator.estimate(core, board.part().name()).sprams(), "spec"));
    m.put(Metric.FMAX_MHZ.key(), Measure.of(Double.NaN, "unknown"));
    double period = cyc.meanPeriod();
    m.put(Metric.CLOCKS_PER_IMAGE.key(), Measure.of(round(period, 2), "cycle-model"));
    m.put(Metric.LATENCY_US.key(), Measure.of(round(period / mhz, 3), "derived"));
    m.put(Metric.IMAGES_PER_SECOND.key(), Measure.of(round(mhz * 1e6 / period, 1), "derived"));
    m.put(Metric.ENERGY_UJ.key(), Measure.of(Double.NaN, "unknown"));
    // the core alone already needs these: more LUT4, block RAMs or SPRAMs than the part has cannot fit
    boolean fits = dev.spikeforge.boards.flow.FitCheck.check(core, board, "point").fits()
        && m.get(Metric.LUT4.key()).value() <= board.part().luts()
        && m.get(Metric.BLOCK_RAMS.key()).value() <= board.part().blockRams()
        && m.get(Metric.SPRAMS.key()).value() <= board.part().sprams();
    Map<String, Boolean> f = new LinkedHashMap<>();
    f.put(s.board(), fits);
    return new PointResult(hash, s, "ok", null, Map.of("name", q.network().name(), "hash", q.hash()), q.membraneBits(),
        m, f, null);
  }

  /**
   * Clocks, latency, throughput and energy from the cycle model, the clock and the resources in {@code m}
   * ({@code dsps}: SB_MAC16 cells, known from real runs only; the estimator's calibration cores use none).
   */
  static void fillTiming(Map<String, Measure> m, CycleSummary cyc, double mhz, Board board, String energySource,
      long dsps) {
    double period = cyc.meanPeriod();
    m.put(Metric.CLOCKS_PER_IMAGE.key(), Measure.of(round(period, 2), "cycle-model"));
    m.put(Metric.LATENCY_US.key(), Measure.of(round(period / mhz, 3), "derived"));
    m.put(Metric.IMAGES_PER_SECOND.key(), Measure.of(round(mhz * 1e6 / period, 1), "derived"));
    PowerEstimate p = PowerModel.estimate(board.part(), (long) m.get(Metric.LOGIC_CELLS.key()).value(),
        (long) m.get(Metric.BLOCK_RAMS.key()).value(), (long) m.get(Metric.SPRAMS.key()).value(), dsps, 1, mhz,
        PowerModel.DEFAULT_TOGGLE_RATE, PowerModel.DEFAULT_IO_TOGGLE_RATE, PowerModel.DEFAULT_IO_LOAD_PF);
    // mW x µs = nJ; / 1000 = µJ
    m.put(Metric.ENERGY_UJ.key(), Measure.of(round(p.totalMw() * (period / mhz) / 1000, 4), energySource));
  }

  /**
   * Whether the point's core fits {@code boardName}'s part: mapped for that board, the weight memories by
   * {@link FitCheck}, logic cells, block RAMs and SPRAMs (as in {@code m} on the point's own board, estimated
   * for the other board's mapping otherwise) against the part's.
   */
  private boolean fits(NetworkSpec net, PointSettings s, String boardName, Map<String, Measure> m) {
    Board b = Boards.bundled(boardName);
    boolean own = boardName.equals(s.board());
    HwCore core;
    try {
      core = own ? map(net, s) : map(net, s.onBoard(boardName));
    } catch (SpecException e) {
      return false;
    }
    double lc = m.get(Metric.LOGIC_CELLS.key()).value();
    double ebr = m.get(Metric.BLOCK_RAMS.key()).value();
    double spram = m.get(Metric.SPRAMS.key()).value();
    if (!own) { // mapped for another part, memories may go elsewhere: estimated for that mapping
      CostEstimator.Estimate e = estimator.estimate(core, b.part().name());
      lc = e.logicCells();
      ebr = e.blockRams();
      spram = e.sprams();
    }
    return FitCheck.check(core, b, "point").fits() && lc <= b.part().luts() && ebr <= b.part().blockRams()
        && spram <= b.part().sprams();
  }

  static double round(double x, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(x * f) / f;
  }

  static String message(Throwable e) {
    return Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName()).lines().findFirst().orElse("");
  }
}
