package dev.spikeforge.cli;

import static dev.spikeforge.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code spikeforge verify} end to end in both simulators (needs Verilator and Icarus). */
@Tag("sim")
class VerifySimCliTest {
  @Test
  void compileThenVerifyInBothSimulators(@TempDir Path dir) throws Exception {
    Path m = CompileVerifyCliTest.model(dir, "--max-delay", "2", "--first-to-fire", "1");
    Path b = dir.resolve("build");
    assertEquals(0, run("compile", m.toString(), "-o", b.toString(), "--lanes", "all").code());
    CliTest.Run r = run("verify", b.toString(), "--sim", "both", "--images", "6", "--stall-seed", "3");
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("verilator 6/6 samples identical"), r.out());
    assertTrue(r.out().contains("icarus    6/6 samples identical"), r.out());
    String report = Files.readString(b.resolve("reports/verify.json"));
    assertTrue(report.contains("\"passed\" : true"), report);
  }
}
