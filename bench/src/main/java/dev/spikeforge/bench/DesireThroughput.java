package dev.spikeforge.bench;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.FashionMnist;
import dev.spikeforge.golden.data.RateEncoder;
import dev.spikeforge.golden.data.Split;
import dev.spikeforge.golden.learning.DesireIntParams;
import dev.spikeforge.golden.learning.DesireParams;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.train.DesireConfig;
import dev.spikeforge.golden.train.SampleOutcome;
import dev.spikeforge.golden.train.TrainingEngine;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Desire-backpropagation training throughput (a timing harness, no profiler): trains on the first
 * Fashion-MNIST training images (rate coding, T = 20, the authors' Fashion-MNIST hyper-parameters)
 * and reports samples per second, for the float and the integer form and each thread count, run back
 * to back. Inputs are encoded before the clock starts; the first 500 samples (JIT warm-up) are not
 * timed. Per run it reports:
 *
 * <ul>
 *   <li>wall-clock samples/s of a timed pass over the samples, the process CPU time per sample and
 *       the CPU time of each thread of the engine's team (the caller, worker 0, and its helpers;
 *       waiting at a barrier spins, so it counts), and the load average before and after;
 *   <li>a second pass over the same samples timed sample by sample, keeping only the samples during
 *       which every thread of the team stayed on a CPU (its CPU time grew as fast as the clock): on a
 *       machine shared with other jobs this is what the team does when it has its cores, which the
 *       wall-clock rate of the first pass does not show;
 *   <li>per precision, each thread count's speed-up over the first (wall-clock and on-CPU samples),
 *       and whether every run gave identical bits: the same outcome (prediction, correctness, loss
 *       bits) for every sample and the same final weights ({@code state()}) as the first thread count.
 * </ul>
 *
 * <p>Run: {@code bench/run-desire-throughput.sh [samples=3000] [arch=784-1000-100-10] [precisions=float,int] [threads=1,2]}.
 */
public final class DesireThroughput {
  private DesireThroughput() {}

