package dev.spikeforge.flow;

import dev.spikeforge.boards.flow.FitCheck;
import dev.spikeforge.compiler.build.CompileConfig;
import dev.spikeforge.compiler.build.Compiler;
import dev.spikeforge.compiler.map.HwMapper;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.numerics.NumericsContract;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.golden.spec.hw.HwMemory;
import dev.spikeforge.hwgen.HwGen;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Step 3: compiles {@code model.json} into the build directory {@code build/} (spec, memory images, RTL). */
final class CompileStep {
  /** What the compile step writes and the verify and bitstream steps read. */
  static final List<String> OUTPUTS = List.of("config.json", "manifest.json", "network.json", "mem", "rtl", "vectors");

  private CompileStep() {}

  static CompileOutcome run(BuildContext c) {
    return c.timed(Step.COMPILE, () -> compile(c));
  }

  private static BuildContext.Timed<CompileOutcome> compile(BuildContext c) {
    HardwareConfig h = c.config.hardware();
    PrintWriter out = c.events.log();
    Path build = c.buildDir();
    NetworkSpec net = c.network != null ? c.network : NetworkJson.read(c.out.resolve(QuantizeStep.MODEL));
    CompileConfig config = new CompileConfig(h.mapping(), h.compileBoard(), 4, 1);
    if (h.learning() != null) {
      // the flow's own training record (config.json beside the model) when it trained desire in integers
      config = config.withLearning(LearningSetup.of(h.learning(), net, c.out.resolve(QuantizeStep.MODEL),
          c.config.data().dataset(), h.mapping(), null, null));
    }
    // the generator's version is an input too: a newer hw-gen must not reuse the RTL an older one wrote;
    // so is the learning spec derived from the training record
    String hash = new StepLedger.Hash(Step.COMPILE.id()).text(HwGen.generatorVersion())
        .text(Integer.toString(NumericsContract.VERSION)).config(h).text(config.learningSpec() == null ? "" : config.learningSpec().toString())
        .files(c.out, List.of(QuantizeStep.MODEL)).hex();
    boolean skip = c.ledger.unchanged(Step.COMPILE.id(), hash) && Files.isRegularFile(build.resolve("manifest.json"));
    out.printf(Locale.ROOT, skip ? "== 3/%d compile: inputs unchanged, reusing %3$s%n" : "== 3/%d compile: %d lanes -> %s%n",
        c.stepCount(), h.lanes(), build);
    out.flush();
    HwCore mapped = HwMapper.map(net, h.mapping(), h.memoryTarget(), config.learningSpec());
    FitCheck.Result fit = FitCheck.check(mapped, c.board, "network '" + net.name() + "'");
    if (!skip) {
      try (FlowEvents.Task t = c.events.ticker("compile: hardware spec, memory images, Chisel RTL")) {
        Compiler.compile(net, config, build);
      }
    }
    int sprams = mapped.memories().stream().mapToInt(HwMemory::sprams).sum();
    CompileOutcome r = new CompileOutcome(build, fit.resources().get(0).used(), fit.resources().get(1).used(),
        fit.resources().get(2).used(), sprams, fit.fits(), fit.fits() ? "" : fit.message());
    out.printf(Locale.ROOT, "   weight memory: %,d bits in block RAM (at least %d of the %s's %d), %,d bits in SPRAM (%d of %d)%s%n",
        r.blockRamBits(), r.blockRams(), c.board.part().name(), c.board.part().blockRams(), r.spramBits(), sprams,
        c.board.part().sprams(), fit.fits() ? "" : ": does not fit (a smaller network or narrower weights)");
    if (!skip) {
      c.ledger.recordInputs(Step.COMPILE.id(), hash);
    }
    return new BuildContext.Timed<>(r, skip);
  }
}
