package dev.spikeforge.cli;

import static dev.spikeforge.cli.CliTest.assertOneCleanError;
import static dev.spikeforge.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzing found that output paths that cannot be written (under a regular file, an existing
 * non-empty directory, /proc) gave exit 1 and a raw Java exception in 13 of 15 cases. Each is now
 * one message naming the path and what is wrong with it, exit code 2.
 */
@Tag("unit")
class OutputPathCliTest {
  private static CliTest.Run randomModel(Path out) {
    return run("model", "random", "--sizes", "16,4", "--timesteps", "8", "-o", out.toString());
  }

  @Test
  void anOutputUnderARegularFile(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("plain.txt"), "x");
    Path out = file.resolve("m.json");
    assertOneCleanError(randomModel(out), "error: cannot use " + dir.resolve("plain.txt"));
    assertEquals("x", Files.readString(file));
  }

  @Test
  void anOutputThatIsANonEmptyDirectory(@TempDir Path dir) throws Exception {
    Path out = Files.createDirectories(dir.resolve("taken"));
    Files.writeString(out.resolve("keep.txt"), "keep");
    assertOneCleanError(randomModel(out), "error: cannot use " + out + ": is a directory");
    assertEquals("keep", Files.readString(out.resolve("keep.txt")));
  }

  @Test
  void anOutputUnderProc() {
    assertOneCleanError(randomModel(Path.of("/proc/spikeforge-test/m.json")), "error: cannot use /proc/spikeforge-test");
  }

  @Test
  void simulateJsonUnderARegularFile(@TempDir Path dir) throws Exception {
    Path m = dir.resolve("m.json");
    assertEquals(0, randomModel(m).code());
    Path file = Files.writeString(dir.resolve("plain.txt"), "x");
    assertOneCleanError(run("simulate", m.toString(), "--dataset", "delay-pattern", "--limit", "2", "--json",
        file.resolve("r.json").toString()), "error: cannot use " + file);
  }

  @Test
  void compileAndTrainUnderARegularFile(@TempDir Path dir) throws Exception {
    Path m = dir.resolve("m.json");
    assertEquals(0, randomModel(m).code());
    Path file = Files.writeString(dir.resolve("plain.txt"), "x");
    assertOneCleanError(run("compile", m.toString(), "-o", file.resolve("build").toString()),
        "error: cannot use " + file);
    assertOneCleanError(run(TrainCommandTest.tiny(file.resolve("run"), "--epochs", "1")), "error: cannot use " + file);
    assertEquals("x", Files.readString(file));
  }

  /** Fuzzing found that info on a valid float model said "weightType: unknown field". */
  @Test
  void infoOnAFloatModelPointsToEvaluateAndCompile(@TempDir Path dir) throws Exception {
    Path m = dir.resolve("m.json");
    assertEquals(0, randomModel(m).code());
    Path f = dir.resolve("float-model.json");
    dev.spikeforge.golden.io.FloatNetworkJson.write(
        dev.spikeforge.golden.network.FloatNetwork.of(dev.spikeforge.golden.io.NetworkJson.read(m)), f);
    assertOneCleanError(run("info", f.toString()), f + " is a float model (spikeforge.float-network); info describes"
        + " integer networks: score it with 'spikeforge evaluate " + f + "'");
    assertEquals(0, run("info", m.toString()).code());
  }
}
