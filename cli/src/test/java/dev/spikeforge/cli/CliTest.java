package dev.spikeforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.toolchain.Tools;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end: happy paths and every kind of bad input from the issue. */
@Tag("unit")
class CliTest {
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  static void assertOneCleanError(Run r, String mustContain) {
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains(mustContain), "stderr should mention '" + mustContain + "':\n" + r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace without --verbose:\n" + r.err());
  }

  @Test
  void helpListsTheCommands() {
    Run r = run("--help");
    assertEquals(0, r.code());
    for (String c : new String[] {"demo", "simulate", "dataset", "model", "info"}) {
      assertTrue(r.out().contains(c), c);
    }
  }

  @Test
  void infoListsEveryPinnedToolWithItsVersionOrItsInstallCommand() {
    Run r = run("info");
    assertEquals(0, r.code(), r.err());
    for (String tool : Tools.PINNED) {
      String status = Tools.system().isInstalled(tool) ? Tools.system().require(tool).version()
          : "MISSING (" + Tools.installCommand(tool) + ")";
      assertTrue(r.out().contains(String.format(Locale.ROOT, "  %-14s %s%n", tool, status)), r.out());
    }
  }

  @Test
  void randomModelThenSimulateOnAGeneratedTask(@TempDir Path dir) {
    Path m = dir.resolve("m.json");
    Run made = run("model", "random", "--sizes", "16,12,4", "--timesteps", "64", "--max-delay", "4", "-o", m.toString());
    assertEquals(0, made.code(), made.err());
    assertTrue(Files.exists(m));
    Path json = dir.resolve("r.json");
    Path trace = dir.resolve("t.sftrace");
    Run sim = run("simulate", m.toString(), "--dataset", "delay-pattern", "--limit", "20", "--sim", "both",
        "--json", json.toString(), "--trace", trace.toString(), "--trace-samples", "3");
    assertEquals(0, sim.code(), sim.err());
    assertTrue(sim.out().contains("int    accuracy"), sim.out());
    assertTrue(sim.out().contains("float  accuracy"), sim.out());
    assertTrue(Files.exists(json) && Files.exists(trace));
    Run info = run("info", m.toString());
    assertEquals(0, info.code(), info.err());
    assertTrue(info.out().contains(NetworkJson.contentHash(NetworkJson.read(m))), info.out());
  }

  @Test
  void sameInputsGiveTheSameBytes(@TempDir Path dir) throws Exception {
    Path m = dir.resolve("m.json");
    run("model", "random", "--sizes", "16,8,4", "--timesteps", "64", "-o", m.toString());
    Path a = dir.resolve("a.json");
    Path b = dir.resolve("b.json");
    assertEquals(0, run("simulate", m.toString(), "--dataset", "delay-pattern", "--limit", "30", "--threads", "1",
        "--json", a.toString()).code());
    assertEquals(0, run("simulate", m.toString(), "--dataset", "delay-pattern", "--limit", "30", "--threads", "2",
        "--json", b.toString()).code());
    assertEquals(Files.readString(a), Files.readString(b));
  }

  @Test
  void malformedModelJson(@TempDir Path dir) throws Exception {
    Path m = dir.resolve("bad.json");
    Files.writeString(m, "{\"format\": \"spikeforge.network\", ");
    assertOneCleanError(run("simulate", m.toString(), "--dataset", "delay-pattern"), "not valid JSON");
  }

  @Test
  void invalidModelFieldIsNamed(@TempDir Path dir) throws Exception {
    Path m = dir.resolve("m.json");
    run("model", "random", "--sizes", "4,3", "-o", m.toString());
    Files.writeString(m, Files.readString(m).replace("\"weightWidth\": 8", "\"weightWidth\": 40"));
    assertOneCleanError(run("info", m.toString()), "layers[0].weightWidth");
  }

  @Test
  void widthTooSmallForItsValues(@TempDir Path dir) throws Exception {
    Path m = dir.resolve("m.json");
    run("model", "random", "--sizes", "4,3", "-o", m.toString());
    // 8-bit weights no longer fit once the width says 2 bits
    Files.writeString(m, Files.readString(m).replace("\"weightWidth\": 8", "\"weightWidth\": 2"));
    Run r = run("info", m.toString());
    assertOneCleanError(r, "weightWidth = 2");
    assertTrue(r.err().contains("layers[0].weights["), r.err());
  }

  @Test
  void missingModelFile(@TempDir Path dir) {
    assertOneCleanError(run("info", dir.resolve("nope.json").toString()), "nope.json does not exist");
  }

  @Test
  void missingDatasetFile(@TempDir Path dir) {
    Path m = dir.resolve("m.json");
    run("model", "random", "--sizes", "784,10", "-o", m.toString());
    Run r = run("simulate", m.toString(), "--dataset", "fashion-mnist", "--data-dir", dir.resolve("empty").toString());
    assertOneCleanError(r, "empty");
  }

  @Test
  void unknownOption() {
    Run r = run("simulate", "model.json", "--frobnicate");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--frobnicate"), r.err());
    assertFalse(r.err().contains("\tat "));
  }

  @Test
  void unknownDatasetName(@TempDir Path dir) {
    Path m = dir.resolve("m.json");
    run("model", "random", "--sizes", "4,3", "-o", m.toString());
    Run r = run("simulate", m.toString(), "--dataset", "cifar");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("unknown dataset 'cifar'"), r.err());
  }

  @Test
  void shapeMismatchBetweenModelAndDataset(@TempDir Path dir) {
    Path m = dir.resolve("m.json");
    run("model", "random", "--sizes", "5,3", "-o", m.toString());
    assertOneCleanError(run("simulate", m.toString(), "--dataset", "delay-pattern"), "input channels");
  }

  @Test
  void verboseShowsTheStackTrace(@TempDir Path dir) {
    Run r = run("--verbose", "info", dir.resolve("nope.json").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("\tat "), r.err());
  }
}
