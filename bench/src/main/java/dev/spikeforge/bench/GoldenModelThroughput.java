package dev.spikeforge.bench;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.FashionMnist;
import dev.spikeforge.golden.data.RateEncoder;
import dev.spikeforge.golden.data.Split;
import dev.spikeforge.golden.network.RandomNetworks;
import dev.spikeforge.golden.sim.CompiledNetwork;
import dev.spikeforge.golden.sim.IntSimulator;
import dev.spikeforge.golden.sim.SimResult;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.ReadoutSpec;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.ArrayList;
import java.util.List;

/**
 * Golden-model inference throughput: a 784-1000-100-10 integer network (8-bit weights, 16-bit
 * membranes, seeded random weights) over the Fashion-MNIST test images, deterministic rate coding,
 * T = 20. Reports synaptic operations per second per core and images per second, for the
 * simulation alone (inputs encoded beforehand) and end to end (encoding included).
 *
 * <p>Run: {@code bench/run-golden-throughput.sh [images] [threads]}.
 */
public final class GoldenModelThroughput {
  private GoldenModelThroughput() {}

  public static void main(String[] args) throws Exception {
    int images = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
    int steps = 20;
    Dataset test = FashionMnist.load(Split.TEST).slice(0, images);
    NetworkSpec net = benchmarkNetwork(steps);
    CompiledNetwork compiled = new CompiledNetwork(net);
    RateEncoder enc = new RateEncoder();

    long t0 = System.nanoTime();
    SpikeRaster[] inputs = new SpikeRaster[images];
    for (int i = 0; i < images; i++) {
      inputs[i] = test.encode(i, enc, steps);
    }
    double encodeS = (System.nanoTime() - t0) / 1e9;

    // warm-up: one pass over a slice on every thread (JIT), not timed
    run(compiled, inputs, Math.min(images, 1000), threads);
    for (int rep = 0; rep < 3; rep++) {
      long s0 = System.nanoTime();
      Totals tot = run(compiled, inputs, images, threads);
      double simS = (System.nanoTime() - s0) / 1e9;
      double sops = tot.ops / simS;
      System.out.printf(Locale.ROOT,
          "rep %d: %d images, %d threads: %.3f s simulate (%.0f images/s), %.3f G synaptic ops/s total, "
              + "%.3f G/s per core; end to end with encoding %.0f images/s%n",
          rep, images, threads, simS, images / simS, sops / 1e9, sops / 1e9 / threads,
          images / (simS + encodeS / threads));
      if (rep == 2) {
        System.out.printf(Locale.ROOT,
            "activity per image: %.0f input spikes, %.0f hidden-1 spikes, %.0f hidden-2 spikes, %.1f output spikes, "
                + "%.2f M synaptic ops; prediction checksum %d%n",
            tot.input / (double) images, tot.l0 / (double) images, tot.l1 / (double) images,
            tot.l2 / (double) images, tot.ops / (double) images / 1e6, tot.checksum);
      }
    }
  }

  static NetworkSpec benchmarkNetwork(int steps) {
    return RandomNetworks.generate(new RandomNetworks.Options(new int[] {784, 1000, 100, 10}, steps, 8, 16, 0, false,
        false, false, false, ReadoutSpec.spikeCount(), 0.03), 2026);
  }

  record Totals(long ops, long input, long l0, long l1, long l2, long checksum) {}

  static Totals run(CompiledNetwork net, SpikeRaster[] inputs, int n, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      AtomicLong next = new AtomicLong();
      List<Future<long[]>> fs = new ArrayList<>();
      for (int k = 0; k < threads; k++) {
        fs.add(pool.submit(() -> {
          IntSimulator sim = new IntSimulator(net);
          long[] acc = new long[6];
          for (long i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
            SimResult r = sim.run(inputs[(int) i]);
            acc[0] += r.synapticOps();
            acc[1] += r.inputSpikes();
            acc[2] += r.layerSpikes()[0];
            acc[3] += r.layerSpikes()[1];
            acc[4] += r.layerSpikes()[2];
            acc[5] += r.prediction() * (i + 1);
          }
          return acc;
        }));
      }
      long[] sum = new long[6];
      for (Future<long[]> f : fs) {
        long[] a = f.get();
        for (int k = 0; k < 6; k++) {
          sum[k] += a[k];
        }
      }
      return new Totals(sum[0], sum[1], sum[2], sum[3], sum[4], sum[5]);
    } finally {
      pool.shutdown();
    }
  }
}
