package dev.spikeforge.explore.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Spark standalone cluster on localhost: one master and N workers, each its own JVM, started from this
 * JVM's classpath ({@code org.apache.spark.deploy.master.Master}, {@code org.apache.spark.deploy.worker.Worker}),
 * no Spark distribution needed. Each worker runs its executors with the same classpath, so spikeforge is on
 * theirs. For tests, and for trying the Spark engine on one machine ({@code explore-spark --local-cluster N});
 * a real cluster is started as Spark's documentation says (docs/explore.md, "Apache Spark"). Each JVM's log
 * and process id are written to {@code DIR/<name>.log} and {@code DIR/<name>.pid} (master, worker-1, …).
 */
public final class LocalCluster implements AutoCloseable {
  /**
   * The JDK packages Spark opens on Java 17 (the same list SparkContext adds to its executors): the module
   * pom's {@code spark.add-opens}, copied into {@code java17-opens.txt} by resource filtering, so the test
   * JVM's argLine and these JVMs use one list.
   */
  public static final List<String> JAVA17_OPENS = readOpens();

  /** The master's log line that names its URL (Spark's {@code Master}: "Starting Spark master at spark://…"). */
  private static final Pattern MASTER_URL = Pattern.compile("Starting Spark master at (spark://[^\\s]+)");

  private final Path dir;
  private final Process master;
  private final List<Process> workers = new ArrayList<>();
  /** Descendants (executors) of workers killed on purpose: a killed worker no longer lists them. */
  private final List<ProcessHandle> orphans = new ArrayList<>();
  private final String classpath;
  private String url;

  private LocalCluster(Path dir, Process master, String classpath) {
    this.dir = dir;
    this.master = master;
    this.classpath = classpath;
  }

