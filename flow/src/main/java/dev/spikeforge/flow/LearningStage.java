package dev.spikeforge.flow;

import dev.spikeforge.boards.Board;
import dev.spikeforge.boards.Boards;
import dev.spikeforge.boards.flow.FitCheck;
import dev.spikeforge.boards.flow.FlowOptions;
import dev.spikeforge.boards.flow.ResourceEstimate;
import dev.spikeforge.boards.flow.SynthEstimator;
import dev.spikeforge.compiler.build.CompileConfig;
import dev.spikeforge.compiler.build.Compiler;
import dev.spikeforge.compiler.map.HwMapper;
import dev.spikeforge.golden.learning.DesireIntParams;
import dev.spikeforge.golden.learning.DesireParams;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.SpecException;
import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.golden.spec.hw.HwDesireLearning;
import dev.spikeforge.golden.train.DesireConfig;
import dev.spikeforge.golden.train.TrainingEngine;
import dev.spikeforge.hwgen.HwGen;
import dev.spikeforge.compiler.image.MemoryImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Locale;

/**
 * The demo's on-chip learning stage ({@link Flow#learningStage}): the small learning network of {@link
 * LearningStageRequest} compiled as a learning core, its memory beside the inference-only core of the same
 * network (from the spec), and {@link LearnVerifyRun} on its first training samples in Verilator.
 */
final class LearningStage {
  /** The learning rate of the stage, 2^−15 (docs/benchmarks.md: the hardware configuration's runs). */
  static final double LEARNING_RATE = Math.scalb(1.0, -15);

  private LearningStage() {}

  /** The hardware configuration of desire learning for 784-{@code hidden}-10, seed 1. */
  static DesireConfig config(int hidden) {
    int[] sizes = {784, hidden, 10};
    DesireParams f = DesireParams.fashionMnist();
    DesireParams p = new DesireParams(f.timesteps(), f.leakShift(), f.errorMargin(), f.hiddenDesireThreshold(),
        f.outputDesireThreshold(), f.inputDropout(), f.hiddenDropout(), LEARNING_RATE, f.learningRateDecay(),
        f.layerDelay());
    int[] q = DesireIntParams.defaults(sizes, 8).thresholdShifts();
    return DesireConfig.intForm(sizes, p, new DesireIntParams(8, 0, 16, 6, q, 16, new int[] {0, 8}), 1);
  }

  static LearningStageReport run(LearningStageRequest q, FlowEvents events) {
    long t0 = System.nanoTime();
    DesireConfig c = config(q.hidden());
    String arch = "784-" + q.hidden() + "-10";
    NetworkSpec net;
    try (TrainingEngine e = c.engine(1)) {
      net = e.intNetwork();
    }
    CompileConfig.Learning learning = LearningSetup.of(c, net, "fashion-mnist");
    HardwareConfig h = new HardwareConfig(q.lanes(), q.board());
    Board board = Boards.byNameOrFile(q.board());
    HwCore inference;
    HwCore core;
    try {
      inference = HwMapper.map(net, h.mapping(), h.memoryTarget(), null);
      core = HwMapper.map(net, h.mapping(), h.memoryTarget(), learning.spec());
    } catch (SpecException e) {
      throw new ConfigException("learn.board", q.board() + ": the on-chip learning stage's " + arch + " learning core"
          + " at " + q.lanes() + " lanes does not fit it (" + e.getMessage() + "); skip the stage with --no-learn", e);
    }
    LearningStageReport.Memory infMem = memory(inference, board, 0);
    long extra = 0;
    for (HwDesireLearning.Storage s : ((HwDesireLearning) learning.spec()).storage(core)) {
      extra += s.what().endsWith("shadow bits") ? 0 : s.totalBits(); // shadow bits are in the weight words
    }
    LearningStageReport.Memory learnMem = memory(core, board, extra);
    events.log().printf(Locale.ROOT, "== on-chip learning: %s learning core (desire, B = 8, E = 0/8, K = 16, T = %d,"
        + " random start, seed 1), %d lanes -> %s%n", arch, c.params().timesteps(), q.lanes(), q.buildDir());
    events.log().flush();
    try (FlowEvents.Task t = events.ticker("compile: learning core, memory images, Chisel RTL")) {
      Compiler.compile(net, new CompileConfig(h.mapping(), h.compileBoard(), 4, 1).withLearning(learning),
          q.buildDir());
    }
    LearnVerifyReport v = LearnVerifyRun.run(new LearnVerifyRequest(q.buildDir(), q.samples(), "verilator", 0, 0,
        q.dataDir()), events);
    LearningStageReport.Logic infLogic = null;
    LearningStageReport.Logic learnLogic = null;
    if (q.synthesize()) {
      Path learn = q.outDir().resolve("learn");
      try (FlowEvents.Task t = events.ticker("yosys synth_ice40: the learning and the inference-only core")) {
        Path infSrc = learn.resolve("inference").resolve("src");
        HwGen.generateCore(inference, infSrc);
        images(net, inference, infSrc);
        infLogic = logic(SynthEstimator.run(infSrc, HwCore.TOP, board.part(), learn.resolve("inference"),
            FlowOptions.defaults()), board);
        Path learnSrc = learn.resolve("learning").resolve("src");
        Files.createDirectories(learnSrc);
        Files.copy(q.buildDir().resolve("rtl").resolve(HwCore.TOP + ".sv"), learnSrc.resolve(HwCore.TOP + ".sv"),
            StandardCopyOption.REPLACE_EXISTING);
        images(net, core, learnSrc);
        learnLogic = logic(SynthEstimator.run(learnSrc, HwCore.TOP, board.part(), learn.resolve("learning"),
            FlowOptions.defaults()), board);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot prepare the learning stage's synthesis sources in " + learn, e);
      }
    }
    return new LearningStageReport(arch, v, infMem, learnMem, infLogic, learnLogic, (System.nanoTime() - t0) / 1e9);
  }

  /** The memory images of {@code core} beside its Verilog in {@code dir}, so relative $readmemh paths resolve. */
  private static void images(NetworkSpec net, HwCore core, Path dir) throws IOException {
    for (Map.Entry<String, String> img : MemoryImages.build(net, core).entrySet()) {
      Path f = dir.resolve(img.getKey());
      Files.createDirectories(f.getParent());
      Files.writeString(f, img.getValue());
    }
  }

  private static LearningStageReport.Logic logic(ResourceEstimate e, Board board) {
    return new LearningStageReport.Logic(e.get("luts").used(), e.get("flipFlops").used(), e.get("blockRams").used(),
        board.part().luts());
  }

  /** Weight memory of {@code core} as the fit check places it, plus {@code extra} bits of the learning unit. */
  private static LearningStageReport.Memory memory(HwCore core, Board board, long extra) {
    FitCheck.Result fit = FitCheck.check(core, board, "the learning stage's core");
    return new LearningStageReport.Memory(fit.resources().get(0).used(), fit.resources().get(2).used(), extra);
  }
}
