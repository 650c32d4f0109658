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
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Points of a sweep as Apache Spark tasks: one Spark job of one task per {@link PointBatch} (the points that
 * share a quantization), all submitted at once, so Spark spreads them over every executor core and re-runs a
 * task whose executor is lost. Each task calls {@link Explore#evaluateBatch} in the executor's JVM (spikeforge
 * on its classpath, the dataset on its disk) and returns the results as JSON; the driver caches each batch's
 * points as its job finishes, so a re-run task or a restarted sweep computes nothing twice (points are
 * content-addressed). Masters: {@code local[*]}, {@code local[N]}, {@code local[N,F]} and
 * {@code spark://HOST:PORT} (a standalone cluster); this module ships spark-core alone, so no Kubernetes or
 * YARN scheduler ({@link #checkMaster}).
 */
public final class SparkEngine implements PointEngine, AutoCloseable {
  /** The masters spark-core schedules on: local mode and standalone clusters. */
  private static final Pattern MASTERS = Pattern.compile(
      "local|local\\[(\\*|[1-9][0-9]*)(,[1-9][0-9]*)?]|spark://[^\\s/:]+:[0-9]+(,[^\\s/:]+:[0-9]+)*");

  private final JavaSparkContext sc;
  private final String master;

  /**
   * A Spark context for {@code master} with {@code conf} added (e.g. {@code spark.executor.extraClassPath});
   * task retries: {@code spark.task.maxFailures} (Spark's default, 4, on a cluster).
   *
   * @throws IllegalArgumentException if {@code master} is not one {@link #checkMaster} accepts
   */
  public SparkEngine(String master, Map<String, String> conf) {
    String bad = checkMaster(master);
    if (bad != null) {
      throw new IllegalArgumentException(bad);
    }
    SparkConf c = new SparkConf().setMaster(master).setAppName("spikeforge-explore")
        .set("spark.ui.enabled", "false")
        .set("spark.ui.showConsoleProgress", "false");
    conf.forEach(c::set);
    this.master = master;
    this.sc = new JavaSparkContext(c);
    sc.setLogLevel("WARN");
  }

  /**
   * Null if {@code master} is a master this module can run on, else why not and what to use instead
   * (one line).
   */
  public static String checkMaster(String master) {
    if (MASTERS.matcher(master).matches()) {
      return null;
    }
    String k8s = master.startsWith("k8s://") || master.equals("yarn")
        ? " (Kubernetes and YARN need Spark's spark-kubernetes_2.13 or spark-yarn_2.13 module, which explore-spark"
            + " does not ship)" : "";
    return master + " is not a Spark master explore-spark can use" + k8s + "; use local[*], local[N], local[N,F]"
        + " or spark://HOST:PORT";
  }

  /** {@code t}'s innermost cause's message, first line only (Spark's job-abort text spans many lines). */
  static String firstLine(Throwable t) {
    Throwable c = t;
    String msg = null;
    for (int depth = 0; c != null && depth < 20; c = c.getCause(), depth++) {
      if (c.getMessage() != null && !c.getMessage().isBlank()) {
        msg = c.getClass().getSimpleName() + ": " + c.getMessage();
      }
    }
    if (msg == null) {
      return t.getClass().getName();
    }
    return msg.strip().lines().findFirst().orElse(msg).strip();
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
          + firstLine(e.getCause()), e.getCause());
    }
  }

  /** The Spark context (tests add listeners to it). */
  JavaSparkContext context() {
    return sc;
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
