package dev.spikeforge.cli;

import static dev.spikeforge.cli.CliTest.assertOneCleanError;
import static dev.spikeforge.cli.CliTest.run;
import static dev.spikeforge.cli.TrainCommandTest.tiny;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code spikeforge train --rule desire --early-exit K} (docs/learning.md §12), on tiny delay-pattern runs. */
@Tag("unit")
class TrainEarlyExitCliTest {
  static final String[] FILES = {"model.json", "metrics.json", "metrics.csv", "curve.svg", "config.json", "checkpoint.sfck"};

  @Test
  void deterministicAndRecordedInTheRun(@TempDir Path dir) throws Exception {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    Path off = dir.resolve("off");
    Path zero = dir.resolve("zero");
    String[] ee = {"--precision", "int", "--early-exit", "3"};
    assertEquals(0, run(tiny(a, with(ee, "--threads", "1"))).code());
    CliTest.Run r = run(tiny(b, with(ee, "--threads", "2")));
    assertEquals(0, r.code(), r.err());
    for (String f : FILES) {
      assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
    }
    assertTrue(Files.readString(a.resolve("config.json")).contains("\"earlyExit\" : 3"));
    assertEquals(0, run(tiny(off, "--precision", "int")).code());
    assertFalse(Arrays.equals(Files.readAllBytes(a.resolve("model.json")), Files.readAllBytes(off.resolve("model.json"))),
        "early exit changes what is learned");
    // --early-exit 0 is off: the run and its fingerprint are those of a run without the option
    assertEquals(0, run(tiny(zero, "--precision", "int", "--early-exit", "0")).code());
    for (String f : FILES) {
      assertArrayEquals(Files.readAllBytes(off.resolve(f)), Files.readAllBytes(zero.resolve(f)), f);
    }
    assertFalse(Files.readString(off.resolve("config.json")).contains("earlyExit"));
  }

  @Test
  // (TrainCommandTest.tiny treats an extra value that equals a default value as an option: hence K = 3 and 5)
  void resumeGivesTheUninterruptedResult(@TempDir Path dir) throws Exception {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    assertEquals(0, run(tiny(a, "--early-exit", "3")).code());
    assertEquals(0, run(tiny(b, "--early-exit", "3", "--stop-after", "170")).code());
    CliTest.Run resumed = run(tiny(b, "--early-exit", "3", "--resume"));
    assertEquals(0, resumed.code(), resumed.err());
    for (String f : new String[] {"model.json", "float-model.json", "metrics.json", "metrics.csv", "checkpoint.sfck"}) {
      assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
    }
    assertOneCleanError(run(tiny(b, "--early-exit", "5", "--resume")),
        "earlyExit is 3 in the checkpoint but 5 in this run");
    assertOneCleanError(run(tiny(b, "--resume")), "earlyExit is 3 in the checkpoint but absent in this run");
  }

  @Test
  void badInput(@TempDir Path dir) {
    Path out = dir.resolve("run");
    assertOneCleanError(run(tiny(out, "--early-exit", "65")),
        "--early-exit must be a decision count in 1..64 (T, --timesteps), or 0 for off; got 65");
    assertOneCleanError(run(tiny(out, "--early-exit", "-1")), "--early-exit must be a decision count in 1..64");
    assertOneCleanError(run("train", "--rule", "eprop", "--dataset", "delay-pattern", "--arch", "16-24-4",
        "--early-exit", "2", "-o", out.toString()), "--early-exit applies to --rule desire only, not to --rule eprop");
  }

  private static String[] with(String[] a, String... more) {
    String[] r = Arrays.copyOf(a, a.length + more.length);
    System.arraycopy(more, 0, r, a.length, more.length);
    return r;
  }
}
