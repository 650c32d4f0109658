package dev.spikeforge.bench;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.FashionMnist;
import dev.spikeforge.golden.data.Float32RateEncoder;
import dev.spikeforge.golden.data.Split;
import dev.spikeforge.golden.eval.EvalReport;
import dev.spikeforge.golden.eval.Evaluator;
import dev.spikeforge.golden.io.DesireNpyImport;
import dev.spikeforge.golden.network.DesireTopology;
import dev.spikeforge.golden.learning.KaimingNormal;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.sim.CompiledFloatNetwork;
import dev.spikeforge.golden.sim.FloatSimulator;
import dev.spikeforge.golden.sim.FloatReferenceSimulator;
import dev.spikeforge.golden.sim.SimResult;
import dev.spikeforge.golden.sim.SpikeRaster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Float evaluation throughput, old against new: the 784-1000-100-10 desire-backpropagation network
 * (the authors' forward semantics: threshold 1, leak 3/4, reset by subtraction, one-step delay
 * between layers, T = 20), Kaiming-normal weights (seed 2026, rounded to float32 as a trained
 * export is), over the Fashion-MNIST test images in the authors' float32 rate coding.
 *
 * <p>Times the per-synapse simulator that {@code FloatSimulator} replaced ({@link
 * FloatReferenceSimulator}, on the first {@code oldImages}, it is slow) and the new one (on all
 * {@code images}), each on 1 and 2 threads over pre-encoded inputs after an untimed warm-up, and
 * checks that every result field of the two is identical on the images both ran. Then times {@link
 * Evaluator#evaluate} end to end (encoding included) on all images and all cores, the path of
 * {@code spikeforge evaluate}. Writes the network as {@code fc1.npy, …} and the predictions to
 * {@code outDir} for {@code bench/desire_torch_eval.py}, which times PyTorch on the same network.
 *
 * <p>Run: {@code bench/run-float-eval-throughput.sh [images=10000] [oldImages=500] [threads=1,2]}; a fifth
 * argument, a directory of {@code fc1.npy, …} (docs/learning.md section 8), times that network instead of
 * the Kaiming-normal one (e.g. the authors' published network, as {@code run-float-eval-vs-authors.sh}
 * exports it).
 */
public final class FloatEvalThroughput {
  private FloatEvalThroughput() {}

  static final int[] SIZES = {784, 1000, 100, 10};
  static final int STEPS = 20;

  public static void main(String[] args) throws Exception {
    int images = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int oldImages = Math.min(images, args.length > 1 ? Integer.parseInt(args[1]) : 500);
    int[] threadCounts = Arrays.stream((args.length > 2 ? args[2] : "1,2").split(","))
        .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
    Path outDir = Path.of(args.length > 3 ? args[3] : "bench/target/float-eval");

    FloatNetwork net = args.length > 4 ? DesireNpyImport.load(Path.of(args[4]), DesireNpyImport.Options.DEFAULT)
        : benchmarkNetwork();
    Dataset test = FashionMnist.load(Split.TEST).slice(0, images);
    Float32RateEncoder enc = new Float32RateEncoder();
    SpikeRaster[] inputs = new SpikeRaster[images];
    for (int i = 0; i < images; i++) {
      inputs[i] = test.encode(i, enc, STEPS);
    }
    System.out.printf(Locale.ROOT, "float evaluation, %s, T = %d, %d Fashion-MNIST test images (old: first %d), "
        + "%d cores%n", Arrays.stream(SIZES).mapToObj(Integer::toString).collect(Collectors.joining("-")), STEPS,
        images, oldImages, Runtime.getRuntime().availableProcessors());

    CompiledFloatNetwork compiled = new CompiledFloatNetwork(net);
    Supplier<Function<SpikeRaster, SimResult>> oldSim = () -> new FloatReferenceSimulator(net)::run;
    Supplier<Function<SpikeRaster, SimResult>> spikeSim = () -> new FloatSimulator(compiled)::runPerSpike;
    Supplier<Function<SpikeRaster, SimResult>> newSim = () -> new FloatSimulator(compiled)::run;
    // warm-up (JIT), not timed
    run(oldSim, inputs, Math.min(oldImages, 50), 1);
    run(spikeSim, inputs, Math.min(images, 500), 1);
    run(newSim, inputs, Math.min(images, 1000), 1);

    SimResult[] oldResults = null;
    SimResult[] spikeResults = null;
    SimResult[] newResults = null;
    for (int threads : threadCounts) {
      Timing o = oldImages == 0 ? null : Timing.of(() -> run(oldSim, inputs, oldImages, threads));
      Timing sp = Timing.of(() -> run(spikeSim, inputs, images, threads));
      Timing n = Timing.of(() -> run(newSim, inputs, images, threads));
      oldResults = o == null ? null : o.results;
      spikeResults = sp.results;
      newResults = n.results;
      System.out.printf(Locale.ROOT, "%d thread(s): new (input grouped by spike train) %s%n", threads, n.describe(images));
      System.out.printf(Locale.ROOT, "%d thread(s): one row per input spike (before the grouping) %s | new/this %.2fx "
          + "(per CPU-s %.2fx)%n", threads, sp.describe(images), sp.seconds / n.seconds, sp.cpuSeconds / n.cpuSeconds);
      if (o != null) {
        System.out.printf(Locale.ROOT, "%d thread(s): old per-synapse reference (first %d) %s | new/old %.1fx "
            + "(per CPU-s %.1fx)%n", threads, oldImages, o.describe(oldImages),
            (images / n.seconds) / (oldImages / o.seconds), (images / n.cpuSeconds) / (oldImages / o.cpuSeconds));
      }
    }
    System.out.println("first layer's currents exact in any order (grouping applies): "
        + compiled.firstLayerGroupable());
    int differing = 0;
    for (int i = 0; i < images; i++) {
      differing += same(spikeResults[i], newResults[i]) ? 0 : 1;
    }
    System.out.printf(Locale.ROOT, "identical results (every SimResult field), one row per spike vs new: %d of %d "
        + "images%s%n", images - differing, images, differing == 0 ? "" : "  <-- MISMATCH");
    int differingOld = 0;
    for (int i = 0; i < oldImages; i++) {
      differingOld += same(oldResults[i], newResults[i]) ? 0 : 1;
    }
    if (oldImages > 0) {
      System.out.printf(Locale.ROOT, "identical results (every SimResult field), old vs new: %d of %d images%s%n",
          oldImages - differingOld, oldImages, differingOld == 0 ? "" : "  <-- MISMATCH");
    }
    differing += differingOld;

    int cores = Runtime.getRuntime().availableProcessors();
    long c0 = DesireThroughput.processCpuNanos();
    EvalReport report = Evaluator.evaluate(net, test, enc, cores, null);
    double cpu = (DesireThroughput.processCpuNanos() - c0) / 1e9;
    System.out.printf(Locale.ROOT, "Evaluator.evaluate end to end (encoding included), %d threads: %.2f s, %.1f images/s "
            + "(%.1f per CPU-s), accuracy %.2f %%%n", report.threads(), report.seconds(), images / report.seconds(),
        images / cpu, 100.0 * report.correct() / images);
    long layer1 = 0;
    long layer2 = 0;
    long out = 0;
    long in = 0;
    for (SimResult r : newResults) {
      in += r.inputSpikes();
      layer1 += r.layerSpikes()[0];
      layer2 += r.layerSpikes()[1];
      out += r.layerSpikes()[2];
    }
    System.out.printf(Locale.ROOT, "activity per image: %.0f input spikes, %.0f hidden-1, %.0f hidden-2, %.1f output "
            + "spikes, %.2f M synaptic ops%n", in / (double) images, layer1 / (double) images,
        layer2 / (double) images, out / (double) images, ops(newResults, images) / (double) images / 1e6);

    Files.createDirectories(outDir);
    DesireNpyImport.export(net, outDir.resolve("npy"));
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < images; i++) {
      lines.add(newResults[i].prediction() + " " + (newResults[i].correct(test.label(i)) ? 1 : 0));
    }
    Files.write(outDir.resolve("predictions.txt"), lines);
    System.out.println("wrote " + outDir.resolve("npy") + "/fc1..3.npy and " + outDir.resolve("predictions.txt"));
    if (differing != 0) {
      System.exit(1);
    }
  }

  /** Wall-clock and process CPU time of one timed run. */
  record Timing(SimResult[] results, double seconds, double cpuSeconds) {
    interface Run {
      SimResult[] run() throws Exception;
    }

    static Timing of(Run r) throws Exception {
      long c0 = DesireThroughput.processCpuNanos();
      long t0 = System.nanoTime();
      SimResult[] res = r.run();
      return new Timing(res, (System.nanoTime() - t0) / 1e9, (DesireThroughput.processCpuNanos() - c0) / 1e9);
    }

    /**
     * Images/s and synaptic ops/s on the wall clock, and per CPU-second of the process (what one core
     * does while it runs: the figure that stays meaningful when other jobs share the machine).
     */
    String describe(int n) {
      double ops = ops(results, n);
      return String.format(Locale.ROOT, "%7.1f images/s (%7.1f per CPU-s), %6.3f G ops/s (%6.3f G per CPU-s)",
          n / seconds, n / cpuSeconds, ops / seconds / 1e9, ops / cpuSeconds / 1e9);
    }
  }

  /** The benchmark network: Kaiming-normal weights, rounded to float32, in the authors' topology. */
  static FloatNetwork benchmarkNetwork() {
    double[][][] w = KaimingNormal.weights(SIZES, 2026);
    for (double[][] layer : w) {
      for (double[] row : layer) {
        for (int i = 0; i < row.length; i++) {
          row[i] = (float) row[i];
        }
      }
    }
    return DesireTopology.floatNetwork("desire_bench", STEPS, 2, 1.0, 1, w);
  }

  /** Runs the first {@code n} inputs on {@code threads} simulators; results by input position. */
  static SimResult[] run(Supplier<Function<SpikeRaster, SimResult>> simulators, SpikeRaster[] inputs, int n,
      int threads) throws Exception {
    SimResult[] results = new SimResult[n];
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      AtomicInteger next = new AtomicInteger();
      List<Future<?>> fs = new ArrayList<>();
      for (int k = 0; k < threads; k++) {
        fs.add(pool.submit(() -> {
          Function<SpikeRaster, SimResult> sim = simulators.get();
          for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
            results[i] = sim.apply(inputs[i]);
          }
          return null;
        }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
      return results;
    } finally {
      pool.shutdown();
    }
  }

  static long ops(SimResult[] results, int n) {
    long s = 0;
    for (int i = 0; i < n; i++) {
      s += results[i].synapticOps();
    }
    return s;
  }

  static boolean same(SimResult a, SimResult b) {
    return a.prediction() == b.prediction() && a.unique() == b.unique() && a.decisionStep() == b.decisionStep()
        && a.earlyExit() == b.earlyExit() && Arrays.equals(a.outputCounts(), b.outputCounts())
        && Arrays.equals(a.layerSpikes(), b.layerSpikes()) && a.inputSpikes() == b.inputSpikes()
        && a.synapticOps() == b.synapticOps();
  }
}
