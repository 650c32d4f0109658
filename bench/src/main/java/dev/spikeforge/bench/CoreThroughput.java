package dev.spikeforge.bench;

import dev.spikeforge.compiler.build.BuildDirectory;
import dev.spikeforge.compiler.build.CompileConfig;
import dev.spikeforge.compiler.build.Compiler;
import dev.spikeforge.compiler.build.StimulusFile;
import dev.spikeforge.compiler.cycles.CycleModel;
import dev.spikeforge.compiler.cycles.SampleClocks;
import dev.spikeforge.compiler.map.MappingOptions;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.FashionMnist;
import dev.spikeforge.golden.data.RateEncoder;
import dev.spikeforge.golden.data.Split;
import dev.spikeforge.golden.network.RandomNetworks;
import dev.spikeforge.golden.sim.IntSimulator;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.sim.Trace;
import dev.spikeforge.golden.sim.TraceStep;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.ReadoutSpec;
import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.golden.spec.hw.HwLayer;
import dev.spikeforge.golden.spec.hw.HwSynapses;
import dev.spikeforge.golden.spec.hw.SynapseMode;
import dev.spikeforge.testbenches.CoreVerifier;
import dev.spikeforge.testbenches.VerilatorSimulator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Throughput of the neuron-array core in RTL simulation (Verilator, full-rate streams): synaptic
 * operations per clock achieved, against the memory-bandwidth bound of the configuration, as a
 * ratio. Every run is also a bit-exact verification against the golden model (the benchmark fails
 * otherwise).
 *
 * <p>Definitions. A synaptic operation is one (spike, target neuron) pair, as the golden model
 * counts them ({@code SimResult.synapticOps}). Each clock, layer l's weight memory delivers one
 * word of {@code lanes} lane words; a lane word carries one synapse (EVENT) or up to
 * {@code chunkWidth} synapses (CHUNK, popcount). The bandwidth-bound clocks of a sample are
 * {@code Σ_l ops_l / (lanes_l · synapsesPerLaneWord_l)}: the clocks the synaptic work would take if
 * every weight read carried only useful synapses and nothing else (neuron passes, clears, input
 * streaming, pipeline drains) took time. The ratio is bound clocks / measured clocks, measured from
 * a sample's first input beat to its output beat. Each configuration also checks the cycle model
 * ({@code CycleModel}) against the measured clocks of every sample (the benchmark fails otherwise) and
 * times it against the verification (golden model, Verilator, comparison).
 *
 * <p>Run: {@code bench/run-core-throughput.sh [samples=20] [work dir]}.
 */
public final class CoreThroughput {
  private CoreThroughput() {}

  /** One benchmark configuration. */
  record Config(String name, int[] sizes, int weightWidth, int maxDelay, boolean binarized, int lanes) {}

  static final List<Config> CONFIGS = List.of(
      new Config("784-128-10 w4", new int[] {784, 128, 10}, 4, 0, false, 1),
      new Config("784-128-10 w4", new int[] {784, 128, 10}, 4, 0, false, 4),
      new Config("784-128-10 w4", new int[] {784, 128, 10}, 4, 0, false, 16),
      new Config("784-128-10 w4", new int[] {784, 128, 10}, 4, 0, false, 0),
      new Config("784-128-10 w4, delays<=8", new int[] {784, 128, 10}, 4, 8, false, 4),
      new Config("784-256-10 binarized hidden", new int[] {784, 256, 10}, 4, 0, true, 4),
      new Config("784-256-10 binarized hidden", new int[] {784, 256, 10}, 4, 0, true, 16));

