package dev.spikeforge.cli;

import static dev.spikeforge.cli.CliTest.assertOneCleanError;
import static dev.spikeforge.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spikeforge bitstream} refuses, before running any FPGA tool and without writing anything,
 * a core that cannot fit the board (pre-flight fit check from the hardware spec) and a missing,
 * corrupt, stale or mismatched build directory: one clear error, exit code 2. No yosys needed.
 */
@Tag("unit")
class BitstreamPreflightCliTest {

  @Test
  void coreTooLargeForTheBoardIsRefusedBeforeSynthesis(@TempDir Path dir) {
    Path m = dir.resolve("big.json");
    assertEquals(0, run("model", "random", "--sizes", "784,40,10", "--weight-width", "4", "--timesteps", "4", "-o",
        m.toString()).code());
    Path b = dir.resolve("build");
    CliTest.Run c = run("compile", m.toString(), "-o", b.toString(), "--lanes", "16");
    assertEquals(0, c.code(), c.err());
    CliTest.Run r = run("bitstream", b.toString(), "--board", "icebreaker");
    assertOneCleanError(r, "does not fit the icebreaker (iCE40UP5K-SG48), found from its hardware spec before synthesis");
    assertTrue(r.err().contains("weights need 152,128 bits of block RAM; iCE40UP5K has 122,880 (over by 29,248; 124 % of it)"),
        r.err());
    assertTrue(r.err().contains("layer 0 feedforward weights (mem/layer0_ff.hex): 2,352 words x 64 bits"), r.err());
    assertTrue(r.err().contains("Fix:"), r.err());
    assertFalse(Files.exists(b.resolve("bitstream")), "nothing written under bitstream/");
    assertFalse(Files.exists(b.resolve("reports/utilization.json")));
  }

  @Test
  void missingCorruptStaleAndMismatchedBuildsAreRefused(@TempDir Path dir) throws IOException {
    assertOneCleanError(run("bitstream", dir.resolve("nope").toString()), "does not exist");
    assertOneCleanError(run("bitstream", dir.toString()), "is not a spikeforge build directory: manifest.json is missing");

    Path b = CompileVerifyCliTest.compiled(dir);
    Path mf = b.resolve("manifest.json");
    String manifest = Files.readString(mf);
    Path img = b.resolve("mem/layer0_ff.hex");
    String image = Files.readString(img);

    Files.writeString(img, (image.charAt(0) == '0' ? "1" : "0") + image.substring(1));
    assertOneCleanError(run("bitstream", b.toString()), "is corrupt: mem/layer0_ff.hex changed after compile");
    Files.writeString(img, image);

    Files.writeString(mf, manifest.substring(0, manifest.length() / 2));
    assertOneCleanError(run("bitstream", b.toString()), "manifest.json is corrupt (not valid JSON");

    Files.writeString(mf, manifest.replace("\"hwGen\" : \"", "\"hwGen\" : \"old-"));
    assertOneCleanError(run("bitstream", b.toString()), "is stale: it was generated with hwGen \"old-");

    String edited = manifest.replaceFirst("\"lanes\" : 2,", "\"lanes\" : 3,");
    assertTrue(!edited.equals(manifest));
    Files.writeString(mf, edited);
    assertOneCleanError(run("bitstream", b.toString()),
        "manifest.json does not match its spec (network.json + config.json): hardware.layers[0].lanes is 3 in the manifest");
    assertFalse(Files.exists(b.resolve("bitstream")), "nothing written under bitstream/");
  }

  @Test
  void flowErrorsAfterSynthesisAreOneCleanMessage() {
    java.io.StringWriter err = new java.io.StringWriter();
    var tooLarge = new dev.spikeforge.boards.flow.DesignTooLargeException("SpikeforgeUartTop", "iCE40UP5K-SG48",
        java.util.List.of(new dev.spikeforge.boards.flow.ResourceUse("logicCells", 6742, 5280, "nextpnr packing")));
    assertEquals(2, Main.reportError(tooLarge, false, new java.io.PrintWriter(err, true)));
    assertTrue(err.toString().startsWith("error: design SpikeforgeUartTop does not fit iCE40UP5K-SG48:"), err.toString());
    assertTrue(err.toString().contains("logicCells: needs 6,742, iCE40UP5K-SG48 has 5,280 (over by 1,462"), err.toString());
    assertFalse(err.toString().contains("\tat "), err.toString());
    assertFalse(err.toString().contains("bug"), err.toString());

    java.io.StringWriter err2 = new java.io.StringWriter();
    var failed = new dev.spikeforge.boards.flow.FlowException("nextpnr-ice40 could not place and route X (exit code 255)");
    assertEquals(1, Main.reportError(failed, false, new java.io.PrintWriter(err2, true)));
    assertTrue(err2.toString().startsWith("error: nextpnr-ice40 could not place and route X"), err2.toString());
    assertFalse(err2.toString().contains("bug"), err2.toString());

    java.io.StringWriter err3 = new java.io.StringWriter();
    var missing = new dev.spikeforge.toolchain.ToolMissingException("nextpnr-ice40", "nextpnr-ice40 is not installed");
    assertEquals(2, Main.reportError(missing, false, new java.io.PrintWriter(err3, true)));
  }
}
