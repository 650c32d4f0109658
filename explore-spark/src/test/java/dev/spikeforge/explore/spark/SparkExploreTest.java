package dev.spikeforge.explore.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.flow.FlowEvents;
import dev.spikeforge.flow.explore.Explore;
import dev.spikeforge.flow.explore.ExploreReport;
import dev.spikeforge.flow.explore.ExploreRequest;
import dev.spikeforge.flow.explore.PointBatch;
import dev.spikeforge.flow.explore.PointEngine;
import dev.spikeforge.flow.explore.PointJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same small estimate-only sweep (eight points in four batches) in this JVM, on Spark {@code local[*]} and
 * on a standalone cluster of a master and two workers on localhost, each its own JVM: the three give the same
 * {@code pareto.json} bytes. Then a worker is killed (SIGKILL) as soon as the first batch is back, while
 * the others run: Spark re-runs its tasks on the other worker and the sweep ends with every point and the
 * same bytes.
 */
@Tag("unit")
class SparkExploreTest {
  private static final String SWEEP = "{\"format\": \"spikeforge.sweep\", \"version\": 1, \"name\": \"spark\","
      + " \"model\": {\"fitLinear\": {\"trainSamples\": 1000, \"timesteps\": 20}},"
      + " \"data\": {\"testImages\": 100, \"calibrationImages\": 100},"
      + " \"axes\": {\"weightBits\": [2, 3, 4, 6], \"lanes\": [1, 4]},"
      + " \"objectives\": {\"accuracy\": \"max\", \"logicCells\": \"min\", \"latencyUs\": \"min\"},"
      + " \"constraints\": [\"fits: icebreaker\"]}";

  @Test
  void localSparkAndATwoWorkerClusterGiveTheSameBytesAndAKilledWorkerLosesNoPoint(@TempDir Path dir)
      throws Exception {
    Path sweep = Files.writeString(dir.resolve("spark.json"), SWEEP);
    ExploreReport here = Explore.run(request(sweep, dir, "here"), FlowEvents.quiet());
    assertEquals(8, here.computed());
    assertEquals(0, here.failed());
    byte[] expected = Files.readAllBytes(dir.resolve("here").resolve("pareto.json"));

    try (SparkEngine local = new SparkEngine("local[*]", Map.of())) {
      Explore.run(request(sweep, dir, "local"), FlowEvents.quiet(), local);
    }
    assertArrayEquals(expected, Files.readAllBytes(dir.resolve("local").resolve("pareto.json")), "local[*]");

    try (LocalCluster cluster = LocalCluster.start(dir.resolve("cluster"), 2, 1, 1024)) {
      try (SparkEngine engine = new SparkEngine(cluster.url(), cluster.driverConf(768))) {
        ExploreReport r = Explore.run(request(sweep, dir, "cluster"), FlowEvents.quiet(), engine);
        assertEquals(8, r.computed());
        assertArrayEquals(expected, Files.readAllBytes(dir.resolve("cluster").resolve("pareto.json")), "cluster");

        AtomicInteger batches = new AtomicInteger();
        PointEngine killing = new PointEngine() {
          @Override
          public void evaluate(PointJob job, List<PointBatch> b, Consumer<List<String>> done) {
            engine.evaluate(job, b, results -> {
              if (batches.getAndIncrement() == 0) {
                cluster.killWorker(1); // mid-sweep: the other batches are running or queued
              }
              done.accept(results);
            });
          }

          @Override
          public String describe() {
            return engine.describe() + ", worker 1 killed after the first batch";
          }
        };
        ExploreReport k = Explore.run(request(sweep, dir, "killed"), FlowEvents.quiet(), killing);
        assertTrue(!cluster.workers().get(0).isAlive(), "worker 1 was killed");
        assertEquals(4, batches.get(), "every batch came back");
        assertEquals(8, k.computed());
        assertEquals(0, k.failed());
        assertArrayEquals(expected, Files.readAllBytes(dir.resolve("killed").resolve("pareto.json")), "worker killed");
      }
    }
  }

  private static ExploreRequest request(Path sweep, Path dir, String name) {
    return ExploreRequest.of(sweep, dir.resolve(name)).withThreads(2);
  }
}
