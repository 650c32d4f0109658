package dev.spikeforge.explore.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.flow.FlowEvents;
import dev.spikeforge.flow.explore.Explore;
import dev.spikeforge.flow.explore.ExploreReport;
import dev.spikeforge.flow.explore.ExploreRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same small estimate-only sweep (four points in two batches) in this JVM, on Spark {@code local[*]} and
 * on a standalone cluster of a master and two one-core workers on localhost, each its own JVM: the three give
 * the same {@code pareto.json} and {@code report.html} bytes. On the cluster, the worker running the first
 * task is killed (SIGKILL) as that task starts: the task fails with its executor and runs again on the other
 * worker, and the sweep still ends with every point and the same bytes. Closing the cluster leaves no process
 * behind, the killed worker's executor included.
 */
@Tag("unit")
class SparkExploreTest {
  private static final String SWEEP = "{\"format\": \"spikeforge.sweep\", \"version\": 1, \"name\": \"spark\","
      + " \"model\": {\"fitLinear\": {\"trainSamples\": 500, \"timesteps\": 20}},"
      + " \"data\": {\"testImages\": 100, \"calibrationImages\": 100},"
      + " \"axes\": {\"weightBits\": [2, 4], \"lanes\": [1, 4]},"
      + " \"objectives\": {\"accuracy\": \"max\", \"logicCells\": \"min\", \"latencyUs\": \"min\"},"
      + " \"constraints\": [\"fits: icebreaker\"]}";
  private static final List<String> COMPARED = List.of("pareto.json", "report.html");

  @Test
  void localSparkAndATwoWorkerClusterGiveTheSameBytesAndAKilledWorkersTaskRunsAgain(@TempDir Path dir)
      throws Exception {
    Path sweep = Files.writeString(dir.resolve("spark.json"), SWEEP);
    ExploreReport here = Explore.run(request(sweep, dir, "here"), FlowEvents.quiet());
    assertEquals(4, here.computed());
    assertEquals(0, here.failed());

    try (SparkEngine local = new SparkEngine("local[*]", Map.of())) {
      Explore.run(request(sweep, dir, "local"), FlowEvents.quiet(), local);
    }
    assertSameBytes(dir, "local");

    LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), 2, 1, 768);
    AtomicInteger started = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicReference<String> killed = new AtomicReference<>();
    try (cluster; SparkEngine engine = new SparkEngine(cluster.url(), cluster.driverConf(512))) {
      engine.context().sc().addSparkListener(new SparkListener() {
        @Override
        public void onTaskStart(SparkListenerTaskStart e) {
          started.incrementAndGet();
          if (killed.get() == null) { // the first task: its executor is loading the data, seconds of work
            int w = workerOf(dir.resolve("cluster"), 2, e.taskInfo().executorId());
            killed.set("worker " + w + " (executor " + e.taskInfo().executorId() + ")");
            cluster.killWorker(w);
          }
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd e) {
          if (e.taskInfo().failed() || e.taskInfo().killed()) {
            failed.incrementAndGet();
          }
        }
      });
      ExploreReport k = Explore.run(request(sweep, dir, "cluster"), FlowEvents.quiet(), engine);
      assertEquals(4, k.computed());
      assertEquals(0, k.failed());
      assertSameBytes(dir, "cluster");
    }
    assertTrue(killed.get() != null, "a worker was killed");
    assertTrue(failed.get() >= 1, "the killed worker's task failed: " + killed.get());
    assertTrue(started.get() >= 3, "2 batches and at least one re-run, got " + started.get() + " task starts");
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!cluster.alive().isEmpty() && System.nanoTime() < end) {
      Thread.sleep(100);
    }
    assertEquals(List.of(), cluster.alive(), "no process of the cluster is left");
  }

  /** The worker (1-based) that started executor {@code id}: a worker runs it in {@code worker-N/APP/ID/}. */
  private static int workerOf(Path clusterDir, int workers, String id) {
    for (int w = 1; w <= workers; w++) {
      try (var apps = Files.list(clusterDir.resolve("worker-" + w))) {
        if (apps.anyMatch(app -> Files.isDirectory(app.resolve(id)))) {
          return w;
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    throw new AssertionError("no worker runs executor " + id);
  }

  private static void assertSameBytes(Path dir, String run) throws Exception {
    for (String f : COMPARED) {
      assertArrayEquals(Files.readAllBytes(dir.resolve("here").resolve(f)), Files.readAllBytes(dir.resolve(run)
          .resolve(f)), run + ": " + f);
    }
  }

  private static ExploreRequest request(Path sweep, Path dir, String name) {
    return ExploreRequest.of(sweep, dir.resolve(name)).withThreads(2);
  }
}
