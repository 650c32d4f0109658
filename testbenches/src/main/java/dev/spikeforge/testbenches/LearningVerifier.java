package dev.spikeforge.testbenches;

import dev.spikeforge.golden.sim.LearningReference;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.spec.hw.DelayMode;
import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.golden.spec.hw.HwLayer;
import dev.spikeforge.golden.spec.hw.MemoryRole;
import dev.spikeforge.simkit.Bench;
import dev.spikeforge.simkit.Build;
import dev.spikeforge.simkit.BuildKey;
import dev.spikeforge.simkit.IcarusRunner;
import dev.spikeforge.simkit.SimulationException;
import dev.spikeforge.simkit.VerilatorRunner;
import dev.spikeforge.toolchain.Tools;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Verification of on-chip learning (issue 11, docs/hardware.md §7): the learning core learns from a
 * labelled stream in the simulator while the golden model ({@link LearningReference}) learns from the
 * same samples; after every sample, every word of every feedforward weight memory (read back through
 * the core's {@code peek} port) and the sample's output spike counts must be identical. The first
 * difference is reported by sample, layer, synapse (input row, neuron) and field, with the expected and
 * actual bits.
 *
 * <p>The RTL runs in Verilator, Icarus or both ({@link Options#simulators()}): both read the same
 * script ({@code script.txt}) and write the same log ({@link LearnHarness}), and the golden model is
 * trained once, each sample compared with every simulator's log in turn. On a mismatch the failing
 * simulator reruns the script up to and including the failing sample with a VCD (Verilator: a second
 * build with {@code --trace}), written with the mismatch report into {@link Options#reports()}.
 */
public final class LearningVerifier {
  private LearningVerifier() {}

  /** One labelled training sample. */
  public record Sample(SpikeRaster input, int label) {}

  /** A simulator the learning harness runs in. */
  public enum Sim {
    VERILATOR("verilator"),
    ICARUS("icarus");

    private final String id;

    Sim(String id) {
      this.id = id;
    }

    /** The name in reports and on the command line ({@code verilator}, {@code icarus}). */
    public String id() {
      return id;
    }

    /**
     * {@code verilator}, {@code icarus} or {@code both} (Verilator, then Icarus).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static List<Sim> parse(String s) {
      return switch (s == null ? "" : s.strip().toLowerCase(Locale.ROOT)) {
        case "verilator" -> List.of(VERILATOR);
        case "icarus" -> List.of(ICARUS);
        case "both" -> List.of(VERILATOR, ICARUS);
        default -> throw new IllegalArgumentException("unknown simulator '" + s
            + "': expected verilator, icarus or both");
      };
    }
  }

  /**
   * @param workDir where the harnesses are built and run (reused when the RTL and harness are unchanged)
   * @param epoch the epoch the samples belong to (learning rate, LFSR streams)
   * @param firstPosition the position in the epoch of the first sample (the rest follow)
   * @param imageDir the directory the core's memory images are read from ({@code mem/...}), e.g. the build directory
   * @param simulators where the RTL runs, each compared on its own (default: Verilator)
   * @param waveformOnMismatch on a mismatch, rerun the failing simulator up to the failing sample with a VCD (default)
   * @param reportDir where mismatch reports and VCDs go, or null for {@code workDir}
   */
  public record Options(Path workDir, int epoch, long firstPosition, Path imageDir, List<Sim> simulators,
      boolean waveformOnMismatch, Path reportDir) {
    public Options {
      simulators = List.copyOf(simulators);
      if (simulators.isEmpty() || simulators.stream().distinct().count() != simulators.size()) {
        throw new IllegalArgumentException("simulators must be one or more distinct simulators, got " + simulators);
      }
    }

    /** Verilator, a VCD on a mismatch, reports in {@code workDir}. */
    public Options(Path workDir, int epoch, long firstPosition, Path imageDir) {
      this(workDir, epoch, firstPosition, imageDir, List.of(Sim.VERILATOR), true, null);
    }

    public Options withSimulators(List<Sim> s) {
      return new Options(workDir, epoch, firstPosition, imageDir, s, waveformOnMismatch, reportDir);
    }

    public Options withSimulators(Sim... s) {
      return withSimulators(List.of(s));
    }

    public Options withWaveformOnMismatch(boolean w) {
      return new Options(workDir, epoch, firstPosition, imageDir, simulators, w, reportDir);
    }

    public Options withReportDir(Path d) {
      return new Options(workDir, epoch, firstPosition, imageDir, simulators, waveformOnMismatch, d);
    }

    /** Where mismatch reports and VCDs are written (absolute). */
    public Path reports() {
      return (reportDir != null ? reportDir : workDir).toAbsolutePath();
    }
  }

  /** The field a mismatch of an axonal delay word names (a three-factor core's learned axonal delays). */
  static final String AXONAL_DELAY = "axonal shadow delay";
  /** The field a mismatch of a recurrent word names (a three-factor core's learned recurrent synapses). */
  static final String RECURRENT_SHADOW = "recurrent shadow word";

  /**
   * The first difference between the hardware and the golden model.
   *
   * @param layer the layer, or -1 for a difference not in one layer (a missing beat)
   * @param address the weight word, or -1 for a difference in a neuron's output
   * @param note further detail (the bits, the counts, why a beat is missing), or null
   */
  public record Mismatch(int sample, int layer, String field, int address, int row, int neuron, long expected,
      long actual, String note) {
    public Mismatch(int sample, int layer, String field, int address, int row, int neuron, long expected, long actual) {
      this(sample, layer, field, address, row, neuron, expected, actual, null);
    }

    public String describe() {
      String tail = note == null ? "" : " (" + note + ")";
      if (layer < 0) {
        return String.format(Locale.ROOT, "sample %d: %s%s", sample, field, tail);
      }
      if (address < 0) {
        return String.format(Locale.ROOT, "sample %d, layer %d, neuron %d: %s expected %d, RTL %d%s", sample, layer,
            neuron, field, expected, actual, tail);
      }
      if (field.equals(RECURRENT_SHADOW)) {
        return String.format(Locale.ROOT,
            "sample %d, layer %d, recurrent word %d: %s of synapse (hidden %d → neuron %d) expected %d, RTL %d%s",
            sample, layer, address, field, row, neuron, expected, actual, tail);
      }
      if (field.equals(AXONAL_DELAY)) {
        return String.format(Locale.ROOT, "sample %d, layer %d, axonal delay word %d: %s of input %d expected %d, RTL %d%s",
            sample, layer, address, field, row, expected, actual, tail);
      }
      return String.format(Locale.ROOT,
          "sample %d, layer %d, weight word %d: %s of synapse (input %d → neuron %d) expected %d, RTL %d%s",
          sample, layer, address, field, row, neuron, expected, actual, tail);
    }
  }

  /**
   * What one simulator did.
   *
   * @param simulator {@link Sim#id()}
   * @param matching consecutive samples, from the first, after which every weight and the counts were identical
   * @param cycles clocks of the whole run
   * @param seconds wall time of the simulation (without the build)
   * @param waveform the VCD of the run up to the failing sample, or null
   * @param report the mismatch report, or null
   */
  public record SimulatorReport(String simulator, String version, int samples, int matching, long cycles,
      double seconds, Mismatch firstMismatch, Path waveform, Path report) {
    public boolean passed() {
      return firstMismatch == null && matching == samples;
    }

    public String describe() {
      return simulator + ": " + (passed() ? matching + "/" + samples + " samples bit-exact"
          : firstMismatch.describe() + (waveform == null ? "" : "\n  waveform: " + waveform));
    }
  }

  /**
   * The outcome: over every simulator (the fewest matching samples, the earliest first mismatch, the
   * cycles of the first simulator, the summed wall time) and per simulator.
   *
   * @param samples samples run
   * @param matching consecutive samples, from the first, after which every weight and the counts were
   *     identical in every simulator
   * @param cycles clocks of the whole run
   * @param seconds wall time of the simulations
   */
  public record Report(int samples, int matching, long cycles, double seconds, Mismatch firstMismatch,
      List<SimulatorReport> simulators) {
    public Report {
      simulators = List.copyOf(simulators);
    }

    public Report(int samples, int matching, long cycles, double seconds, Mismatch firstMismatch) {
      this(samples, matching, cycles, seconds, firstMismatch, List.of());
    }

    public boolean passed() {
      return firstMismatch == null && matching == samples && simulators.stream().allMatch(SimulatorReport::passed);
    }

    /** The VCD of the first failing simulator's run up to its failing sample, or null. */
    public Path waveform() {
      return simulators.stream().filter(r -> !r.passed() && r.waveform() != null).map(SimulatorReport::waveform)
          .findFirst().orElse(null);
    }

    /** One line per simulator (its first mismatch and waveform if it failed). */
    public String describe() {
      StringBuilder sb = new StringBuilder();
      for (SimulatorReport r : simulators) {
        sb.append(r.describe()).append('\n');
      }
      return sb.toString();
    }
  }

  /**
   * Builds the learning harness around {@code verilog} in every simulator of {@code o}, runs every
   * sample with a weight readback after each, and compares each simulator's log with {@code reference}
   * (which is trained once, as a side effect).
   */
  public static Report verify(Path verilog, HwCore core, LearningReference reference, List<Sample> samples,
      Options o) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("no samples to verify");
    }
    for (Sim s : o.simulators()) {
      if (s == Sim.VERILATOR) {
        Tools.system().requireVerilator();
      } else {
        Tools.system().requireIcarus();
      }
    }
    Path dir = WorkFiles.mkdirs(o.workDir());
    Path script = dir.resolve("script.txt");
    writeScript(script, core, reference, samples, o);
    long maxCycles = maxCycles(core, samples.size());
    List<Run> runs = new ArrayList<>();
    for (Sim s : o.simulators()) {
      runs.add(run(s, verilog, core, dir, script, maxCycles, o, null));
    }
    List<Outcome> outcomes = compare(runs, core, reference, samples, o);
    List<SimulatorReport> reports = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      Run r = runs.get(i);
      Outcome c = outcomes.get(i);
      Path wave = null;
      Path report = null;
      if (c.mismatch() != null) {
        if (o.waveformOnMismatch()) {
          wave = waveform(r.sim(), verilog, core, reference, samples, c.mismatch().sample(), o);
        }
        report = o.reports().resolve("learn-mismatch-" + r.sim().id() + ".txt");
        WorkFiles.mkdirs(o.reports());
        WorkFiles.write(report, r.sim().id() + ": " + c.mismatch().describe() + "\n"
            + (wave == null ? "" : "  waveform: " + wave + "\n") + (r.error() == null ? "" : r.error() + "\n"));
      }
      if (c.mismatch() == null) {
        try { // a report of an earlier run that failed
          Files.deleteIfExists(o.reports().resolve("learn-mismatch-" + r.sim().id() + ".txt"));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot delete an old mismatch report in " + o.reports(), e);
        }
      }
      reports.add(new SimulatorReport(r.sim().id(), r.version(), samples.size(), c.matching(), c.cycles(), r.seconds(),
          c.mismatch(), wave, report));
    }
    int matching = reports.stream().mapToInt(SimulatorReport::matching).min().orElse(0);
    Mismatch first = reports.stream().map(SimulatorReport::firstMismatch).filter(m -> m != null)
        .min(java.util.Comparator.comparingInt(Mismatch::sample)).orElse(null);
    double seconds = reports.stream().mapToDouble(SimulatorReport::seconds).sum();
    return new Report(samples.size(), matching, reports.get(0).cycles(), seconds, first, reports);
  }

  /**
   * A generous bound on the clocks of {@code samples} training samples and their readbacks (a run that
   * needs more has hung): per sample, 4 × (a forward pass with every input spiking in every step, a
   * desire pass reading every weight word, an update pass replaying T steps for every lane of every word
   * (docs/hardware.md §7, "Clocks of the learning passes"), and the readback), plus the load beats.
   */
  static long maxCycles(HwCore core, int samples) {
    long words = 0;
    long groups = 0;
    long ring = 0;
    long passes = 0;
    long loadWords = 0;
    long t = core.timesteps();
    for (HwLayer h : core.layers()) {
      long w = h.feedforward().depth();
      long p = h.lanes();
      words += w;
      groups += h.groups();
      ring = Math.max(ring, (long) h.ringSlots() * h.groups());
      passes += w * (p + 2) + w * (2 + p * (t + 4 + p)) + h.groups() * (t + 2);
    }
    for (var m : core.memories()) {
      loadWords += m.depth();
    }
    long perSample = 4 * (t * (words + groups + core.inputSize()) + passes + ring + 2 * words) + 10_000;
    return perSample * Math.max(1, samples) + 4 * loadWords + 100_000;
  }

  /** One simulator run of a script: its log, and the error that ended it early (or null). */
  private record Run(Sim sim, String version, Path out, double seconds, String error) {}

  /** Builds (or reuses) the harness of {@code sim} and runs {@code script} (with a VCD when {@code vcd} is set). */
  private static Run run(Sim sim, Path verilog, HwCore core, Path dir, Path script, long maxCycles, Options o, Path vcd) {
    Path simDir = dir.resolve(sim.id() + (vcd != null && sim == Sim.VERILATOR ? "-vcd" : ""));
    Build build = sim == Sim.VERILATOR ? build(verilog, core, simDir, vcd != null) : buildIcarus(verilog, core, simDir);
    String version = build.runner().version();
    String tag = vcd == null ? "" : "-vcd";
    Path out = simDir.resolve("learn" + tag + ".out");
    List<String> args = sim == Sim.VERILATOR
        ? new ArrayList<>(List.of(script.toAbsolutePath().toString(), out.toAbsolutePath().toString(),
            Long.toString(maxCycles)))
        : new ArrayList<>(List.of("+script=" + script.toAbsolutePath(), "+out=" + out.toAbsolutePath(),
            "+maxcycles=" + maxCycles));
    if (vcd != null) {
      args.add(sim == Sim.VERILATOR ? vcd.toAbsolutePath().toString() : "+vcd=" + vcd.toAbsolutePath());
    }
    String error = null;
    long t0 = System.nanoTime();
    try {
      String text = build.run(args, o.imageDir(), simDir.resolve("learn" + tag + ".log"), Duration.ofHours(2),
          "the learning harness of " + HwCore.TOP);
      if (text.contains("timeout after")) {
        error = build.runner().title() + " run of the learning harness: " + text.strip();
      }
    } catch (SimulationException e) {
      error = e.getMessage();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    return new Run(sim, version, out, seconds, error);
  }

  static Build build(Path verilog, HwCore core, Path dir) {
    return build(verilog, core, dir, false);
  }

  /** The Verilator harness in {@code dir}; with {@code vcd}, built with {@code --trace} (no shared runtime). */
  static Build build(Path verilog, HwCore core, Path dir, boolean vcd) {
    VerilatorRunner runner = new VerilatorRunner(Tools.system(), VerilatorRunner.DEFAULT_BUILD_JOBS);
    String rtl = WorkFiles.read(verilog);
    String cpp = new LearnHarness(core).verilatorSource();
    List<String> flags = new ArrayList<>(VerilatorSimulator.STREAM_FLAGS);
    if (vcd) {
      flags.addAll(List.of("--trace", "-CFLAGS", "-DSPIKEFORGE_VCD"));
    }
    String key = BuildKey.of(runner.version(), String.join(" ", flags), rtl, cpp, VerilatorRunner.waivers());
    WorkFiles.mkdirs(dir);
    WorkFiles.write(dir.resolve("core.sv"), rtl);
    WorkFiles.write(dir.resolve("learn_harness.cpp"), cpp);
    Bench bench = new Bench(HwCore.TOP, List.of(Path.of("core.sv"), Path.of("learn_harness.cpp")), flags,
        "the learning harness of " + HwCore.TOP + " in " + dir,
        vcd ? null : dir.toAbsolutePath().getParent().resolve("verilator-runtime"), key);
    return runner.build(bench, dir);
  }

  /** The Icarus testbench in {@code dir} ({@code -g2012 -Wall}, any warning an error). */
  static Build buildIcarus(Path verilog, HwCore core, Path dir) {
    IcarusRunner runner = new IcarusRunner(Tools.system());
    String rtl = WorkFiles.read(verilog);
    String tb = new LearnHarness(core).icarusSource();
    List<String> flags = List.of("-DENABLE_INITIAL_MEM_");
    String key = BuildKey.of(runner.version(), String.join(" ", flags), rtl, tb);
    WorkFiles.mkdirs(dir);
    WorkFiles.write(dir.resolve("core.sv"), rtl);
    WorkFiles.write(dir.resolve("learn_tb.v"), tb);
    Bench bench = new Bench(LearnHarness.ICARUS_TOP, List.of(Path.of("core.sv"), Path.of("learn_tb.v")), flags,
        "the learning testbench of " + HwCore.TOP + " in " + dir, null, key);
    return runner.build(bench, dir);
  }

  /**
   * Reruns {@code sim} on the script up to and including sample {@code failing} with a VCD; returns the
   * VCD (kept when the run fails part way), or null if none was written.
   */
  private static Path waveform(Sim sim, Path verilog, HwCore core, LearningReference ref, List<Sample> samples,
      int failing, Options o) {
    Path dir = WorkFiles.mkdirs(o.workDir().resolve("waveform-" + sim.id()));
    Path script = dir.resolve("script.txt");
    List<Sample> prefix = samples.subList(0, Math.min(samples.size(), failing + 1));
    writeScript(script, core, ref, prefix, o);
    WorkFiles.mkdirs(o.reports());
    Path vcd = o.reports().resolve(sim.id() + "-learn-sample" + failing + ".vcd");
    try {
      Files.deleteIfExists(vcd);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot replace " + vcd, e);
    }
    run(sim, verilog, core, o.workDir(), script, maxCycles(core, prefix.size()), o, vcd);
    return Files.exists(vcd) ? vcd : null;
  }

  private static int memoryIndex(HwCore core, int l) {
    return core.loadIndex(core.memory(l, MemoryRole.FEEDFORWARD));
  }

  /**
   * The load index of layer l's axonal memory, which holds the learned axonal delays a reference's {@link
   * LearningReference#delayWords} names.
   */
  private static int axonalIndex(HwCore core, int l) {
    if (core.layers().get(l).delayMode() != DelayMode.AXONAL) {
      throw new IllegalArgumentException("the golden reference learns axonal delays of layer " + l + ", but the core's"
          + " layer has " + core.layers().get(l).delayMode() + " delays (no axonal memory)");
    }
    return core.loadIndex(core.memory(l, MemoryRole.AXONAL));
  }

  /**
   * The load index of layer l's recurrent memory, which holds the learned recurrent synapses a reference's {@link
   * LearningReference#recurrentWords} names.
   */
  private static int recurrentIndex(HwCore core, int l) {
    if (!core.layers().get(l).recurrent()) {
      throw new IllegalArgumentException("the golden reference learns recurrent synapses of layer " + l + ", but the"
          + " core's layer is feedforward (no recurrent memory)");
    }
    return core.loadIndex(core.memory(l, MemoryRole.RECURRENT));
  }

  /** Words of layer l's weight memory that hold synapses (input rows × groups). */
  private static int words(HwCore core, int l) {
    return core.layers().get(l).feedforward().depth();
  }

  static void writeScript(Path script, HwCore core, LearningReference ref, List<Sample> samples, Options o) {
    try (BufferedWriter w = Files.newBufferedWriter(script, StandardCharsets.US_ASCII)) {
      Path loads = script.resolveSibling("loads.txt");
      if (!LoadBeats.select(core, LoadBeats.unloaded(core)).isEmpty()) {
        LoadBeats.write(loads, o.imageDir(), core, LoadBeats.select(core, LoadBeats.unloaded(core)));
        for (String line : Files.readAllLines(loads, StandardCharsets.US_ASCII)) {
          w.write("L " + line + "\n");
        }
      }
      int s = ref.rateExponent(o.epoch());
      for (int k = 0; k < samples.size(); k++) {
        long position = o.firstPosition() + k;
        Sample x = samples.get(k);
        StringBuilder r = new StringBuilder("R ").append(x.label()).append(' ').append(s).append(' ')
            .append(Integer.toHexString(core.learning() != null ? ref.dropoutState(o.epoch(), position)
                : ref.feedbackState()));
        for (int l = 0; l < core.layers().size(); l++) {
          r.append(' ').append(Integer.toHexString(ref.roundingState(l, o.epoch(), position)));
        }
        w.write(r.append('\n').toString());
        SpikeRaster in = x.input();
        for (int t = 0; t < core.timesteps(); t++) {
          for (int i : in.at(t)) {
            w.write("I " + Integer.toHexString(i) + " 0\n");
          }
          w.write("I 0 1\n");
        }
        for (int l = 0; l < core.layers().size(); l++) {
          int mem = memoryIndex(core, l);
          for (int a = 0; a < words(core, l); a++) {
            w.write("P " + mem + " " + Integer.toHexString(a) + "\n");
          }
        }
        for (int l = 0; l < core.layers().size(); l++) {
          BigInteger[] delays = ref.delayWords(l);
          for (int a = 0; delays != null && a < delays.length; a++) {
            w.write("P " + axonalIndex(core, l) + " " + Integer.toHexString(a) + "\n");
          }
        }
        for (int l = 0; l < core.layers().size(); l++) {
          BigInteger[] rec = ref.recurrentWords(l);
          for (int a = 0; rec != null && a < rec.length; a++) {
            w.write("P " + recurrentIndex(core, l) + " " + Integer.toHexString(a) + "\n");
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + script, e);
    }
  }

  /** What the comparison found for one simulator. */
  private record Outcome(int matching, long cycles, Mismatch mismatch) {}

  /** One simulator's log being read, sample by sample. */
  private static final class LogCursor implements AutoCloseable {
    final Run run;
    final BufferedReader in;
    Mismatch mismatch;
    int matching;

    LogCursor(Run run) throws IOException {
      this.run = run;
      this.in = Files.exists(run.out()) ? Files.newBufferedReader(run.out(), StandardCharsets.US_ASCII)
          : new BufferedReader(new java.io.StringReader(""));
    }

    /** The next line, or null at the end (or where the run stopped). */
    String next() throws IOException {
      String line = in.readLine();
      return line == null || line.startsWith("E ") ? null : line;
    }

    /** Why a beat is missing: the run's error, or a short log. */
    String missing() {
      return run.error() != null ? firstLine(run.error()) : "the log " + run.out() + " ends early";
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /**
   * Trains {@code ref} on every sample once and compares every run's log with it after each; a run is
   * no longer read after its first mismatch.
   */
  private static List<Outcome> compare(List<Run> runs, HwCore core, LearningReference ref, List<Sample> samples,
      Options o) {
    List<LogCursor> logs = new ArrayList<>();
    try {
      for (Run r : runs) {
        logs.add(new LogCursor(r));
      }
      int last = core.layers().size() - 1;
      for (int k = 0; k < samples.size(); k++) {
        Sample x = samples.get(k);
        int[] expected = ref.learn(x.input(), x.label(), o.epoch(), o.firstPosition() + k);
        BigInteger[][] want = new BigInteger[core.layers().size()][];
        BigInteger[][] wantDelays = new BigInteger[core.layers().size()][];
        BigInteger[][] wantRecurrent = new BigInteger[core.layers().size()][];
        for (int l = 0; l < want.length; l++) {
          want[l] = ref.memoryWords(l);
          wantDelays[l] = ref.delayWords(l);
          wantRecurrent[l] = ref.recurrentWords(l);
        }
        for (LogCursor c : logs) {
          if (c.mismatch == null) {
            c.mismatch = compareSample(c, core, k, last, expected, want, wantDelays, wantRecurrent);
            if (c.mismatch == null) {
              c.matching++;
            }
          }
        }
      }
      List<Outcome> out = new ArrayList<>();
      for (LogCursor c : logs) {
        out.add(new Outcome(c.matching, cycles(c.run.out()), c.mismatch));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read a learning harness log", e);
    } finally {
      for (LogCursor c : logs) {
        try {
          c.close();
        } catch (IOException e) {
          // read only
        }
      }
    }
  }

  /**
   * Sample k of one log against the golden counts, weight memory words, axonal delay words (null for a layer
   * without learned axonal delays) and recurrent words (null for a layer without learned recurrent synapses), or
   * null if identical.
   */
  private static Mismatch compareSample(LogCursor c, HwCore core, int k, int last, int[] expected, BigInteger[][] want,
      BigInteger[][] wantDelays, BigInteger[][] wantRecurrent) throws IOException {
    String line = c.next();
    if (line == null || !line.startsWith("O ")) {
      return new Mismatch(k, -1, "no output beat", -1, -1, -1, 0, 0, line == null ? c.missing() : "found: " + line);
    }
    String[] f = line.split(" ");
    if (f.length != 5 + core.outputSize()) {
      return new Mismatch(k, -1, "malformed output beat", -1, -1, -1, 0, 0, line);
    }
    for (int j = 0; j < expected.length; j++) {
      long got;
      try {
        got = Long.parseLong(f[5 + j]);
      } catch (NumberFormatException e) {
        return new Mismatch(k, last, "output spike count", -1, -1, j, expected[j], -1,
            "RTL count '" + f[5 + j] + "' has unknown bits");
      }
      if (got != expected[j]) {
        StringBuilder rtl = new StringBuilder();
        for (int i = 0; i < expected.length; i++) {
          rtl.append(i == 0 ? "[" : ", ").append(f[5 + i]);
        }
        return new Mismatch(k, last, "output spike count", -1, -1, j, expected[j], got,
            "counts: RTL " + rtl + "], golden " + Arrays.toString(expected));
      }
    }
    for (int l = 0; l < want.length; l++) {
      for (int a = 0; a < words(core, l); a++) {
        Readback r = readback(c);
        if (r.hex() == null) {
          return new Mismatch(k, l, "no readback word " + a, -1, -1, -1, 0, 0, r.missing(c));
        }
        BigInteger got = r.value();
        if (got == null) {
          HwLayer h = core.layers().get(l);
          return new Mismatch(k, l, "readback word with unknown (X/Z) bits", a, a / h.groups(), -1, 0, 0,
              "RTL " + r.hex() + ", golden " + want[l][a].toString(16));
        }
        if (!got.equals(want[l][a])) {
          return wordMismatch(core, k, l, a, want[l][a], got);
        }
      }
    }
    for (int l = 0; l < wantDelays.length; l++) {
      for (int a = 0; wantDelays[l] != null && a < wantDelays[l].length; a++) {
        Readback r = readback(c);
        if (r.hex() == null) {
          return new Mismatch(k, l, "no readback of axonal delay word " + a, -1, -1, -1, 0, 0, r.missing(c));
        }
        BigInteger got = r.value();
        if (got == null) {
          return new Mismatch(k, l, AXONAL_DELAY, a, a, -1, wantDelays[l][a].longValue(), -1,
              "RTL " + r.hex() + " has unknown (X/Z) bits");
        }
        if (!got.equals(wantDelays[l][a])) {
          return new Mismatch(k, l, AXONAL_DELAY, a, a, -1, wantDelays[l][a].longValue(), got.longValue(),
              "bits " + wantDelays[l][a].toString(2) + " expected, " + got.toString(2) + " RTL");
        }
      }
    }
    for (int l = 0; l < wantRecurrent.length; l++) {
      for (int a = 0; wantRecurrent[l] != null && a < wantRecurrent[l].length; a++) {
        Readback r = readback(c);
        if (r.hex() == null) {
          return new Mismatch(k, l, "no readback of recurrent word " + a, -1, -1, -1, 0, 0, r.missing(c));
        }
        BigInteger got = r.value();
        HwLayer h = core.layers().get(l);
        if (got == null) {
          return new Mismatch(k, l, RECURRENT_SHADOW, a, a / h.groups(), -1, 0, -1,
              "RTL " + r.hex() + " has unknown (X/Z) bits, golden " + wantRecurrent[l][a].toString(16));
        }
        if (!got.equals(wantRecurrent[l][a])) {
          return recurrentMismatch(core, k, l, a, wantRecurrent[l][a], got);
        }
      }
    }
    return null;
  }

  /**
   * The first lane of recurrent word {@code a} that differs: the synapse (hidden k → neuron j) and its packed shadow
   * word (the {@code weight} field, and with recurrent delays the {@code delay} field, of {@code
   * HwThreeFactorLearning.learningRecurrentSynapses}).
   */
  static Mismatch recurrentMismatch(HwCore core, int sample, int l, int a, BigInteger want, BigInteger got) {
    HwLayer h = core.layers().get(l);
    var layout = core.memory(l, MemoryRole.RECURRENT).laneWord();
    int width = layout.width();
    int groups = h.groups();
    for (int p = 0; p < h.lanes(); p++) {
      BigInteger mask = BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE);
      BigInteger e = want.shiftRight(p * width).and(mask);
      BigInteger g = got.shiftRight(p * width).and(mask);
      if (!e.equals(g)) {
        StringBuilder fields = new StringBuilder();
        for (String name : layout.names()) {
          fields.append(fields.length() == 0 ? "" : ", ").append(name).append(' ')
              .append(layout.unpack(e, name)).append(" expected, ").append(layout.unpack(g, name)).append(" RTL");
        }
        return new Mismatch(sample, l, RECURRENT_SHADOW, a, a / groups, (a % groups) * h.lanes() + p, e.longValue(),
            g.longValue(), fields.toString());
      }
    }
    return new Mismatch(sample, l, "bits above the lanes of a recurrent word", a, a / groups, -1,
        want.shiftRight(h.lanes() * width).longValue(), got.shiftRight(h.lanes() * width).longValue());
  }

  /**
   * One readback line of a log: {@code hex} null when the next line is not a readback ({@code line} then holds it,
   * or null where the log ends), {@code value} null when its word has unknown (X/Z) bits.
   */
  private record Readback(String line, String hex, BigInteger value) {
    /** Why the readback is missing: the line found instead, or why the log ended. */
    String missing(LogCursor c) {
      return line == null ? c.missing() : "found: " + line;
    }
  }

  private static Readback readback(LogCursor c) throws IOException {
    String d = c.next();
    if (d == null || !d.startsWith("D ")) {
      return new Readback(d, null, null);
    }
    String hex = d.substring(2).strip();
    try {
      return new Readback(d, hex, new BigInteger(hex, 16));
    } catch (NumberFormatException e) {
      return new Readback(d, hex, null);
    }
  }

  /** The clocks of a run (its {@code E} line), or 0 if it did not end. */
  private static long cycles(Path out) {
    if (!Files.exists(out)) {
      return 0;
    }
    try (BufferedReader r = Files.newBufferedReader(out, StandardCharsets.US_ASCII)) {
      long cycles = 0;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("E ")) {
          cycles = Long.parseLong(line.split(" ")[1]);
        }
      }
      return cycles;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + out, e);
    }
  }

  /** The first lane of word {@code a} that differs, as a synapse and its shadow values. */
  static Mismatch wordMismatch(HwCore core, int sample, int l, int a, BigInteger want, BigInteger got) {
    HwLayer h = core.layers().get(l);
    int width = h.feedforward().laneWord().width();
    int groups = h.groups();
    for (int p = 0; p < h.lanes(); p++) {
      long e = lane(want, p, width);
      long g = lane(got, p, width);
      if (e != g) {
        int row = a / groups;
        int neuron = (a % groups) * h.lanes() + p;
        return new Mismatch(sample, l, "shadow weight", a, row, neuron, e, g,
            "bits " + bits(e, width) + " expected, " + bits(g, width) + " RTL");
      }
    }
    return new Mismatch(sample, l, "bits above the lanes", a, a / groups, -1, want.shiftRight(h.lanes() * width).longValue(),
        got.shiftRight(h.lanes() * width).longValue());
  }

  private static String bits(long v, int width) {
    StringBuilder sb = new StringBuilder();
    for (int b = width - 1; b >= 0; b--) {
      sb.append((v >>> b) & 1);
    }
    return sb.toString();
  }

  /** Lane p (two's complement, {@code width} bits) of a memory word. */
  private static long lane(BigInteger word, int p, int width) {
    long v = word.shiftRight(p * width).and(BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE)).longValue();
    return (v << (64 - width)) >> (64 - width);
  }
}
