package dev.spikeforge.cli;

import static dev.spikeforge.cli.CliTest.assertOneCleanError;
import static dev.spikeforge.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spikeforge bitstream --input pixels} and {@code spikeforge board}: bad input is one clean error, exit code
 * 2, before any tool runs or anything is written. No simulator or FPGA tool needed.
 */
@Tag("unit")
class BoardCliTest {

  @Test
  void pixelInputOfARate32NetworkIsRefusedBeforeAnythingIsWritten(@TempDir Path dir) {
    Path m = dir.resolve("net.json");
    assertEquals(0, run("model", "random", "--sizes", "16,8,4", "--weight-width", "4", "--timesteps", "4", "-o",
        m.toString()).code());
    Path b = dir.resolve("build");
    CliTest.Run c = run("compile", m.toString(), "-o", b.toString(), "--encoder", "rate32");
    assertEquals(0, c.code(), c.err());
    CliTest.Run r = run("bitstream", b.toString(), "--input", "pixels");
    assertOneCleanError(r, "rate32 (float32 rate coding) has no hardware twin");
    assertTrue(r.err().contains("--input") || r.err().contains("spike frames"), r.err());
    assertFalse(Files.exists(b.resolve("bitstream")), "nothing written under bitstream/");
    assertOneCleanError(run("bitstream", b.toString(), "--input", "frames"), "--input must be spikes or pixels");
    assertOneCleanError(run("board", "simulate", b.toString(), "--input", "pixels"),
        "rate32 (float32 arithmetic), which has no on-chip twin; use --input spikes");
    assertOneCleanError(run("board", "simulate", b.toString(), "--input", "bits"), "--input must be pixels or spikes");
    assertOneCleanError(run("board", "simulate", b.toString(), "--input", "spikes", "--freq", "0"),
        "--freq must be in 1..500 MHz");
    Path work = dir.resolve("sim-work");
    assertOneCleanError(run("board", "simulate", b.toString(), "--input", "spikes", "--baud", "-5", "--work",
        work.toString()), "--baud must be 0 (the top's default) or a positive rate, got -5");
    assertOneCleanError(run("board", "simulate", b.toString(), "--input", "spikes", "--baud", "12000000", "--work",
        work.toString()), "--baud 12000000 at --freq 24.0");
    assertFalse(Files.exists(work), "a refused --baud writes no simulation files");
    assertOneCleanError(run("board", "run", b.toString(), "--port", dir.resolve("tty").toString(), "--baud", "0"),
        "--baud must be positive");
  }
}
