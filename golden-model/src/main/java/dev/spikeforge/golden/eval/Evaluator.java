package dev.spikeforge.golden.eval;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.SpikeEncoder;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.sim.CompiledFloatNetwork;
import dev.spikeforge.golden.sim.CompiledNetwork;
import dev.spikeforge.golden.sim.FloatSimulator;
import dev.spikeforge.golden.sim.IntSimulator;
import dev.spikeforge.golden.sim.SimResult;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.spec.NetworkSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Runs a network over a dataset on several threads. Each sample's result is stored at its
 * position, so the report is identical whatever the number of threads.
 */
public final class Evaluator {
  private Evaluator() {}

  /** Integer golden model. {@code encoder} is ignored for temporal datasets. */
  public static EvalReport evaluate(NetworkSpec net, Dataset data, SpikeEncoder encoder, int threads,
      IntConsumer progress) {
    checkShape(net.inputSize(), net.outputSize(), data);
    CompiledNetwork compiled = new CompiledNetwork(net);
    return run("int", net.layers().size(), net.timesteps(), data, encoder, threads, progress,
        () -> new IntSimulator(compiled)::run);
  }

  /** Floating-point reference. */
  public static EvalReport evaluate(FloatNetwork net, Dataset data, SpikeEncoder encoder, int threads,
      IntConsumer progress) {
    checkShape(net.inputSize(), net.outputSize(), data);
    CompiledFloatNetwork compiled = new CompiledFloatNetwork(net);
    return run("float", net.layers().size(), net.timesteps(), data, encoder, threads, progress,
        () -> new FloatSimulator(compiled)::run);
  }

  private static void checkShape(int inputs, int outputs, Dataset data) {
    int channels = data.isTemporal() ? data.raster(0).channels() : data.sampleLength();
    if (channels != inputs) {
      throw new IllegalArgumentException("dataset '" + data.name() + "' has " + channels
          + " input channels but the network expects " + inputs);
    }
    if (data.classes() > outputs) {
      throw new IllegalArgumentException("dataset '" + data.name() + "' has " + data.classes()
          + " classes but the network has only " + outputs + " outputs");
    }
  }

  private static EvalReport run(String model, int layers, int steps, Dataset data, SpikeEncoder encoder, int threads,
      IntConsumer progress, Supplier<Function<SpikeRaster, SimResult>> simulators) {
    int n = data.size();
    int[] predictions = new int[n];
    int[] decision = new int[n];
    boolean[] correct = new boolean[n];
    long[][] layerSpikes = new long[n][];
    long[] inputSpikes = new long[n];
    long[] ops = new long[n];
    int workers = Math.max(1, Math.min(threads, n));
    AtomicInteger next = new AtomicInteger();
    long t0 = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        fs.add(pool.submit(() -> {
          Function<SpikeRaster, SimResult> sim = simulators.get();
          for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
            SpikeRaster x = data.isTemporal() ? data.raster(i) : data.encode(i, encoder, steps);
            SimResult r = sim.apply(x);
            predictions[i] = r.prediction();
            decision[i] = r.decisionStep();
            correct[i] = r.correct(data.label(i));
            layerSpikes[i] = r.layerSpikes();
            inputSpikes[i] = r.inputSpikes();
            ops[i] = r.synapticOps();
            if (progress != null) {
              progress.accept(1);
            }
          }
          return null;
        }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("evaluation interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    int nCorrect = 0;
    double[] meanLayer = new double[layers];
    double meanInput = 0;
    long totalOps = 0;
    for (int i = 0; i < n; i++) {
      nCorrect += correct[i] ? 1 : 0;
      for (int l = 0; l < layers; l++) {
        meanLayer[l] += layerSpikes[i][l] / (double) n;
      }
      meanInput += inputSpikes[i] / (double) n;
      totalOps += ops[i];
    }
    return new EvalReport(model, n, nCorrect, predictions, decision, meanLayer, meanInput, totalOps, seconds, workers);
  }
}