  /** CPU time of the whole process (all threads, JIT and GC included). */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** The 1-minute load average of the machine. */
  static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /** Ids of the live helper threads of desire teams (threads named {@code desire-worker-*}), by name. */
  static Map<String, Long> helperIds() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Map<String, Long> m = new TreeMap<>();
    for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
      if (info != null && info.getThreadName().startsWith("desire-worker")) {
        m.put(info.getThreadName(), info.getThreadId());
      }
    }
    return m;
  }

  /** CPU time of this thread ("caller"), then of each helper of {@code ids}, by name. */
  static Map<String, Long> teamCpuNanos(Map<String, Long> ids) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Map<String, Long> m = new TreeMap<>();
    m.put("caller", mx.getCurrentThreadCpuTime());
    for (Map.Entry<String, Long> e : ids.entrySet()) {
      m.put(e.getKey(), mx.getThreadCpuTime(e.getValue()));
    }
    return m;
  }

  /** One run's figures and bits. */
  record Run(double wallRate, double onCpuMicros, int onCpuSamples, long[] outcomes, byte[] state) {}

  public static void main(String[] args) throws Exception {
    int samples = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
    int[] sizes = DesireConfig.parseArch(args.length > 1 ? args[1] : "784-1000-100-10");
    String[] precisions = (args.length > 2 ? args[2] : "float,int").split(",");
    String[] threadCounts = (args.length > 3 ? args[3] : "1,2").split(",");
    DesireParams params = DesireParams.fashionMnist();
    Dataset train = FashionMnist.load(Split.TRAIN).slice(0, samples);
    RateEncoder enc = new RateEncoder();
    SpikeRaster[] x = new SpikeRaster[samples];
    for (int i = 0; i < samples; i++) {
      x[i] = train.encode(i, enc, params.timesteps());
    }
    System.out.printf(Locale.ROOT, "desire backpropagation, %s, T = %d, %d Fashion-MNIST samples, %d cores%n",
        String.join("-", java.util.Arrays.stream(sizes).mapToObj(Integer::toString).toList()), params.timesteps(),
        samples, Runtime.getRuntime().availableProcessors());
    List<String> summary = new ArrayList<>();
    for (String precision : precisions) {
      List<Run> runs = new ArrayList<>();
      for (String th : threadCounts) {
        int threads = Integer.parseInt(th.trim());
        DesireConfig cfg = precision.trim().equals("int")
            ? DesireConfig.intForm(sizes, params, DesireIntParams.defaults(sizes, 8), 1)
            : DesireConfig.floatForm(sizes, params, 1);
        try (TrainingEngine engine = cfg.engine(threads)) {
          runs.add(run(engine, precision.trim(), threads, x, train));
        }
      }
      Run first = runs.get(0);
      for (int k = 1; k < runs.size(); k++) {
        Run r = runs.get(k);
        boolean same = Arrays.equals(first.outcomes(), r.outcomes()) && Arrays.equals(first.state(), r.state());
        summary.add(String.format(Locale.ROOT,
            "%-5s %s threads / %s thread(s): %.2fx wall-clock, %.2fx on-CPU samples; identical bits (outcome of %d samples,"
                + " final weights): %s",
            precision.trim(), threadCounts[k].trim(), threadCounts[0].trim(), r.wallRate() / first.wallRate(),
            first.onCpuMicros() / r.onCpuMicros(), first.outcomes().length / 2, same ? "yes" : "NO"));
      }
    }
    summary.forEach(System.out::println);
  }

  /**
   * Warm-up, the timed pass (epoch 0) and the per-sample pass (epoch 1) over {@code x} on {@code
   * engine}; prints the run's figures.
   */
  static Run run(TrainingEngine engine, String precision, int threads, SpikeRaster[] x, Dataset train) {
    int samples = x.length;
    int warm = Math.min(samples, 500);
    for (int i = 0; i < warm; i++) {
      engine.train(x[i], train.label(i), 0, i);
    }
    Map<String, Long> ids = helperIds();
    long[] outcomes = new long[4 * samples];
    double load0 = load();
    Map<String, Long> threads0 = teamCpuNanos(ids);
    long c0 = processCpuNanos();
    long t0 = System.nanoTime();
    int correct = 0;
    for (int i = 0; i < samples; i++) {
      SampleOutcome r = engine.train(x[i], train.label(i), 0, i);
      correct += r.correct() ? 1 : 0;
      record(outcomes, i, r);
    }
    double s = (System.nanoTime() - t0) / 1e9;
    double cpu = (processCpuNanos() - c0) / 1e9;
    Map<String, Long> threads1 = teamCpuNanos(ids);
    double load1 = load();
    StringBuilder perThread = new StringBuilder();
    for (Map.Entry<String, Long> t : threads1.entrySet()) {
      perThread.append(String.format(Locale.ROOT, " %s %.3f", t.getKey(), (t.getValue() - threads0.get(t.getKey())) / 1e6 / samples));
    }
    // the per-sample pass: keep the samples during which every team thread stayed on a CPU
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long[] helpers = ids.values().stream().mapToLong(Long::longValue).toArray();
    long[] h0 = new long[helpers.length];
    double onCpu = 0;
    int onCpuSamples = 0;
    for (int i = 0; i < samples; i++) {
      for (int k = 0; k < helpers.length; k++) {
        h0[k] = mx.getThreadCpuTime(helpers[k]);
      }
      long hw0 = System.nanoTime();
      long ca0 = mx.getCurrentThreadCpuTime();
      long w0 = System.nanoTime();
      SampleOutcome r = engine.train(x[i], train.label(i), 1, samples + i);
      long w1 = System.nanoTime();
      long ca1 = mx.getCurrentThreadCpuTime();
      boolean onCpuAll = ca1 - ca0 >= ON_CPU * (w1 - w0);
      for (int k = 0; k < helpers.length; k++) {
        long h1 = mx.getThreadCpuTime(helpers[k]);
        onCpuAll &= h1 - h0[k] >= ON_CPU * (System.nanoTime() - hw0);
      }
      record(outcomes, samples + i, r);
      if (onCpuAll) {
        onCpu += (w1 - w0) / 1e3;
        onCpuSamples++;
      }
    }
    double onCpuMicros = onCpuSamples == 0 ? Double.NaN : onCpu / onCpuSamples;
    System.out.printf(Locale.ROOT, "%-5s %d thread(s): %7.1f samples/s wall (%.2f ms/sample), %.2f CPU-ms/sample"
            + " (%.0f samples/s per busy core), running accuracy %.2f %%%n",
        precision, threads, samples / s, 1000 * s / samples, 1000 * cpu / samples, samples / cpu, 100.0 * correct / samples);
    System.out.printf(Locale.ROOT, "      thread CPU-ms/sample:%s; load average %.2f -> %.2f%n", perThread, load0, load1);
    System.out.printf(Locale.ROOT, "      on-CPU samples (every team thread on a CPU throughout): %d of %d, %.1f us/sample"
            + " (%.1f samples/s)%n", onCpuSamples, samples, onCpuMicros, 1e6 / onCpuMicros);
    return new Run(samples / s, onCpuMicros, onCpuSamples, outcomes, engine.state());
  }

  /** A sample is on a CPU when each team thread's CPU time grew by at least this fraction of the wall-clock time. */
  static final double ON_CPU = 0.98;

  /** Stores the prediction and correctness, and the loss's bits, of the k-th outcome at {@code 2k, 2k+1}. */
  static void record(long[] outcomes, int k, SampleOutcome r) {
    outcomes[2 * k] = r.prediction() * 2L + (r.correct() ? 1 : 0);
    outcomes[2 * k + 1] = Double.doubleToRawLongBits(r.loss());
  }
}