  /**
   * Starts a master and {@code workers} workers of {@code coresPerWorker} cores and {@code memoryMb} MB each,
   * their logs and work directories under {@code dir}; returns when every worker has registered.
   */
  public static LocalCluster start(Path dir, int workers, int coresPerWorker, int memoryMb) throws IOException {
    Files.createDirectories(dir);
    // Spark's worker builds its executors' command line from SPARK_HOME: an empty one with a jars/ directory
    // is enough (the classpath comes from the application), and the Scala version is named outright
    Files.createDirectories(dir.resolve("spark-home").resolve("jars"));
    String cp = absolute(System.getProperty("java.class.path")); // executors start in their own work directory
    // port 0 everywhere: the master and the web UIs bind a free port themselves (no port picked here and
    // closed before Spark binds it); the master's URL is read back from its log
    Process m = launch(dir, "master", cp, List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
        "--port", "0", "--webui-port", "0"));
    LocalCluster c = new LocalCluster(dir, m, cp);
    try {
      c.url = awaitMasterUrl(dir.resolve("master.log"), m);
      String url = c.url;
      for (int w = 1; w <= workers; w++) {
        Path work = Files.createDirectories(dir.resolve("worker-" + w));
        c.workers.add(launch(dir, "worker-" + w, cp, List.of("org.apache.spark.deploy.worker.Worker", "--host",
            "127.0.0.1", "--cores", Integer.toString(coresPerWorker), "--memory", memoryMb + "m", "--webui-port",
            "0", "--work-dir", work.toString(), url)));
      }
      for (int w = 1; w <= workers; w++) {
        awaitLog(dir.resolve("worker-" + w + ".log"), "Successfully registered with master", c.workers.get(w - 1));
      }
    } catch (IOException | RuntimeException e) {
      c.close();
      throw e;
    }
    return c;
  }

  /** The master's URL, {@code spark://127.0.0.1:PORT}. */
  public String url() {
    return url;
  }

  /** The worker JVMs, in start order. */
  public List<Process> workers() {
    return List.copyOf(workers);
  }

  /**
   * The settings a driver needs to run on this cluster: executors get the driver's classpath (spikeforge and
   * Spark), a bounded memory, and the driver listens on localhost.
   */
  public Map<String, String> driverConf(int executorMemoryMb) {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("spark.executor.extraClassPath", classpath);
    c.put("spark.executor.memory", executorMemoryMb + "m");
    c.put("spark.driver.host", "127.0.0.1");
    c.put("spark.driver.bindAddress", "127.0.0.1");
    c.put("spark.executorEnv.SPARK_SCALA_VERSION", "2.13");
    return c;
  }

  /** Kills {@code worker} (1-based) at once, as a crash would (SIGKILL); its executors follow it. */
  public void killWorker(int worker) {
    Process p = workers.get(worker - 1);
    synchronized (orphans) {
      p.descendants().forEach(orphans::add); // recorded before the kill: afterwards they are no one's children
    }
    p.destroyForcibly();
    try {
      p.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    List<Process> all = new ArrayList<>(workers);
    all.add(master);
    List<ProcessHandle> doomed = new ArrayList<>();
    synchronized (orphans) {
      doomed.addAll(orphans);
    }
    for (Process p : all) {
      p.descendants().forEach(doomed::add); // the workers' executors, recorded before anything is killed
    }
    doomed.forEach(ProcessHandle::destroyForcibly);
    all.forEach(Process::destroyForcibly);
    for (ProcessHandle h : doomed) {
      try {
        h.onExit().get(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        // gone or stuck: nothing more to do from here
      }
    }
    for (Process p : all) {
      try {
        p.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Every process this cluster started that is still alive (master, workers, executors, killed workers' executors). */
  public List<ProcessHandle> alive() {
    List<ProcessHandle> out = new ArrayList<>();
    synchronized (orphans) {
      out.addAll(orphans);
    }
    List<Process> all = new ArrayList<>(workers);
    all.add(master);
    for (Process p : all) {
      out.add(p.toHandle());
      p.descendants().forEach(out::add);
    }
    return out.stream().filter(ProcessHandle::isAlive).distinct().toList();
  }

  private static Process launch(Path dir, String name, String cp, List<String> mainAndArgs) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    cmd.addAll(JAVA17_OPENS);
    cmd.add("-cp");
    cmd.add(cp);
    cmd.addAll(mainAndArgs);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile());
    pb.environment().put("SPARK_HOME", dir.resolve("spark-home").toAbsolutePath().toString());
    pb.environment().put("SPARK_SCALA_VERSION", "2.13");
    pb.environment().put("SPARK_LOG_DIR", dir.toAbsolutePath().toString());
    Process p = pb.start();
    Files.writeString(dir.resolve(name + ".pid"), p.pid() + "\n"); // for a script that kills one on purpose
    return p;
  }

  /** {@code classpath} with every entry made absolute. */
  static String absolute(String classpath) {
    List<String> out = new ArrayList<>();
    for (String e : classpath.split(java.io.File.pathSeparator)) {
      if (!e.isEmpty()) {
        out.add(Path.of(e).toAbsolutePath().normalize().toString());
      }
    }
    return String.join(java.io.File.pathSeparator, out);
  }

  private static String awaitMasterUrl(Path log, Process p) throws IOException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < end) {
      if (Files.isRegularFile(log)) {
        Matcher m = MASTER_URL.matcher(Files.readString(log));
        if (m.find()) {
          return m.group(1);
        }
      }
      if (!p.isAlive()) {
        throw new IOException("the Spark master exited with " + p.exitValue() + "; its log: " + log);
      }
      sleep();
    }
    throw new IOException("the Spark master did not start within 60 s; its log: " + log);
  }

  private static List<String> readOpens() {
    try (InputStream in = LocalCluster.class.getResourceAsStream("java17-opens.txt")) {
      if (in == null) {
        throw new IllegalStateException("java17-opens.txt is missing from explore-spark's classes");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      if (text.startsWith("${")) {
        throw new IllegalStateException("java17-opens.txt was not filtered by Maven: " + text);
      }
      return List.of(text.split("\\s+"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void awaitLog(Path log, String line, Process p) throws IOException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < end) {
      if (Files.isRegularFile(log) && Files.readString(log).contains(line)) {
        return;
      }
      if (!p.isAlive()) {
        throw new IOException("a Spark worker exited with " + p.exitValue() + "; its log: " + log);
      }
      sleep();
    }
    throw new IOException("a Spark worker did not register within 60 s; its log: " + log);
  }

  private static void sleep() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("interrupted while starting the Spark cluster"));
    }
  }
}
