package dev.spikeforge.flow.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run starts by removing the previous run's outputs (so a failed run leaves no stale report) and keeps what
 * a rerun resumes from; a job's dataset directory is absolute, made so on the driver.
 */
@Tag("unit")
class StaleOutputsTest {
  @Test
  void aRunDiscardsThePreviousReportButKeepsTheCache(@TempDir Path out) throws Exception {
    String[] stale = {"pareto.json", "pareto.csv", "timing.json", ExploreHtml.FILE, "accuracy-vs-logicCells.svg",
        "accuracy-vs-latencyUs.png", "accuracy-vs-energyUj.png"};
    for (String f : stale) {
      Files.writeString(out.resolve(f), "old");
    }
    Path cached = Files.createDirectories(out.resolve(Explore.POINTS)).resolve("0123456789abcdef.json");
    Files.writeString(cached, "{}");
    Path model = Files.createDirectories(out.resolve("model")).resolve("float-model.json");
    Files.writeString(model, "{}");
    ExploreFiles.discardStale(out);
    for (String f : stale) {
      assertFalse(Files.exists(out.resolve(f)), f);
    }
    assertTrue(Files.isRegularFile(cached), "the point cache stays");
    assertTrue(Files.isRegularFile(model), "the model stays");
  }

  @Test
  void aRelativeDataDirIsMadeAbsoluteOnTheDriver() {
    assertEquals(Path.of("data/fm").toAbsolutePath().normalize().toString(), PointJob.absoluteDataDir("data/fm"));
    assertEquals(null, PointJob.absoluteDataDir(null));
    assertThrows(IllegalArgumentException.class, () -> new PointJob("{}", "{}", "h", 1, 1, "data/fm"));
  }
}
