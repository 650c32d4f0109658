package dev.spikeforge.explore.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code explore-spark}: a bad sweep is one error naming the file and field, exit 2, before Spark starts. */
@Tag("unit")
class SparkExploreCliTest {
  @Test
  void aBadSweepIsOneErrorAndStartsNothing(@TempDir Path dir) throws Exception {
    Path f = Files.writeString(dir.resolve("s.json"), "{\"format\": \"spikeforge.sweep\", \"version\": 1,"
        + " \"name\": \"t\", \"model\": {\"fitLinear\": {\"trainSamples\": 1000}}, \"axes\": {\"lane\": [1, 2]},"
        + " \"objectives\": {\"accuracy\": \"max\", \"logicCells\": \"min\"}}");
    StringWriter text = new StringWriter();
    int code = SparkExplore.run(new PrintWriter(text), f.toString(), "-o", dir.resolve("out").toString(),
        "--local-cluster", "2");
    assertEquals(2, code, text.toString());
    assertTrue(text.toString().startsWith("error: " + f + ": axes.lane is not a sweep parameter"), text.toString());
    assertEquals(1, text.toString().lines().count(), text.toString());
    assertFalse(Files.exists(dir.resolve("out")), "nothing written, no cluster started");
  }

  /** Executors start in their worker's work directory: a relative classpath (java -cp lib/*) is made absolute. */
  @Test
  void theClusterClasspathIsAbsolute() {
    String sep = java.io.File.pathSeparator;
    String cp = LocalCluster.absolute("a.jar" + sep + "lib/b.jar" + sep + "/opt/c.jar");
    assertEquals(String.join(sep, Path.of("a.jar").toAbsolutePath().toString(),
        Path.of("lib/b.jar").toAbsolutePath().toString(), "/opt/c.jar"), cp);
  }
}