  public static void main(String[] args) {
    int samples = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    Path work = Path.of(args.length > 1 ? args[1] : "target/core-throughput");
    int steps = 20;
    Dataset test = FashionMnist.load(Split.TEST).slice(0, samples);
    RateEncoder enc = new RateEncoder();
    System.out.println("| network | lanes P | synaptic ops / sample | clocks / sample | ops / clock | bound ops / clock"
        + " | ratio | samples bit-exact | cycle model exact | cycle model µs CPU / sample | verify ms wall / sample |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
    for (Config c : CONFIGS) {
      NetworkSpec net = RandomNetworks.generate(new RandomNetworks.Options(c.sizes(), steps, c.weightWidth(), 16,
          c.maxDelay(), c.maxDelay() > 0, false, false, c.binarized(), ReadoutSpec.spikeCount(), 0.01), 42);
      String dirName = c.name().replaceAll("[^A-Za-z0-9]+", "_") + "_p" + c.lanes();
      Path dir = work.resolve(dirName);
      Compiler.compile(net, new CompileConfig(MappingOptions.lanes(c.lanes()), "generic", 1, 1), dir);
      BuildDirectory.Loaded b = BuildDirectory.load(dir);
      List<StimulusFile.Sample> stim = new ArrayList<>();
      for (int i = 0; i < samples; i++) {
        stim.add(new StimulusFile.Sample(test.id(i), test.encode(i, enc, steps)));
      }
      long v0 = System.nanoTime();
      CoreVerifier.Report r = CoreVerifier.verify(b, stim,
          new CoreVerifier.Options(List.of(new VerilatorSimulator()), work.resolve("simcache"), 0, false));
      long verifyNanos = System.nanoTime() - v0;
      if (!r.passed()) {
        throw new IllegalStateException(c.name() + ": RTL differs from the golden model:\n" + r.describeFailures());
      }
      double boundClocks = 0;
      IntSimulator golden = new IntSimulator(net);
      List<Trace> traces = new ArrayList<>();
      List<SpikeRaster> inputs = new ArrayList<>();
      for (StimulusFile.Sample s : stim) {
        Trace t = golden.runTraced(s.spikes(), "");
        traces.add(t);
        inputs.add(s.spikes());
        boundClocks += boundClocks(b.core(), t);
      }
      // CPU time of the model, the fastest of 5 runs (the JIT warms up in the first; wall time on a shared
      // machine mostly measures the other jobs)
      List<SampleClocks> model = null;
      long modelNanos = Long.MAX_VALUE;
      ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
      for (int rep = 0; rep < 5; rep++) {
        long m0 = cpu.getCurrentThreadCpuTime();
        model = CycleModel.timeline(b.core(), traces, inputs, 0); // fewer samples than CoreVerifier's batch
        modelNanos = Math.min(modelNanos, cpu.getCurrentThreadCpuTime() - m0);
      }
      long clocks = 0;
      int exact = 0;
      long[] measured = r.results().get(0).sampleCycles();
      for (int k = 0; k < samples; k++) {
        clocks += measured[k];
        exact += measured[k] == model.get(k).harnessClocks() ? 1 : 0;
      }
      double ops = r.synapticOps();
      System.out.printf(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.2f | %.2f | %.3f | %d/%d | %d/%d | %.1f | %.1f |%n",
          c.name(), c.lanes() == 0 ? "N (all)" : Integer.toString(c.lanes()), ops / samples, (double) clocks / samples,
          ops / clocks, ops / boundClocks, boundClocks / clocks, r.results().get(0).matching(), samples, exact, samples,
          modelNanos / 1e3 / samples, verifyNanos / 1e6 / samples);
      if (exact != samples) {
        throw new IllegalStateException(c.name() + ": the cycle model differs from Verilator on " + (samples - exact)
            + " samples");
      }
    }
  }

  /** The clocks the synaptic work of one sample takes at the weight memories' full bandwidth. */
  static double boundClocks(HwCore core, Trace t) {
    double clocks = 0;
    for (TraceStep st : t.steps()) {
      for (int l = 0; l < core.layers().size(); l++) {
        HwLayer h = core.layers().get(l);
        int ffEvents = l == 0 ? st.inputSpikes().length : st.spikes()[l - 1].length;
        clocks += (double) ffEvents * h.size() / (h.lanes() * perLaneWord(h.feedforward()));
        if (h.recurrent()) {
          clocks += (double) st.spikes()[l].length * h.size() / (h.lanes() * perLaneWord(h.recurrentSynapses()));
        }
      }
    }
    return clocks;
  }

  private static int perLaneWord(HwSynapses s) {
    return s.mode() == SynapseMode.CHUNK ? s.chunkWidth() : 1;
  }
}
