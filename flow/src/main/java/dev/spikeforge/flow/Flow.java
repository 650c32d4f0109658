package dev.spikeforge.flow;

import dev.spikeforge.boards.flow.FitCheck;
import dev.spikeforge.compiler.map.HwMapper;
import dev.spikeforge.golden.network.RandomNetworks;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.ReadoutSpec;
import dev.spikeforge.golden.spec.SpecException;
import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.toolchain.ToolMissingException;
import dev.spikeforge.toolchain.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;

/**
 * The build flow: train → quantize → compile → verify → bitstream → report over one build
 * directory ({@link BuildConfig#outDir()}). A step whose inputs' content hash is unchanged since it
 * last succeeded is skipped and its outcome read back ({@code reports/step_inputs.json}); every step's
 * wall time goes to {@code reports/time_per_step.json}.
 *
 * <pre>{@code
 * BuildResult r = Flow.run(BuildConfig.tiny().withOutDir("build/tiny"));
 * double acc = r.quantize().intReport().accuracy();
 * }</pre>
 */
public final class Flow {
  private Flow() {}

  /** Runs every enabled step of {@code config}, quietly. */
  public static BuildResult run(BuildConfig config) {
    return run(config, FlowEvents.quiet());
  }

  /**
   * Runs every enabled step of {@code config}, reporting to {@code events}. Refuses, before any
   * training, a config whose network cannot fit the board (with the bitstream step) or whose steps'
   * tools are missing.
   *
   * @throws ConfigException naming the field at fault and the fix
   */
  public static BuildResult run(BuildConfig config, FlowEvents events) {
    BuildContext c = preflight(config, events);
    long t0 = System.nanoTime();
    // the report and results of an earlier run must not outlive a run that stops early (a failing step or verify)
    ReportStep.discardStale(c);
    c.train(); // both splits loaded before the first step: a missing dataset is reported first
    c.test();
    TrainOutcome t = TrainStep.run(c);
    QuantizeOutcome q = QuantizeStep.run(c, t);
    CompileOutcome co = CompileStep.run(c);
    VerifyOutcome v = config.verify().enabled() ? VerifyStep.run(c) : null;
    if (v != null && !v.passed()) {
      return new BuildResult(config, c.network, t, q, co, v, null, null, new EnumMap<>(c.seconds), seconds(t0));
    }
    BitstreamOutcome b = config.bitstream().enabled() ? BitstreamStep.run(c, co) : null;
    BuildReport report = ReportStep.run(c, q, v, b);
    return new BuildResult(config, c.network, t, q, co, v, b, report, new EnumMap<>(c.seconds), seconds(t0));
  }

  /** Step 1 alone: the float model in {@code train/float-model.json}. */
  public static TrainOutcome train(BuildConfig config, FlowEvents events) {
    return TrainStep.run(new BuildContext(config, events));
  }

