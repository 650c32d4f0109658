package dev.spikeforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code spikeforge report}: a compile build's page, and one clean error (exit 2, nothing written) for bad input. */
@Tag("unit")
class ReportCliTest {

  @Test
  void writesTheReportOfACompileBuildAndNamesWhatItLacks(@TempDir Path dir) {
    Path model = dir.resolve("m.json");
    assertEquals(0, CliTest.run("model", "random", "--sizes", "784,8,10", "--weight-width", "4", "-o",
        model.toString()).code());
    Path build = dir.resolve("net");
    CliTest.Run c = CliTest.run("compile", model.toString(), "-o", build.toString());
    assertEquals(0, c.code(), c.err());
    CliTest.Run r = CliTest.run("report", build.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.isRegularFile(build.resolve("report.html")));
    assertTrue(r.out().contains("smoke vectors"), r.out());
    assertTrue(r.out().contains("absent: RTL verification"), r.out());
    assertTrue(r.out().contains("absent: utilization report"), r.out());
    assertTrue(r.out().contains("wrote " + build.resolve("report.html")), r.out());
    // an output that cannot be written: one message naming it, exit 2
    Path file = dir.resolve("plain.txt");
    assertEquals(0, CliTest.run("report", build.toString(), "-o", file.toString()).code());
    CliTest.assertOneCleanError(CliTest.run("report", build.toString(), "-o", file.resolve("r.html").toString()),
        "--output cannot be written: " + file.resolve("r.html"));
    CliTest.assertOneCleanError(CliTest.run("report", build.toString(), "-o", dir.toString()),
        "--output " + dir + " is a directory");
  }

  @Test
  void badInputIsOneCleanErrorAndNothingIsWritten(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("r.html");
    CliTest.assertOneCleanError(CliTest.run("report", dir.resolve("missing").toString(), "-o", out.toString()),
        "does not exist");
    CliTest.assertOneCleanError(CliTest.run("report", dir.toString(), "-o", out.toString()),
        "is not a spikeforge build");
    Path file = Files.writeString(dir.resolve("f.txt"), "x");
    CliTest.assertOneCleanError(CliTest.run("report", file.toString(), "-o", out.toString()), "is a file");
    assertFalse(Files.exists(out));
  }
}
