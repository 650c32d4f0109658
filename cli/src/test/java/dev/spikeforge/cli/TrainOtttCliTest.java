package dev.spikeforge.cli;

import static dev.spikeforge.cli.CliTest.assertOneCleanError;
import static dev.spikeforge.cli.CliTest.run;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** spikeforge train --rule ottt: its options in the help, resume equality through the command, refused inputs. */
@Tag("unit")
class TrainOtttCliTest {
  static String[] ottt(Path out, String... extra) {
    return RuleCliFixture.train("ottt", out, extra);
  }

  @Test
  void helpListsTheRuleAndItsOptions() {
    RuleCliFixture.assertHelpContains("ottt (online training through time)", "ottt: log2 of the learning rate",
        "ottt: every hidden layer recurrent", "ottt: int only, stochastic rounding");
  }

  @Test
  void resumeGivesTheUninterruptedResult(@TempDir Path dir) throws Exception {
    for (String[] opts : new String[][] {{"--precision", "int", "--recurrent", "--lr-log2", "-8"},
        {"--precision", "float", "--lr-log2", "-8"}}) {
      RuleCliFixture.assertResumeEqualsUninterrupted("ottt", dir, opts, "model.json", "metrics.json", "metrics.csv",
          "checkpoint.sfck");
    }
  }

  @Test
  void refusedInputs(@TempDir Path dir) {
    Path out = dir.resolve("x");
    assertOneCleanError(run(ottt(out, "--delays", "axonal")), "--delays applies to --rule eprop only, not to --rule ottt");
    assertOneCleanError(run(ottt(out, "--shadow-bits", "4")), "--shadow-bits applies to --precision int only");
    assertOneCleanError(run(ottt(out, "--lr-log2", "-8,-8,-8")), "--lr-log2 takes one exponent or one per layer (2), got 3");
  }
}
