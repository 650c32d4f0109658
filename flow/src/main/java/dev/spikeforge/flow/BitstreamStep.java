package dev.spikeforge.flow;

import dev.spikeforge.boards.flow.FlowOptions;
import dev.spikeforge.boards.flow.FlowResult;
import dev.spikeforge.compiler.build.BuildDirectory;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Step 5: the build directory to a bitstream for the board through {@link Bitstreams#build}; the
 * outcome in {@code reports/step-bitstream.json}.
 */
final class BitstreamStep {
  static final String OUTCOME = "reports/step-bitstream.json";

  private BitstreamStep() {}

  static BitstreamOutcome run(BuildContext c, CompileOutcome compiled) {
    return c.timed(Step.BITSTREAM, () -> {
      try {
        return bitstream(c, compiled);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private static BuildContext.Timed<BitstreamOutcome> bitstream(BuildContext c, CompileOutcome compiled)
      throws IOException {
    PrintWriter out = c.events.log();
    String hash = new StepLedger.Hash(Step.BITSTREAM.id()).text(c.config.hardware().board())
        .config(c.config.bitstream()).files(c.buildDir(), CompileStep.OUTPUTS).hex();
    Path outcome = c.out.resolve(OUTCOME);
    if (c.ledger.unchanged(Step.BITSTREAM.id(), hash) && Files.isRegularFile(outcome)) {
      out.printf(Locale.ROOT, "== %d/%d bitstream: inputs unchanged, reusing %s%n", c.number(Step.BITSTREAM),
          c.stepCount(), outcome);
      return new BuildContext.Timed<>(Json.readFile(outcome, BitstreamOutcome.class), true);
    }
    out.printf(Locale.ROOT, "== %d/%d bitstream for %s (%s)%n", c.number(Step.BITSTREAM), c.stepCount(),
        c.board.name(), c.board.part().name());
    ConfigException.require(compiled.fits(), "hardware", compiled.fitMessage());
    if (c.clock.usesPll()) {
      out.println("   " + c.clock.describe());
    }
    FlowResult f = Bitstreams.build(BuildDirectory.load(c.buildDir()), c.board,
        FlowOptions.defaults().withCoreClock(c.clock), c.events);
    Path bin = f.requireBitstream();
    out.println("   bitstream " + bin);
    BitstreamOutcome r = new BitstreamOutcome(f.board(), c.board.part().name(), bin.toString(),
        f.utilization().resources(), f.timing().worstFmaxMhz(), f.timingMet(), f.power().totalMw(),
        f.power().clockMhz(), f.power().confidence(), c.clock.coreMhz(), c.clock.usesPll());
    Json.writeFile(outcome, r);
    c.ledger.recordInputs(Step.BITSTREAM.id(), hash);
    return new BuildContext.Timed<>(r, false);
  }
}
