package dev.spikeforge.testbenches;

import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.golden.spec.hw.HwLayer;
import dev.spikeforge.golden.spec.hw.MemoryRole;
import dev.spikeforge.simkit.Bench;
import dev.spikeforge.simkit.Build;
import dev.spikeforge.simkit.BuildKey;
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
 */
public final class LearningVerifier {
  private LearningVerifier() {}

  /** One labelled training sample. */
  public record Sample(SpikeRaster input, int label) {}

  /**
   * @param workDir where the harness is built and run (reused when the RTL and harness are unchanged)
   * @param epoch the epoch the samples belong to (learning rate, LFSR streams)
   * @param firstPosition the position in the epoch of the first sample (the rest follow)
   * @param imageDir the directory the core's memory images are read from ({@code mem/...}), e.g. the build directory
   */
  public record Options(Path workDir, int epoch, long firstPosition, Path imageDir) {}

  /** The first difference between the hardware and the golden model. */
  public record Mismatch(int sample, int layer, String field, int address, int row, int neuron, long expected,
      long actual) {
    public String describe() {
      if (layer < 0) {
        return String.format(Locale.ROOT, "sample %d: %s expected %d, RTL %d", sample, field, expected, actual);
      }
      return String.format(Locale.ROOT,
          "sample %d, layer %d, weight word %d: %s of synapse (input %d → neuron %d) expected %d, RTL %d",
          sample, layer, address, field, row, neuron, expected, actual);
    }
  }

  /**
   * @param samples samples run
   * @param matching consecutive samples, from the first, after which every weight and the counts were identical
   * @param cycles clocks of the whole run
   * @param seconds wall time of the simulation
   */
  public record Report(int samples, int matching, long cycles, double seconds, Mismatch firstMismatch) {
    public boolean passed() {
      return firstMismatch == null && matching == samples;
    }
  }

  /**
   * Builds the learning harness around {@code verilog} in Verilator, runs every sample with a weight
   * readback after each, and compares with {@code reference} (which is trained as a side effect).
   */
  public static Report verify(Path verilog, HwCore core, LearningReference reference, List<Sample> samples,
      Options o) {
    Tools.system().requireVerilator();
    Path dir = WorkFiles.mkdirs(o.workDir());
    Build build = build(verilog, core, dir);
    Path script = dir.resolve("script.txt");
    Path out = dir.resolve("learn.out");
    writeScript(script, core, reference, samples, o);
    long maxCycles = 50_000_000L * Math.max(1, samples.size());
    long t0 = System.nanoTime();
    build.run(List.of(script.toAbsolutePath().toString(), out.toAbsolutePath().toString(), Long.toString(maxCycles)),
        o.imageDir(), dir.resolve("learn.log"), Duration.ofHours(2), "the learning harness of " + HwCore.TOP);
    double seconds = (System.nanoTime() - t0) / 1e9;
    return compare(out, core, reference, samples, o, seconds);
  }

  static Build build(Path verilog, HwCore core, Path dir) {
    VerilatorRunner runner = new VerilatorRunner(Tools.system(), VerilatorRunner.DEFAULT_BUILD_JOBS);
    String rtl = WorkFiles.read(verilog);
    String cpp = new LearnHarness(core).verilatorSource();
    List<String> flags = VerilatorSimulator.STREAM_FLAGS;
    String key = BuildKey.of(runner.version(), String.join(" ", flags), rtl, cpp, VerilatorRunner.waivers());
    WorkFiles.write(dir.resolve("core.sv"), rtl);
    WorkFiles.write(dir.resolve("learn_harness.cpp"), cpp);
    Bench bench = new Bench(HwCore.TOP, List.of(Path.of("core.sv"), Path.of("learn_harness.cpp")), flags,
        "the learning harness of " + HwCore.TOP + " in " + dir, dir.toAbsolutePath().getParent().resolve("verilator-runtime"),
        key);
    return runner.build(bench, dir);
  }

