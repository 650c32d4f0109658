package dev.spikeforge.simkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process runner: logs, exit codes, timeouts, start failures. */
@Tag("unit")
class ProcessRunnerTest {
  @TempDir
  Path dir;

  @Test
  void aCommandThatOutlivesItsTimeoutIsKilledAndNamed() {
    long start = System.nanoTime();
    SimulationException e = assertThrows(SimulationException.class, () -> ProcessRunner.run(
        List.of("sh", "-c", "echo started; sleep 30"), dir, dir.resolve("sleep.log"), Duration.ofSeconds(1), "the nap"));
    assertTrue(System.nanoTime() - start < Duration.ofSeconds(20).toNanos(), "not killed at its timeout");
    assertTrue(e.getMessage().startsWith("the nap timed out after 1 s\n"), e.getMessage());
    assertTrue(e.getMessage().contains("    started\n"), e.getMessage());
  }

  @Test
  void runReturnsTheExitCodeAndRunCheckedFailsOnIt() {
    ProcessRunner.Outcome o = ProcessRunner.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), dir,
        dir.resolve("a.log"), Duration.ofSeconds(30), "a");
    assertEquals(3, o.exitCode());
    assertEquals("out\nerr\n", o.logText());
    SimulationException e = assertThrows(SimulationException.class, () -> ProcessRunner.runChecked(
        List.of("sh", "-c", "echo boom; exit 2"), dir, dir.resolve("b.log"), Duration.ofSeconds(30), "b"));
    assertTrue(e.getMessage().startsWith("b failed with exit code 2\n  command: sh -c echo boom; exit 2\n"),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("  log:\n    boom\n"), e.getMessage());
  }

  @Test
  void theTailOfALongLogIsItsLastFortyLines() throws IOException {
    SimulationException e = assertThrows(SimulationException.class, () -> ProcessRunner.runChecked(
        List.of("sh", "-c", "seq 1 100; exit 1"), dir, dir.resolve("seq.log"), Duration.ofSeconds(30), "seq"));
    assertTrue(e.getMessage().contains("  last 40 lines of the log:\n    61\n"), e.getMessage());
    assertTrue(e.getMessage().endsWith("    100\n"), e.getMessage());
    assertEquals(100, Files.readAllLines(dir.resolve("seq.log")).size());
  }

  @Test
  void aMissingProgramIsReportedNotThrownRaw() {
    SimulationException e = assertThrows(SimulationException.class, () -> ProcessRunner.run(
        List.of("no-such-program-spikeforge"), dir, dir.resolve("x.log"), Duration.ofSeconds(5), "x"));
    assertTrue(e.getMessage().startsWith("x could not be run: "), e.getMessage());
  }
}
