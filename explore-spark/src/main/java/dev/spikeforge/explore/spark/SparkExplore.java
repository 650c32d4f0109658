package dev.spikeforge.explore.spark;

import dev.spikeforge.flow.FlowEvents;
import dev.spikeforge.flow.explore.Explore;
import dev.spikeforge.flow.explore.ExploreReport;
import dev.spikeforge.flow.explore.ExploreRequest;
import dev.spikeforge.flow.explore.Sweep;
import dev.spikeforge.flow.explore.SweepException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code explore-spark SWEEP -o DIR --master URL}: {@code spikeforge explore} with the points evaluated as
 * Spark tasks ({@link SparkEngine}); the outputs are those of {@code spikeforge explore}, byte for byte.
 * Its own entry point, so Spark stays off the {@code spikeforge} command's classpath (docs/explore.md,
 * "Apache Spark").
 */
@Command(name = "explore-spark", mixinStandardHelpOptions = true,
    description = {"Run a spikeforge design-space sweep with its points evaluated as Apache Spark tasks.",
        "Outputs, cache and resume as 'spikeforge explore' (docs/explore.md); executors need spikeforge's",
        "classes (spark.executor.extraClassPath or spark.jars) and the dataset."})
public final class SparkExplore implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SWEEP", description = "The sweep file (spikeforge.sweep JSON).")
  Path sweep;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "The output directory.")
  Path output;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master: local[*], local[N], local[N,RETRIES] or spark://HOST:PORT. Default: local[*].")
  String master;

  @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "A Spark setting, repeatable.")
  Map<String, String> conf = new LinkedHashMap<>();

  @Option(names = "--local-cluster", paramLabel = "N",
      description = "Start a standalone cluster of a master and N one-core workers on localhost (each its own JVM,"
          + " from this classpath; logs in DIR/spark-cluster) and run on it; not with --master.")
  int localCluster;

  @Option(names = "--threads", paramLabel = "N",
      description = "Threads of the driver's own model fit or training. Default: all cores.")
  int threads;

  @Option(names = "--cycle-images", paramLabel = "N", description = "Test images of the cycle model per point.")
  int cycleImages = ExploreRequest.DEFAULT_CYCLE_IMAGES;

  @Option(names = "--estimates-only", description = "No real synthesis, whatever the sweep's synthesis field says.")
  boolean estimatesOnly;

  private PrintWriter out;

  @Override
  public Integer call() {
    ExploreRequest req;
    try {
      req = new ExploreRequest(sweep, output, threads, cycleImages, estimatesOnly);
      Sweep.read(sweep); // a bad sweep file is refused before Spark or a cluster starts
    } catch (SweepException e) {
      return error(e);
    }
    if (localCluster < 0) {
      return usage("--local-cluster must be a number of workers (1 or more), got " + localCluster);
    }
    if (localCluster > 0 && master != null) {
      return usage("--master and --local-cluster both name the cluster to run on; give one of them");
    }
    String url = master != null ? master : "local[*]";
    String bad = SparkEngine.checkMaster(url);
    if (bad != null) {
      return usage("--master: " + bad);
    }
    LocalCluster cluster = null;
    Thread hook = null;
    try {
      Map<String, String> settings = new LinkedHashMap<>();
      if (localCluster > 0) {
        cluster = LocalCluster.start(output.resolve("spark-cluster"), localCluster, 1, 1536);
        LocalCluster started = cluster;
        hook = new Thread(started::close, "explore-spark-cluster-shutdown"); // Ctrl-C stops the cluster too
        Runtime.getRuntime().addShutdownHook(hook);
        out.println("started a Spark standalone cluster at " + cluster.url() + " with " + localCluster + " worker(s)");
        out.flush();
        url = cluster.url();
        settings.putAll(cluster.driverConf(1024));
      }
      settings.putAll(conf);
      return run(req, url, settings);
    } catch (java.io.IOException e) {
      out.println("error: the local Spark cluster did not start: " + e.getMessage());
      out.flush();
      return 1;
    } catch (RuntimeException e) { // Spark or the sweep failed: one line, the details in Spark's own log
      out.println("error: " + SparkEngine.firstLine(e));
      out.flush();
      return 1;
    } finally {
      if (cluster != null) {
        cluster.close();
      }
      if (hook != null) {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // the JVM is shutting down: the hook runs (close twice is harmless)
        }
      }
    }
  }

  private int usage(String message) {
    out.println("error: " + message);
    out.flush();
    return 2;
  }

  private int run(ExploreRequest req, String url, Map<String, String> settings) {
    try (SparkEngine engine = new SparkEngine(url, settings)) {
      ExploreReport r = Explore.run(req, FlowEvents.logTo(out), engine);
      out.printf(Locale.ROOT, "%d points: %d computed on Spark, %d read back; %d failed; %d synthesized for real;"
          + " front %s%n", r.points().size(), r.computed(), r.points().size() - r.computed(), r.failed(), r.real(),
          r.frontIndices());
      for (Path f : r.files()) {
        out.println("wrote " + f);
      }
      out.flush();
      return 0;
    } catch (SweepException e) {
      return error(e);
    }
  }

  private int error(SweepException e) {
    out.println("error: " + sweep + ": " + e.field() + " " + e.problem());
    out.flush();
    return 2;
  }

  /** Runs the command; exit code 2 for bad input. */
  public static void main(String[] args) {
    System.exit(run(new PrintWriter(System.out, true, StandardCharsets.UTF_8), args));
  }

  static int run(PrintWriter out, String... args) {
    SparkExplore cmd = new SparkExplore();
    cmd.out = out;
    CommandLine cl = new CommandLine(cmd).setOut(out).setErr(out);
    return cl.execute(args);
  }
}
