package dev.spikeforge.cli;

import static dev.spikeforge.cli.CliTest.assertOneCleanError;
import static dev.spikeforge.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** spikeforge train --rule na: its options in the help, resume equality through the command, refused inputs. */
@Tag("unit")
class TrainNaCliTest {
  static String[] na(Path out, String... extra) {
    String[] a = RuleCliFixture.train("na", out, "--batch", "8");
    String[] all = Arrays.copyOf(a, a.length + extra.length);
    System.arraycopy(extra, 0, all, a.length, extra.length);
    return all;
  }

  @Test
  void helpListsTheRuleAndItsOptions() {
    RuleCliFixture.assertHelpContains("na (neighbourhood aggregation (offline, float))", "na: kicks ±h … ±Kh",
        "na: samples per weight update");
  }

  /** Stopped after 130 = 16 batches of 8 and 2 samples of an open batch, on 2 threads; resumed on 1. */
  @Test
  void resumeGivesTheUninterruptedResult(@TempDir Path dir) throws Exception {
    RuleCliFixture.assertResumeEqualsUninterrupted("na", dir, new String[0], "model.json", "float-model.json",
        "metrics.json", "metrics.csv", "checkpoint.sfck");
  }

  @Test
  void refusedInputs(@TempDir Path dir) {
    Path out = dir.resolve("x");
    assertOneCleanError(run(na(out, "--delays", "axonal")), "--delays applies to --rule eprop only, not to --rule na");
    assertOneCleanError(run(na(out, "--precision", "int")), "--rule na trains in float only");
    assertOneCleanError(run(na(out, "--neighbours", "17")), "--neighbours must be in 1..16 for --rule na, got 17");
    assertFalse(Files.exists(out), "a refused run leaves no directory behind");
  }
}
