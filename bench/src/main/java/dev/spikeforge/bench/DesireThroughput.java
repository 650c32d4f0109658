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
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Desire-backpropagation training throughput (a timing harness, no profiler): trains on the first
 * Fashion-MNIST training images (rate coding, T = 20, the authors' Fashion-MNIST hyper-parameters)
 * and reports samples per second, for the float and the integer form and 1 and 2 threads, run back to
 * back. Inputs are encoded before the clock starts; the first pass (JIT warm-up) is not timed. Besides
 * wall-clock samples/s it reports the process CPU time per sample and the CPU time of each thread of
 * the engine's team (the caller, worker 0, and its helpers; waiting at a barrier spins, so it counts),
 * and the machine's load average before and after each run: with other jobs on the machine the
 * wall-clock figures understate what an idle machine does.
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

  /** CPU time of this thread, then of each live helper of a desire team (threads named {@code desire-worker-*}), by name. */
  static Map<String, Long> teamCpuNanos() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Map<String, Long> m = new TreeMap<>();
    m.put("caller", mx.getCurrentThreadCpuTime());
    for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
      if (info != null && info.getThreadName().startsWith("desire-worker")) {
        m.put(info.getThreadName(), mx.getThreadCpuTime(info.getThreadId()));
      }
    }
    return m;
  }

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
    for (String precision : precisions) {
      for (String th : threadCounts) {
        int threads = Integer.parseInt(th.trim());
        DesireConfig cfg = precision.trim().equals("int")
            ? DesireConfig.intForm(sizes, params, DesireIntParams.defaults(sizes, 8), 1)
            : DesireConfig.floatForm(sizes, params, 1);
        try (TrainingEngine engine = cfg.engine(threads)) {
          int warm = Math.min(samples, 500);
          for (int i = 0; i < warm; i++) {
            engine.train(x[i], train.label(i), 0, i);
          }
          double load0 = load();
          Map<String, Long> threads0 = teamCpuNanos();
          long c0 = processCpuNanos();
          long t0 = System.nanoTime();
          int correct = 0;
          for (int i = 0; i < samples; i++) {
            SampleOutcome r = engine.train(x[i], train.label(i), 0, i);
            correct += r.correct() ? 1 : 0;
          }
          double s = (System.nanoTime() - t0) / 1e9;
          double cpu = (processCpuNanos() - c0) / 1e9;
          Map<String, Long> threads1 = teamCpuNanos();
          StringBuilder perThread = new StringBuilder();
          for (Map.Entry<String, Long> t : threads1.entrySet()) {
            Long before = threads0.get(t.getKey());
            if (before != null) {
              perThread.append(String.format(Locale.ROOT, " %s %.3f", t.getKey(), (t.getValue() - before) / 1e6 / samples));
            }
          }
          System.out.printf(Locale.ROOT, "%-5s %d thread(s): %7.1f samples/s wall (%.2f ms/sample), %.2f CPU-ms/sample"
                  + " (%.0f samples/s per busy core), running accuracy %.2f %%%n",
              precision.trim(), threads, samples / s, 1000 * s / samples, 1000 * cpu / samples, samples / cpu,
              100.0 * correct / samples);
          System.out.printf(Locale.ROOT, "      thread CPU-ms/sample:%s; load average %.2f -> %.2f%n", perThread, load0, load());
        }
      }
    }
  }
}