  /**
   * A training run of any registered rule into {@link TrainRequest#output()}, as {@code spikeforge
   * train} does it: checkpoints and resume, config.json, timing.json, curve.svg, metrics.json/csv, the
   * rule's files and model.json (a float run's quantized by {@link CalibrationRule}). Logs its lines and
   * epochs to {@code events}.
   *
   * @throws ConfigException naming the request's field at fault (the dataset's shape against
   *     {@code arch}, a missing checkpoint to resume, …)
   * @throws dev.spikeforge.golden.train.rules.LearningRuleException naming the rule's option at fault
   * @throws dev.spikeforge.golden.train.CheckpointException if the checkpoint to resume is corrupt or another run's
   */
  public static TrainReport train(TrainRequest request, FlowEvents events) {
    try {
      return TrainRun.run(request, events);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A model compiled into a build directory, as {@code spikeforge compile} does it: a float model (JSON, an
   * npy directory or a training output directory) quantized first (scale rule, calibrated by default, and
   * membrane width as asked, calibrations on training images only by {@link CalibrationRule}) and checked
   * (float against integer accuracy on the calibration images: a warning to {@code events} above the
   * tolerance, a refusal above {@code maxDrop}), its accuracy measured when asked, then {@code Compiler.compile}.
   *
   * @throws ConfigException naming the request's field at fault (a quantization field for an integer
   *     network, an unknown dataset, …)
   */
  public static CompileReport compile(CompileRequest request, FlowEvents events) {
    return CompileRun.run(request, events);
  }

  /**
   * The accuracy of a model on a dataset slice, as {@code spikeforge evaluate} does it: the float model
   * (JSON or the authors' npy export), optionally quantized and exported, the integer network, its
   * early-exit sweep, and the results document. Progress goes to {@code events}' meters.
   *
   * @throws ConfigException naming the request's field at fault
   */
  public static EvaluateReport evaluate(EvaluateRequest request, FlowEvents events) {
    try {
      return EvaluateRun.run(request, events);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * An integer model run over a dataset slice, as {@code spikeforge simulate} does it: the bit-exact
   * golden model and/or its float twin, the first samples' per-step trace, and the results document.
   * Progress goes to {@code events}' meters.
   *
   * @throws ConfigException naming the request's field at fault
   */
  public static SimulateReport simulate(SimulateRequest request, FlowEvents events) {
    try {
      return SimulateRun.run(request, events);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A build directory's RTL against the golden model, as {@code spikeforge verify} does it: the build
   * checked against its spec, the stimulus (smoke vectors, seeded Poisson spikes or a dataset slice) run
   * through the golden model and the simulators asked for, every step, layer, neuron and decision
   * compared. Writes {@code reports/verify.json} (on a mismatch, the mismatch files and a VCD); logs the
   * stimulus to {@code events}.
   *
   * @throws ConfigException naming the request's field at fault
   */
  public static VerifyReport verify(VerifyRequest request, FlowEvents events) {
    return VerifyRun.run(request, events);
  }

  /**
   * On-chip learning of a learning build against the golden model, as {@code spikeforge verify DIR --learn}
   * does it: the build checked against its spec, its golden reference rebuilt from {@code config.json}, and
   * {@code samples} consecutive training samples of the build's dataset learned by the core in the simulators
   * asked for and by the golden model; after every sample every weight word (read back through the core's
   * {@code peek} port) and the output counts are compared. Writes {@code reports/verify-learn.json} (on a
   * mismatch, {@code reports/learn-mismatch-<sim>.txt} and a VCD); logs the stimulus to {@code events}.
   *
   * @throws ConfigException naming the request's field at fault ({@code learn} for an inference-only build,
   *     {@code samples} for more samples than the dataset has)
   */
  public static LearnVerifyReport verifyLearning(LearnVerifyRequest request, FlowEvents events) {
    return LearnVerifyRun.run(request, events);
  }

  /**
   * The demo's on-chip learning stage: a small network in the learning core's hardware configuration compiled
   * as a learning core into {@link LearningStageRequest#buildDir()}, learning its first training samples in
   * Verilator bit-exactly with the golden model ({@link #verifyLearning}), and its memory beside the
   * inference-only core of the same network.
   */
  public static LearningStageReport learningStage(LearningStageRequest request, FlowEvents events) {
    return LearningStage.run(request, events);
  }

  /**
   * The layers of a model to binarize, as {@code spikeforge binarize} does it: the accuracy-loss
   * estimator's per-layer figures on the validation slice, the greedy choice under the budget or
   * tolerance, and the integer model with those layers binarized written to the output. Logs what it
   * estimates to {@code events}.
   *
   * @throws ConfigException naming the request's field at fault
   */
  public static BinarizeReport binarize(BinarizeRequest request, FlowEvents events) {
    try {
      return BinarizeRun.run(request, events);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A one-layer spiking classifier fitted in closed form (ridge regression) on a training slice,
   * quantized and written, as {@code spikeforge model fit-linear} does it. Logs what it fits to
   * {@code events}.
   *
   * @throws ConfigException naming the request's field at fault
   */
  public static FitLinearReport fitLinear(FitLinearRequest request, FlowEvents events) {
    try {
      return FitLinearRun.run(request, events);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A build's self-contained HTML page, as {@code spikeforge report} does it: the network, training
   * curve, quantization, verification, utilization, timing and power, latency and energy, spike rates
   * and membrane histograms (measured with the golden model on the build's own images), Spiker+ beside
   * it, versions and hashes; every record the build lacks is named with the reason. Writes
   * {@link HtmlReportRequest#outputFile()} atomically.
   *
   * @throws dev.spikeforge.compiler.build.BuildException naming the directory or file when
   *     {@code build} is not a build (missing, a file, no manifest, a corrupt manifest or network)
   * @throws ConfigException on {@code output} when the page cannot be written there
   */
  public static HtmlReport report(HtmlReportRequest request, FlowEvents events) {
    return HtmlReportRun.run(request, null);
  }

  /** Step 2 alone, on the float model step 1 left in the build directory: {@code model.json}. */
  public static QuantizeOutcome quantize(BuildConfig config, FlowEvents events) {
    BuildContext c = new BuildContext(config, events);
    Path model = config.training().floatModel() != null ? Path.of(config.training().floatModel())
        : c.out.resolve(TrainStep.MODEL);
    return QuantizeStep.run(c, new TrainOutcome(model, TrainOutcome.Source.GIVEN, 0, 0));
  }

  /** Step 3 alone, on {@code model.json}: the build directory {@code build/}. */
  public static CompileOutcome compile(BuildConfig config, FlowEvents events) {
    return CompileStep.run(new BuildContext(config, events));
  }

  /** Step 4 alone, on {@code build/}. */
  public static VerifyOutcome verify(BuildConfig config, FlowEvents events) {
    return VerifyStep.run(new BuildContext(config, events));
  }

  /**
   * Step 5 on {@code build/}. It needs step 3's outcome (the fit figures of the build), so step 3 runs
   * first: it is skipped, and its outcome read back, when {@code model.json} and the hardware config
   * are unchanged, and it compiles {@code build/} when they are not.
   */
  public static BitstreamOutcome bitstream(BuildConfig config, FlowEvents events) {
    BuildContext c = new BuildContext(config, events);
    return BitstreamStep.run(c, CompileStep.run(c));
  }

  /**
   * The checks made before any step: the float model exists, the board and clock exist, the network
   * fits the board (when the bitstream step runs on a network still to be trained) and the tools of
   * the enabled steps are installed.
   */
  static BuildContext preflight(BuildConfig config, FlowEvents events) {
    String fm = config.training().floatModel();
    ConfigException.require(fm == null || Files.isRegularFile(Path.of(fm)), "training.floatModel",
        fm + " does not exist; train one with 'spikeforge train' (float-model.json)");
    BuildContext c = new BuildContext(config, events);
    if (config.bitstream().enabled() && fm == null) {
      requireFit(c);
    }
    if (config.verify().enabled()) {
      requireTool(() -> Tools.system().requireVerilator(), "verify.enabled");
    }
    if (config.bitstream().enabled()) {
      requireTool(() -> Tools.system().requireIce40Flow(), "bitstream.enabled");
    }
    return c;
  }

  /** The core's memories depend on the shape, widths and lanes only: checked on a random network of that shape. */
  private static void requireFit(BuildContext c) {
    BuildConfig k = c.config;
    NetworkSpec shape = RandomNetworks.generate(new RandomNetworks.Options(k.training().sizes(), k.training().timesteps(),
        k.quantize().weightWidth(), CalibrationRule.REFERENCE_MEMBRANE_WIDTH, 0, false, false, false, false,
        ReadoutSpec.spikeCount(), 0.01), 1);
    HwCore core;
    try {
      core = HwMapper.map(shape, k.hardware().mapping(), k.hardware().memoryTarget());
    } catch (SpecException e) { // the weight memories fit neither the block RAM nor the SPRAM
      throw new ConfigException("hardware", e.getMessage(), e);
    }
    FitCheck.Result fit = FitCheck.check(core, c.board, "a " + k.training().arch() + " network with "
        + k.quantize().weightWidth() + "-bit weights at " + k.hardware().lanes() + " lanes");
    ConfigException.require(fit.fits(), "hardware", fit.message());
  }

  private static void requireTool(Runnable check, String field) {
    try {
      check.run();
    } catch (ToolMissingException e) {
      throw new ConfigException(field, "needs a missing tool: " + e.getMessage(), e);
    }
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
