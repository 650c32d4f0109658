package dev.spikeforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spikeforge.golden.json.JsonMappers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
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
    // a frequency the PLL cannot make is refused before anything is built
    CliTest.assertOneCleanError(CliTest.run("bitstream", build.toString(), "--board", "icebreaker", "--freq", "300"),
        "--freq 300 MHz cannot be made on icebreaker");
    CliTest.assertOneCleanError(CliTest.run("bitstream", build.toString(), "--board", "icebreaker", "--freq", "Infinity"),
        "--freq must be a positive, finite number of MHz, got Infinity");
    CliTest.assertOneCleanError(CliTest.run("bitstream", build.toString(), "--board", "icebreaker", "--target-mhz", "0"),
        "--target-mhz must be a number of MHz in (0, 1000]");
    assertTrue(Files.notExists(build.resolve("bitstream")), "nothing written for a refused --freq");
    // 24 MHz, twice the board clock, made by the PLL: the pipelined neuron pass and readout reach
    // about 35 MHz here (docs/benchmarks.md, "UP5K Fmax of the neuron-array core"); the single-clock
    // LIF update made 16 MHz. A missed target is a non-zero exit.
    CliTest.Run b = CliTest.run("bitstream", build.toString(), "--board", "icebreaker", "--freq", "24");
    assertEquals(0, b.code(), b.err() + b.out());
    String timing = Files.readString(build.resolve("reports/timing.json")).replace(" ", "");
    assertTrue(timing.contains("\"met\":true") && timing.contains("\"coreClockMhz\":24.0")
        && timing.contains("\"primitive\":\"SB_PLL40_PAD\""), timing);
    assertTrue(b.out().contains("core clock 24 MHz from the 12 MHz board clock by the PLL"), b.out());
    assertTrue(b.out().matches("(?s).*plls\\s+1 / 1.*"), b.out());
    assertTrue(Files.size(build.resolve("bitstream/icebreaker.bin")) > 1000, b.out());
    for (String r : new String[] {"utilization", "timing", "power"}) {
      assertTrue(Files.exists(build.resolve("reports/" + r + ".json")), r);
    }
    assertTrue(b.out().contains("Fmax"), b.out());
    CliTest.assertOneCleanError(CliTest.run("bitstream", build.toString(), "--board", "no-such-board"), "no-such-board");

    // the HTML report reads the bitstream's reports back: utilization, the PLL's core clock, the power estimate
    CliTest.Run rep = CliTest.run("report", build.toString());
    assertEquals(0, rep.code(), rep.err());
    String html = Files.readString(build.resolve("report.html"));
    JsonNode util = JsonMappers.pretty().readTree(build.resolve("reports/utilization.json").toFile());
    long cells = util.path("resources").path("logicCells").path("used").asLong();
    assertTrue(cells > 0 && html.contains(String.format(Locale.ROOT, "<td>logicCells</td><td class=\"num\">%,d</td>",
        cells)), html);
    assertTrue(html.contains("core clock 24 MHz from the iCE40 PLL; the bitstream is bitstream/icebreaker.bin"), html);
    assertTrue(html.contains("Power: an ESTIMATE, not a measurement"), html);
    assertTrue(html.contains("Absent: latency and energy"), "no verification record, no clocks per image");
    assertTrue(rep.out().contains("absent: RTL verification"), rep.out());
  }
}
