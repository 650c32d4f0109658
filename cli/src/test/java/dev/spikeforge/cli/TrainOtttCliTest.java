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

/** spikeforge train --rule ottt: its options in the help, resume equality through the command, refused inputs. */
@Tag("unit")
class TrainOtttCliTest {
  static String[] ottt(Path out, String... extra) {
    List<String> a = new ArrayList<>(List.of("train", "--rule", "ottt", "--dataset", "delay-pattern", "--arch",
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
    assertTrue(help.contains("ottt (online training through time)"), help);
    assertTrue(help.contains("ottt: log2 of the learning rate"), help);
    assertTrue(help.contains("ottt: every hidden layer recurrent"), help);
    assertTrue(help.contains("ottt: int only, stochastic rounding"), help);
  }

  @Test
  void resumeGivesTheUninterruptedResult(@TempDir Path dir) throws Exception {
    for (String[] opts : new String[][] {{"--precision", "int", "--recurrent", "--lr-log2", "-8"}, {"--precision", "float", "--lr-log2", "-8"}}) {
      Path a = dir.resolve("a" + opts[1]);
      Path b = dir.resolve("b" + opts[1]);
      CliTest.Run ra = run(ottt(a, opts));
      assertEquals(0, ra.code(), ra.err());
      assertTrue(ra.out().contains("training ottt"), ra.out());
      List<String> stop = new ArrayList<>(List.of(opts));
      stop.addAll(List.of("--stop-after", "130", "--threads", "2"));
      assertEquals(0, run(ottt(b, stop.toArray(new String[0]))).code());
      List<String> resume = new ArrayList<>(List.of(opts));
      resume.addAll(List.of("--resume", "--threads", "1"));
      CliTest.Run r = run(ottt(b, resume.toArray(new String[0])));
      assertEquals(0, r.code(), r.err());
      for (String f : new String[] {"model.json", "metrics.json", "metrics.csv", "checkpoint.sfck"}) {
        assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), opts[1] + " " + f);
      }
      assertTrue(Files.readString(a.resolve("config.json")).contains("\"rule\" : \"ottt\""));
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
