package dev.spikeforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spikeforge bitstream} of a learning build (issue 11, item 6): a small desire-learning core
 * (10-6-3, P = 2, per-layer shadow bits, K = 16 stochastic rounding, dropout) inside the link-version-3
 * UART top (TRAIN and READ frames) through yosys, nextpnr-ice40 and icepack on the iCEBreaker: a
 * {@code .bin} and the reports. The refusal of a learning core that does not fit (every resource over
 * budget, by how much) is {@code FitCheckTest.everyResourceOverBudgetAfterSynthesisIsNamed}; its real run,
 * 784-128-10, is recorded in docs/benchmarks.md.
 */
@Tag("fpga")
class LearningBitstreamCliTest {
  @Test
  void aLearningBuildBecomesABitstream(@TempDir Path dir) throws Exception {
    Path run = CompileLearningCliTest.trainedRun(dir);
    Path build = dir.resolve("learn");
    CliTest.Run c = CliTest.run("compile", run.toString(), "-o", build.toString(), "--lanes", "2", "--learning",
        "desire");
    assertEquals(0, c.code(), c.err());
    CliTest.Run b = CliTest.run("bitstream", build.toString(), "--board", "hx8k-breakout");
    assertEquals(0, b.code(), b.err() + b.out());
    assertTrue(b.out().contains("(learning core of network"), b.out());
    assertTrue(Files.size(build.resolve("bitstream/hx8k-breakout.bin")) > 1000, b.out());
    for (String r : new String[] {"utilization", "timing", "power"}) {
      assertTrue(Files.exists(build.resolve("reports/" + r + ".json")), r);
    }
    // the top drives the core's training and readback ports: the learning frames are in the netlist
    String top = Files.readString(build.resolve("bitstream/src-hx8k-breakout/SpikeforgeUartTop.sv"));
    assertTrue(top.contains("LearnFrameParser") && top.contains(".train_valid") && top.contains(".peek_valid")
        && top.contains(".trainHold"), top);
    // a learning build, and only a learning build, maps with yosys -abc9 (docs/hardware.md §7.3), and says so
    assertTrue(b.out().contains("yosys -abc9"), b.out());
    assertTrue(Files.readString(build.resolve("bitstream/hx8k-breakout/synth.ys")).contains("synth_ice40 -abc9"));
    assertTrue(Files.readString(build.resolve("reports/utilization.json")).contains("(synth_ice40 -abc9)"));
  }
}
