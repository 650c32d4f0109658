package dev.spikeforge.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spikeforge explore}: a bad sweep file (unknown axis, empty axis, constraint on an unknown metric,
 * not JSON, missing) is one clean error naming the file and field, exit 2, and no output directory. The
 * sweep itself runs in the flow's TinySweepTest.
 */
@Tag("unit")
class ExploreCliTest {
  private static final String GOOD = "{\"format\": \"spikeforge.sweep\", \"version\": 1, \"name\": \"t\","
      + " \"model\": {\"fitLinear\": {\"trainSamples\": 1000}}, \"axes\": {\"lanes\": [1, 2]},"
      + " \"objectives\": {\"accuracy\": \"max\", \"logicCells\": \"min\"}, \"constraints\": [\"accuracy >= 0.5\"]}";

  private static void refused(Path dir, String json, String expected) throws Exception {
    Path f = Files.writeString(dir.resolve("s.json"), json);
    Path out = dir.resolve("out");
    CliTest.assertOneCleanError(CliTest.run("explore", f.toString(), "-o", out.toString()), expected);
    assertFalse(Files.exists(out), "nothing written for " + expected);
  }

  @Test
  void badSweepsAreOneCleanErrorAndWriteNothing(@TempDir Path dir) throws Exception {
    refused(dir, GOOD.replace("\"lanes\"", "\"lane\""), "axes.lane is not a sweep parameter");
    refused(dir, GOOD.replace("[1, 2]", "[]"), "axes.lanes is empty");
    refused(dir, GOOD.replace("accuracy >= 0.5", "area < 3"), "constraints[0] 'area < 3': 'area' is not a metric");
    refused(dir, GOOD.replace("\"version\": 1", "\"version\": 2"), "version must be 1");
    refused(dir, "{\"format\": ", "is not valid JSON");
    Path out = dir.resolve("out2");
    CliTest.assertOneCleanError(CliTest.run("explore", dir.resolve("none.json").toString(), "-o", out.toString()),
        "SWEEP " + dir.resolve("none.json") + " does not exist");
    assertFalse(Files.exists(out));
  }

  @Test
  void helpNamesTheSweepFormatAndTheOutputs() {
    CliTest.Run r = CliTest.run("explore", "--help");
    assertTrue(r.out().contains("pareto.json"), r.out());
    assertTrue(r.out().contains("docs/explore.md"), r.out());
  }
}
