package dev.spikeforge.cli;

import static dev.spikeforge.cli.CliTest.assertOneCleanError;
import static dev.spikeforge.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** spikeforge train --rule stdp: its options in the help, resume equality through the command, refused inputs. */
@Tag("unit")
class TrainStdpCliTest {
  static String[] stdp(Path out, String... extra) {
    List<String> a = new ArrayList<>(List.of("train", "--rule", "stdp", "--dataset", "delay-pattern", "--arch",
        "16-12-4", "--epochs", "2", "--train-limit", "100", "--test-limit", "40", "--checkpoint-every", "30",
        "-o", out.toString()));
    a.addAll(List.of(extra));
    return a.toArray(new String[0]);
  }

  @Test
  void helpListsTheRuleAndItsOptions() {
    CliTest.Run r = run("train", "--help");
    assertEquals(0, r.code(), r.err());
    String help = r.out().replaceAll("\\s+", " ");
    assertTrue(help.contains("stdp (unsupervised STDP in a recurrent layer, linear readout)"), help);
    assertTrue(help.contains("stdp: draw every synapse's window shift (shared by its LTP and LTD)"), help);
    assertTrue(help.contains("stdp: trace (all-to-all, default) or pair (nearest-spike)"), help);
  }

  @Test
  void resumeGivesTheUninterruptedResult(@TempDir Path dir) throws Exception {
    for (String[] opts : new String[][] {{"--precision", "int", "--heterogeneous", "--max-delay", "3"},
        {"--precision", "float", "--stdp-form", "pair"}}) {
      Path a = dir.resolve("a" + opts[1]);
      Path b = dir.resolve("b" + opts[1]);
      CliTest.Run ra = run(stdp(a, opts));
      assertEquals(0, ra.code(), ra.err());
      assertTrue(ra.out().contains("training stdp"), ra.out());
      List<String> stop = new ArrayList<>(List.of(opts));
      stop.addAll(List.of("--stop-after", "130", "--threads", "2"));
      assertEquals(0, run(stdp(b, stop.toArray(new String[0]))).code());
      List<String> resume = new ArrayList<>(List.of(opts));
      resume.addAll(List.of("--resume", "--threads", "1"));
      CliTest.Run r = run(stdp(b, resume.toArray(new String[0])));
      assertEquals(0, r.code(), r.err());
      for (String f : new String[] {"model.json", "metrics.json", "metrics.csv", "checkpoint.sfck"}) {
        assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), opts[1] + " " + f);
      }
      assertTrue(Files.readString(a.resolve("config.json")).contains("\"rule\" : \"stdp\""));
    }
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
  }
}
