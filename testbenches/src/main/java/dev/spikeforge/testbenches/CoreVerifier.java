package dev.spikeforge.testbenches;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spikeforge.compiler.build.BuildDirectory;
import dev.spikeforge.compiler.build.StimulusFile;
import dev.spikeforge.golden.json.JsonMappers;
import dev.spikeforge.golden.sim.CompiledNetwork;
import dev.spikeforge.golden.sim.IntSimulator;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.sim.Trace;
import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.golden.spec.hw.HwLayer;
import dev.spikeforge.hwgen.HwPort;
import dev.spikeforge.simkit.SimulationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Verification of a build directory: the same stimulus through the golden model ({@link
 * IntSimulator#runTraced}) and through the core's RTL in each simulator (clocked stream harness),
 * compared exactly per step, layer, neuron and field ({@link CoreComparison}). The build directory
 * must have passed {@link BuildDirectory#load} (manifest checked against the spec). Writes {@code
 * reports/verify.json} and, on a mismatch, {@code reports/mismatch-<simulator>.txt} and a waveform
 * {@code reports/<simulator>-sample<k>.vcd} of the first failing sample.
 */
public final class CoreVerifier {
  private CoreVerifier() {}

  /**
   * @param simulators where to run the RTL
   * @param workRoot where simulator builds are kept (shared by builds of the same RTL), or null for
   *     {@code <build>/sim}
   * @param stallSeed 0 for full-rate streams (cycle counts are then the core's own), else the seed
   *     of random stalls on {@code in.valid} and {@code out.ready}
   * @param waveformOnMismatch re-run the first failing sample with a VCD
   * @param threads simulator runs at a time (each a batch of up to {@value #BATCH} samples, its own
   *     process); results do not depend on it
   */
  public record Options(List<Simulator> simulators, Path workRoot, int stallSeed, boolean waveformOnMismatch,
      int threads) {
    public Options {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1, got " + threads);
      }
    }

    /** Options with one simulator run at a time per core of this machine. */
    public Options(List<Simulator> simulators, Path workRoot, int stallSeed, boolean waveformOnMismatch) {
      this(simulators, workRoot, stallSeed, waveformOnMismatch, Runtime.getRuntime().availableProcessors());
    }

    public static Options of(Simulator... simulators) {
      return new Options(List.of(simulators), null, 0, true);
    }

    public Options withWorkRoot(Path p) {
      return new Options(simulators, p, stallSeed, waveformOnMismatch, threads);
    }

    public Options withStallSeed(int s) {
      return new Options(simulators, workRoot, s, waveformOnMismatch, threads);
    }

    public Options withThreads(int t) {
      return new Options(simulators, workRoot, stallSeed, waveformOnMismatch, t);
    }
  }

  /**
   * What one simulator did.
   *
   * @param sampleCycles per sample: clocks from its first input beat to its output beat
   * @param outCycles per sample: the clock of its output beat, counted from the reset of the simulator
   *     run it was in (runs hold {@value #BATCH} samples)
   * @param cycles clocks of the whole run (the sum over its simulator runs)
   * @param firstMismatch the first difference, if any
   * @param waveform VCD of the first failing sample, or null
   */
  public record SimulatorResult(String simulator, String version, int samples, int matching, long cycles,
      long[] sampleCycles, long[] outCycles, Optional<CoreMismatch> firstMismatch, Path waveform) {
    public boolean passed() {
      return firstMismatch.isEmpty() && matching == samples;
    }
  }

  /** The outcome of a verification. */
  public record Report(String network, String networkHash, int samples, long synapticOps, List<SimulatorResult> results) {
    public boolean passed() {
      return results.stream().allMatch(SimulatorResult::passed);
    }

    /** Every failing simulator's first mismatch, described. */
    public String describeFailures() {
      StringBuilder sb = new StringBuilder();
      for (SimulatorResult r : results) {
        r.firstMismatch().ifPresent(m -> sb.append(m.describe())
            .append(r.waveform() == null ? "" : "  waveform: " + r.waveform() + "\n"));
      }
      return sb.toString();
    }
  }

  /** Samples per simulator invocation: long runs are split so files stay small and runs stay short. */
  public static final int BATCH = 500;

  public static Report verify(BuildDirectory.Loaded b, List<StimulusFile.Sample> samples, Options options) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("no samples to verify");
    }
    HwCore core = b.core();
    CompiledNetwork compiled = new CompiledNetwork(b.network());
    StreamHarness harness = new StreamHarness(b.dir().resolve(BuildDirectory.RTL), core);
    harness.checkPorts(manifestPorts(b));
    String rtlKey = b.manifest().path("files").path(BuildDirectory.RTL).asText().substring(0, 16);
    List<SimulatorResult> results = new ArrayList<>();
    long ops = 0;
    ExecutorService pool = Executors.newFixedThreadPool(options.threads(), r -> {
      Thread t = new Thread(r, "verify-batch");
      t.setDaemon(true);
      return t;
    });
    try {
      for (int si = 0; si < options.simulators().size(); si++) {
        Simulator sim = options.simulators().get(si);
        Path work = (options.workRoot() != null ? options.workRoot() : b.dir().resolve("sim"))
            .resolve(sim.name() + "-" + rtlKey);
        CompiledStream cs = sim.compileStream(harness, work);
        Path runFiles = mkdirs(b.dir().resolve("sim").resolve(sim.name()));
        // SPRAM weights have no initial contents: every run writes them through the load port first
        Path loads = null;
        int loadBeats = 0;
        if (core.usesSpram()) {
          loads = runFiles.resolve("loads.txt");
          loadBeats = LoadBeats.write(loads, b.dir(), core, LoadBeats.select(core, LoadBeats.unloaded(core)));
        }
        Optional<CoreMismatch> first = Optional.empty();
        int failing = -1;
        Trace failingTrace = null;
        int matching = 0;
        long cycles = 0;
        long[] sampleCycles = new long[samples.size()];
        long[] outCycles = new long[samples.size()];
        // batches run options.threads() at a time, each in its own simulator process; they are
        // compared in order, so the first mismatch and every figure are those of a serial run
        Deque<Future<Batch>> running = new ArrayDeque<>();
        int nextFrom = 0;
        while (nextFrom < samples.size() || !running.isEmpty()) {
          while (nextFrom < samples.size() && running.size() < options.threads()) {
            int from = nextFrom;
            List<StimulusFile.Sample> batch = samples.subList(from, Math.min(samples.size(), from + BATCH));
            Path batchLoads = loads;
            int batchLoadBeats = loadBeats;
            running.add(pool.submit(() -> runBatch(b, compiled, cs, runFiles, from, batch, batchLoads, batchLoadBeats,
                options.stallSeed())));
            nextFrom += batch.size();
          }
          Batch done = join(running.poll());
          List<StimulusFile.Sample> batch = done.samples();
          if (si == 0) {
            ops += done.synapticOps();
          }
          StreamLog log = done.log();
          cycles += log.cycles();
          for (int k = 0; k < batch.size(); k++) {
            int at = done.from() + k;
            if (k >= log.samples().size()) {
              if (first.isEmpty()) {
                first = Optional.of(new CoreMismatch(sim.name(), at, batch.get(k).id(), -1, -1, "", -1, "output beat", 0, 0,
                    0, "the core produced only " + log.samples().size() + " output beats for " + batch.size() + " samples"));
                failing = at;
                failingTrace = done.traces().get(k);
              }
              continue;
            }
            StreamLog.SampleLog sl = log.samples().get(k);
            sampleCycles[at] = sl.out().cycle() - sl.firstBeatCycle();
            outCycles[at] = sl.out().cycle();
            Optional<CoreMismatch> m = CoreComparison.compare(sim.name(), at, batch.get(k).id(), b.network(), core,
                done.traces().get(k), sl);
            if (m.isEmpty()) {
              matching++;
            } else if (first.isEmpty()) {
              first = m;
              failing = at;
              failingTrace = done.traces().get(k);
            }
          }
        }
        Path wave = null;
        if (first.isPresent() && options.waveformOnMismatch()) {
          wave = waveform(b, cs, sim, samples.get(failing), failing, core, failingTrace, loads, loadBeats);
        }
        results.add(new SimulatorResult(sim.name(), sim.version(), samples.size(), matching, cycles, sampleCycles,
            outCycles, first, wave));
        if (first.isPresent()) {
          write(b.dir().resolve("reports").resolve("mismatch-" + sim.name() + ".txt"), first.get().describe()
              + (wave == null ? "" : "  waveform: " + b.dir().relativize(wave) + "\n"));
        }
      }
    } finally {
      pool.shutdownNow();
    }
    Report report = new Report(b.network().name(), b.networkHash(), samples.size(), ops, results);
    write(b.dir().resolve("reports").resolve("verify.json"), json(report, b));
    return report;
  }

  /** One simulator run: its samples (from index {@code from}), their golden traces, the simulator's log. */
  private record Batch(int from, List<StimulusFile.Sample> samples, List<Trace> traces, long synapticOps,
      StreamLog log) {}

  /** Traces a batch in the golden model and runs it in the simulator (files named after {@code from}). */
  private static Batch runBatch(BuildDirectory.Loaded b, CompiledNetwork compiled, CompiledStream cs, Path runFiles,
      int from, List<StimulusFile.Sample> batch, Path loads, int loadBeats, int stallSeed) {
    HwCore core = b.core();
    IntSimulator golden = new IntSimulator(compiled); // one per batch: a simulator is not thread-safe
    List<Trace> traces = new ArrayList<>(batch.size());
    List<SpikeRaster> rasters = new ArrayList<>(batch.size());
    long ops = 0;
    for (StimulusFile.Sample s : batch) {
      Trace t = golden.runTraced(s.spikes(), b.networkHash());
      traces.add(t);
      rasters.add(s.spikes());
      ops += t.result().synapticOps();
    }
    Path beats = runFiles.resolve("beats-" + from + ".txt");
    StreamBeats.write(beats, rasters, core.timesteps());
    Path out = runFiles.resolve("out-" + from + ".txt");
    cs.run(new StreamRun(b.dir(), beats, out, batch.size(), core.timesteps(),
        maxCycles(core, traces) + 4L * loadBeats, stallSeed, null, loads));
    StreamLog log = StreamLog.read(out, core.outputSize());
    try { // the log is read: the batch's stimulus and output files are of no further use
      Files.deleteIfExists(beats);
      Files.deleteIfExists(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the batch files in " + runFiles, e);
    }
    return new Batch(from, batch, traces, ops, log);
  }

  private static Batch join(Future<Batch> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SimulationException("verification interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Re-runs one sample alone with a VCD into reports/. */
  private static Path waveform(BuildDirectory.Loaded b, CompiledStream cs, Simulator sim, StimulusFile.Sample s, int k,
      HwCore core, Trace trace, Path loads, int loadBeats) {
    Path runFiles = b.dir().resolve("sim").resolve(sim.name());
    Path beats = runFiles.resolve("beats-sample" + k + ".txt");
    StreamBeats.write(beats, List.of(s.spikes()), core.timesteps());
    Path vcd = b.dir().resolve("reports").resolve(sim.name() + "-sample" + k + ".vcd");
    try {
      cs.run(new StreamRun(b.dir(), beats, runFiles.resolve("out-sample" + k + ".txt"), 1, core.timesteps(),
          maxCycles(core, List.of(trace)) + 4L * loadBeats, 0, vcd, loads));
    } catch (SimulationException e) {
      // the waveform is written up to the failure; keep it
    }
    return Files.exists(vcd) ? vcd : null;
  }

  /** A generous bound on the clocks the samples may take (the run fails beyond it). */
  static long maxCycles(HwCore core, List<Trace> traces) {
    long perStep = 0;
    long ring = 0;
    for (HwLayer h : core.layers()) {
      perStep += h.groups() + 64L;
      ring = Math.max(ring, (long) h.ringSlots() * h.groups());
    }
    long total = 0;
    for (Trace t : traces) {
      total += ring + 100 + (long) core.timesteps() * (perStep + core.inputSize()) + t.result().synapticOps()
          + t.result().inputSpikes() * 2;
    }
    return 4 * total + 100_000;
  }

  private static List<HwPort> manifestPorts(BuildDirectory.Loaded b) {
    List<HwPort> ports = new ArrayList<>();
    for (var p : b.manifest().path("ports")) {
      ports.add(new HwPort(p.path("name").asText(), p.path("width").asInt(), p.path("signed").asBoolean(),
          p.path("direction").asText().equals("input")));
    }
    return ports;
  }

  private static String json(Report r, BuildDirectory.Loaded b) {
    ObjectMapper mapper = JsonMappers.pretty();
    ObjectNode o = mapper.createObjectNode();
    o.put("format", "spikeforge.verify");
    o.put("version", 1);
    o.put("network", r.network());
    o.put("networkHash", r.networkHash());
    o.put("samples", r.samples());
    o.put("synapticOps", r.synapticOps());
    o.put("passed", r.passed());
    ArrayNode sims = o.putArray("simulators");
    for (SimulatorResult s : r.results()) {
      ObjectNode n = sims.addObject();
      n.put("simulator", s.simulator());
      n.put("version", s.version());
      n.put("samples", s.samples());
      n.put("matching", s.matching());
      n.put("cycles", s.cycles());
      n.put("passed", s.passed());
      s.firstMismatch().ifPresent(m -> {
        ObjectNode mm = n.putObject("firstMismatch");
        mm.put("sample", m.sample());
        mm.put("sampleId", m.sampleId());
        mm.put("step", m.step());
        mm.put("layer", m.layer());
        mm.put("neuron", m.neuron());
        mm.put("field", m.field());
        mm.put("expected", m.expected());
        mm.put("actual", m.actual());
        mm.put("report", "reports/mismatch-" + s.simulator() + ".txt");
      });
      if (s.waveform() != null) {
        n.put("waveform", b.dir().relativize(s.waveform()).toString());
      }
    }
    try {
      return mapper.writeValueAsString(o) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path mkdirs(Path p) {
    try {
      return Files.createDirectories(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + p, e);
    }
  }

  private static void write(Path f, String text) {
    try {
      Files.createDirectories(f.getParent());
      Files.writeString(f, text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + f, e);
    }
  }
}