  private static int memoryIndex(HwCore core, int l) {
    return core.loadIndex(core.memory(l, MemoryRole.FEEDFORWARD));
  }

  /** Words of layer l's weight memory that hold synapses (input rows × groups). */
  private static int words(HwCore core, int l) {
    return core.layers().get(l).feedforward().depth();
  }

  static void writeScript(Path script, HwCore core, LearningReference ref, List<Sample> samples, Options o) {
    try (BufferedWriter w = Files.newBufferedWriter(script, StandardCharsets.US_ASCII)) {
      Path loads = script.resolveSibling("loads.txt");
      if (!LoadBeats.select(core, LoadBeats.SPRAM).isEmpty()) {
        LoadBeats.write(loads, o.imageDir(), core, LoadBeats.select(core, LoadBeats.SPRAM));
        for (String line : Files.readAllLines(loads, StandardCharsets.US_ASCII)) {
          w.write("L " + line + "\n");
        }
      }
      int s = ref.rateExponent(o.epoch());
      for (int k = 0; k < samples.size(); k++) {
        long position = o.firstPosition() + k;
        Sample x = samples.get(k);
        StringBuilder r = new StringBuilder("R ").append(x.label()).append(' ').append(s).append(' ')
            .append(Integer.toHexString(ref.dropoutState(o.epoch(), position)));
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
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + script, e);
    }
  }

  private static Report compare(Path out, HwCore core, LearningReference ref, List<Sample> samples, Options o,
      double seconds) {
    try (BufferedReader r = Files.newBufferedReader(out, StandardCharsets.US_ASCII)) {
      long cycles = 0;
      for (int k = 0; k < samples.size(); k++) {
        String line = r.readLine();
        if (line == null || !line.startsWith("O ")) {
          throw new SimulationException("learning harness log " + out + ": expected the output beat of sample " + k
              + ", found " + line);
        }
        String[] f = line.split(" ");
        int[] counts = new int[core.outputSize()];
        for (int j = 0; j < counts.length; j++) {
          counts[j] = Integer.parseInt(f[5 + j]);
        }
        Sample x = samples.get(k);
        int[] expected = ref.train(x.input(), x.label(), o.epoch(), o.firstPosition() + k);
        if (!Arrays.equals(expected, counts)) {
          return new Report(samples.size(), k, cycles, seconds, new Mismatch(k, -1, "output spike counts "
              + Arrays.toString(counts) + " (RTL) vs " + Arrays.toString(expected) + " (golden);", -1, -1, -1, 0, 1));
        }
        for (int l = 0; l < core.layers().size(); l++) {
          BigInteger[] want = ref.memoryWords(l);
          for (int a = 0; a < words(core, l); a++) {
            String d = r.readLine();
            if (d == null || !d.startsWith("D ")) {
              throw new SimulationException("learning harness log " + out + ": expected readback word " + a
                  + " of layer " + l + " after sample " + k + ", found " + d);
            }
            BigInteger got = new BigInteger(d.substring(2).strip(), 16);
            if (!got.equals(want[a])) {
              return new Report(samples.size(), k, cycles, seconds, wordMismatch(core, k, l, a, want[a], got));
            }
          }
        }
      }
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("E ")) {
          cycles = Long.parseLong(line.split(" ")[1]);
        }
      }
      return new Report(samples.size(), samples.size(), cycles, seconds, null);
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
        return new Mismatch(sample, l, "shadow weight", a, row, neuron, e, g);
      }
    }
    return new Mismatch(sample, l, "bits above the lanes", a, a / groups, -1, want.shiftRight(h.lanes() * width).longValue(),
        got.shiftRight(h.lanes() * width).longValue());
  }

  /** Lane p (two's complement, {@code width} bits) of a memory word. */
  private static long lane(BigInteger word, int p, int width) {
    long v = word.shiftRight(p * width).and(BigInteger.ONE.shiftLeft(width).subtract(BigInteger.ONE)).longValue();
    return (v << (64 - width)) >> (64 - width);
  }
}
