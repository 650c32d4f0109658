package dev.spikeforge.explore.spark;

import dev.spikeforge.flow.explore.Explore;
import dev.spikeforge.flow.explore.PointBatch;
import dev.spikeforge.flow.explore.PointEngine;
import dev.spikeforge.flow.explore.PointJob;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Points of a sweep as Apache Spark tasks: one Spark job of one task per {@link PointBatch} (the points that
 * share a quantization), all submitted at once, so Spark spreads them over every executor core and re-runs a
 * task whose executor is lost. Each task calls {@link Explore#evaluateBatch} in the executor's JVM (spikeforge
 * on its classpath, the dataset on its disk) and returns the results as JSON; the driver caches each batch's
 * points as its job finishes, so a re-run task or a restarted sweep computes nothing twice (points are
 * content-addressed). Works with any Spark master: {@code local[*]}, {@code spark://HOST:PORT},
 * {@code k8s://…}.
 */
public final class SparkEngine implements PointEngine, AutoCloseable {
  private final JavaSparkContext sc;
  private final String master;

  /**
   * A Spark context for {@code master} with {@code conf} added (e.g. {@code spark.executor.extraClassPath});
   * task retries: {@code spark.task.maxFailures} (Spark's default, 4, on a cluster).
   */
  public SparkEngine(String master, Map<String, String> conf) {
    SparkConf c = new SparkConf().setMaster(master).setAppName("spikeforge-explore")
        .set("spark.ui.enabled", "false")
        .set("spark.ui.showConsoleProgress", "false");
    conf.forEach(c::set);
    this.master = master;
    this.sc = new JavaSparkContext(c);
    sc.setLogLevel("WARN");
  }

  @Override
  public void evaluate(PointJob job, List<PointBatch> batches, Consumer<List<String>> done) {
    PointJob perTask = job.withThreads(1); // Spark's parallelism is its tasks: one core each
    List<JavaFutureAction<List<List<String>>>> pending = new ArrayList<>();
    for (PointBatch b : batches) {
      pending.add(sc.parallelize(List.of(b), 1).map(x -> Explore.evaluateBatch(perTask, x)).collectAsync());
    }
    try {
      while (!pending.isEmpty()) {
        boolean progressed = false;
        for (Iterator<JavaFutureAction<List<List<String>>>> it = pending.iterator(); it.hasNext(); ) {
          JavaFutureAction<List<List<String>>> f = it.next();
          if (f.isDone()) {
            it.remove();
            progressed = true;
            for (List<String> r : f.get()) {
              done.accept(r);
            }
          }
        }
        if (!progressed) {
          Thread.sleep(100);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pending.forEach(f -> f.cancel(true));
      throw new IllegalStateException("interrupted while Spark evaluated the sweep's points", e);
    } catch (ExecutionException e) {
      pending.forEach(f -> f.cancel(true));
      throw new IllegalStateException("Spark could not evaluate a batch of points (after its retries): "
          + e.getCause().getMessage(), e.getCause());
    }
  }

  @Override
  public String describe() {
    return "Spark " + sc.version() + " at " + master + " (default parallelism " + sc.defaultParallelism() + ")";
  }

  @Override
  public void close() {
    sc.close();
  }
}
