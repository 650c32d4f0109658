package dev.spikeforge.cli;

import static dev.spikeforge.cli.CliTest.assertOneCleanError;
import static dev.spikeforge.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** spikeforge train --rule na: its options in the help, resume equality through the command, refused inputs. */
@Tag("unit")
class TrainNaCliTest {
  static String[] na(Path out, String... extra) {
    List<String> a = new ArrayList<>(List.of("train", "--rule", "na", "--dataset", "delay-pattern", "--arch",
        "16-12-4", "--epochs", "2", "--train-limit", "100", "--test-limit", "40", "--checkpoint-every", "30",
        "--batch", "8", "-o", out.toString()));
    a.addAll(List.of(extra));
    return a.toArray(new String[0]);
  }

  @Test
  void helpListsTheRuleAndItsOptions() {
    CliTest.Run r = run("train", "--help");
    assertEquals(0, r.code(), r.err());
    String help = r.out().replaceAll("\\s+", " ");
    assertTrue(help.contains("na (neighbourhood aggregation (offline, float))"), help);
    assertTrue(help.contains("na: kicks ±h … ±Kh"), help);
    assertTrue(help.contains("na: samples per weight update"), help);
  }

  @Test
  void resumeGivesTheUninterruptedResult(@TempDir Path dir) throws Exception {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    CliTest.Run ra = run(na(a));
    assertEquals(0, ra.code(), ra.err());
    assertTrue(ra.out().contains("training na"), ra.out());
    // 130 = 16 batches of 8 and 2 samples of an open batch, on 2 threads; resumed on 1
    assertEquals(0, run(na(b, "--stop-after", "130", "--threads", "2")).code());
    CliTest.Run r = run(na(b, "--resume", "--threads", "1"));
    assertEquals(0, r.code(), r.err());
    for (String f : new String[] {"model.json", "float-model.json", "metrics.json", "metrics.csv", "checkpoint.sfck"}) {
      assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
    }
    assertTrue(Files.readString(a.resolve("config.json")).contains("\"rule\" : \"na\""));
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
