package dev.spikeforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** model -> compile -> bitstream through the command line, on the real yosys/nextpnr/icepack flow. */
@Tag("fpga")
class BitstreamCliTest {
  @Test
  void compiledCoreBecomesAnIcebreakerBitstream(@TempDir Path dir) throws Exception {
    Path m = dir.resolve("tiny.json");
    assertEquals(0, CliTest.run("model", "random", "--sizes", "16,8,4", "--weight-width", "4", "--timesteps", "8",
        "-o", m.toString()).code());
    Path build = dir.resolve("build");
    CliTest.Run c = CliTest.run("compile", m.toString(), "-o", build.toString(), "--lanes", "1");
    assertEquals(0, c.code(), c.err());
    // 24 MHz, twice the board clock: the pipelined neuron pass and readout reach about 35 MHz here
    // (docs/benchmarks.md, "UP5K Fmax of the neuron-array core"); the single-clock LIF update made
    // 16 MHz. A missed target is a non-zero exit.
    CliTest.Run b = CliTest.run("bitstream", build.toString(), "--board", "icebreaker", "--freq", "24");
    assertEquals(0, b.code(), b.err() + b.out());
    assertTrue(Files.readString(build.resolve("reports/timing.json")).replace(" ", "").contains("\"met\":true"),
        b.out());
    assertTrue(Files.size(build.resolve("bitstream/icebreaker.bin")) > 1000, b.out());
    for (String r : new String[] {"utilization", "timing", "power"}) {
      assertTrue(Files.exists(build.resolve("reports/" + r + ".json")), r);
    }
    assertTrue(b.out().contains("Fmax"), b.out());
    CliTest.assertOneCleanError(CliTest.run("bitstream", build.toString(), "--board", "no-such-board"), "no-such-board");
  }
}
