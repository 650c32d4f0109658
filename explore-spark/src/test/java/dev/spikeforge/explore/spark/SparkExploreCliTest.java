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

/**
 * {@code explore-spark}: a bad sweep, an unusable master or a master with a local cluster is one error, exit 2,
 * before Spark starts; a failure is reported in one line.
 */
@Tag("unit")
class SparkExploreCliTest {
  private static final String GOOD = "{\"format\": \"spikeforge.sweep\", \"version\": 1, \"name\": \"t\","
      + " \"model\": {\"fitLinear\": {\"trainSamples\": 1000}}, \"axes\": {\"lanes\": [1, 2]},"
      + " \"objectives\": {\"accuracy\": \"max\", \"logicCells\": \"min\"}}";

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

  /** A master spark-core cannot schedule on (Kubernetes, YARN, a typo) is one error naming --master, exit 2. */
  @Test
  void anUnusableMasterIsOneErrorAndWritesNothing(@TempDir Path dir) throws Exception {
    Path f = Files.writeString(dir.resolve("s.json"), GOOD);
    for (String m : new String[] {"k8s://https://cluster:6443", "yarn", "spark//host:7077", "local[0]"}) {
      StringWriter text = new StringWriter();
      int code = SparkExplore.run(new PrintWriter(text), f.toString(), "-o", dir.resolve("out").toString(),
          "--master", m);
      assertEquals(2, code, text.toString());
      assertTrue(text.toString().startsWith("error: --master: " + m + " is not a Spark master"), text.toString());
      assertEquals(1, text.toString().lines().count(), text.toString());
      assertFalse(Files.exists(dir.resolve("out")), "nothing written");
    }
  }

  @Test
  void masterAndLocalClusterTogetherAreRefused(@TempDir Path dir) throws Exception {
    Path f = Files.writeString(dir.resolve("s.json"), GOOD);
    StringWriter text = new StringWriter();
    int code = SparkExplore.run(new PrintWriter(text), f.toString(), "-o", dir.resolve("out").toString(),
        "--master", "local[2]", "--local-cluster", "2");
    assertEquals(2, code, text.toString());
    assertEquals("error: --master and --local-cluster both name the cluster to run on; give one of them",
        text.toString().strip());
    assertFalse(Files.exists(dir.resolve("out")), "nothing written, no cluster started");
  }

  @Test
  void theMastersSparkCoreSchedulesOnAreAccepted() {
    for (String m : new String[] {"local", "local[*]", "local[4]", "local[2,3]", "local[*,4]", "spark://h:7077",
        "spark://a:7077,b:7077"}) {
      assertEquals(null, SparkEngine.checkMaster(m), m);
    }
  }

  /** Spark's job-abort text spans lines (stage, task, stack): the user gets the innermost cause's first line. */
  @Test
  void aFailureIsReportedInOneLine() {
    Exception e = new IllegalStateException("Job aborted due to stage failure: Task 0 failed 4 times\n\tat a.b(C.java:1)",
        new IllegalArgumentException("point 3: membrane too narrow\nDriver stacktrace:\n\tat x.y(Z.java:2)"));
    assertEquals("IllegalArgumentException: point 3: membrane too narrow", SparkEngine.firstLine(e));
    assertEquals("IllegalStateException: only this", SparkEngine.firstLine(new IllegalStateException("only this")));
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
