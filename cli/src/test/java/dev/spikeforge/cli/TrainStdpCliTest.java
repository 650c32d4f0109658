package dev.spikeforge.cli;

import static dev.spikeforge.cli.CliTest.assertOneCleanError;
import static dev.spikeforge.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** spikeforge train --rule stdp: its options in the help, resume equality through the command, refused inputs. */
@Tag("unit")
class TrainStdpCliTest {
  static String[] stdp(Path out, String... extra) {
    return RuleCliFixture.train("stdp", out, extra);
  }

  @Test
  void helpListsTheRuleAndItsOptions() {
    RuleCliFixture.assertHelpContains("stdp (unsupervised STDP in a recurrent layer, linear readout)",
        "stdp: draw every synapse's window shift (shared by its LTP and LTD)",
        "stdp: trace (all-to-all, default) or pair (nearest-spike)",
        "stdp: lateral inhibition: the recurrent weights start at -W", "stdp: rate homeostasis",
        "stdp: H of --target-rate", "stdp: after every learning sample pull each neuron's feed-forward");
  }

  @Test
  void resumeGivesTheUninterruptedResult(@TempDir Path dir) throws Exception {
    for (String[] opts : new String[][] {{"--precision", "int", "--heterogeneous", "--max-delay", "3"},
        {"--precision", "float", "--stdp-form", "pair"},
        {"--precision", "int", "--inhibition", "4", "--target-rate", "2", "--homeostasis-log2", "-3",
            "--synaptic-scaling"}}) {
      RuleCliFixture.assertResumeEqualsUninterrupted("stdp", dir, opts, "model.json", "metrics.json", "metrics.csv",
          "checkpoint.sfck");
    }
  }

  /**
   * {@code --leak-shifts}: the model carries one leak shift per hidden neuron ({@code info} shows their range); the
   * generated core has one per layer today, so {@code compile} refuses the model with one clear error and writes
   * nothing.
   */
  @Test
  void perNeuronLeakShiftsReachTheModelAndCompileRefusesThem(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("het");
    CliTest.Run t = run(stdp(out, "--precision", "int", "--leak-shifts", "1,3"));
    assertEquals(0, t.code(), t.err());
    String model = Files.readString(out.resolve("model.json"));
    assertTrue(model.contains("\"leakShifts\""), "model.json has no per-neuron leak shifts");
    CliTest.Run info = run("info", out.resolve("model.json").toString());
    assertEquals(0, info.code(), info.err());
    assertTrue(info.out().contains("2^-1..3"), info.out());
    Path build = dir.resolve("build");
    assertOneCleanError(run("compile", out.resolve("model.json").toString(), "-o", build.toString()),
        "the generated core supports one leak shift per layer");
    assertFalse(Files.exists(build), "a refused compile wrote " + build);
  }

  @Test
  void refusedInputs(@TempDir Path dir) {
    Path out = dir.resolve("x");
    String[] noHidden = stdp(out);
    noHidden[List.of(noHidden).indexOf("16-12-4")] = "16-4";
    assertOneCleanError(run(noHidden), "--rule stdp trains one recurrent hidden layer");
    assertOneCleanError(run(stdp(out, "--recurrent")), "--recurrent applies to --rule eprop, ottt only, not to --rule stdp");
    assertOneCleanError(run(stdp(out, "--shadow-bits", "4")), "--shadow-bits applies to --precision int only");
    assertOneCleanError(run(stdp(out, "--stdp-form", "triplet")), "--stdp-form must be trace or pair, not 'triplet'");
    assertOneCleanError(run(stdp(out, "--homeostasis-log2", "-3")),
        "--homeostasis-log2 sets the rate of --target-rate; give --target-rate R too");
    assertOneCleanError(run(stdp(out, "--inhibition", "200")), "--inhibition must be in 0..127 for --rule stdp, got 200");
  }
}
