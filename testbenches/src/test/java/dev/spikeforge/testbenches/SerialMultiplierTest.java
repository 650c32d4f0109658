package dev.spikeforge.testbenches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.compiler.map.HwMapper;
import dev.spikeforge.compiler.map.MappingOptions;
import dev.spikeforge.golden.spec.hw.DelayMode;
import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.golden.spec.hw.HwThreeFactorLearning;
import dev.spikeforge.golden.train.threefactor.HardwareLearningSpec;
import dev.spikeforge.golden.train.threefactor.NumericForm;
import dev.spikeforge.golden.train.threefactor.ThreeFactorConfig;
import dev.spikeforge.golden.train.threefactor.ThreeFactorEngine;
import dev.spikeforge.golden.train.threefactor.ThreeFactorTraining;
import dev.spikeforge.hwgen.GeneratedModule;
import dev.spikeforge.hwgen.twins.SerialMultiplierBench;
import dev.spikeforge.hwgen.twins.SerialMultiplierWidths;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * hw-gen's {@code SerialMultiplier} (the three-factor learner's one-bit-a-clock products, docs/hardware.md §7.2)
 * against {@code a * b}, in Verilator and Icarus, one simulator build of twins.SerialMultiplierBench for every
 * width: every product of 2×2, 3×4, 5×3, 4×6 and 6×5 bits (exhaustive), and for the widths the delay task's
 * 16-16-4 learning core multiplies with (synaptic delays, preset widths; {@code SerialMultiplierWidths}) 25
 * extreme pairs (each operand min, −1, 0, 1, max) and 1,000 random ones, each of these widths also in the form
 * the learner builds, without its own copy of a ({@code holdsA} false). Each product is loaded, read exactly
 * {@code latency(bWidth)} clocks after the load's edge, with other operands on the inputs meanwhile (they must
 * be ignored; the held form gets its a held and only b changing), and checked again while it is held on a random
 * 0..2 idle clocks; one load in ten is cut short by the next load 1..bWidth − 1 clocks later (a restart). A
 * multiplier without the adder's guard bit is caught.
 */
@Tag("sim")
class SerialMultiplierTest {
  private static final Path WORK = Path.of("target", "sim", "SerialMultiplierTest");
  private static final int[][] EXHAUSTIVE = {{2, 2}, {3, 4}, {5, 3}, {4, 6}, {6, 5}};
  private static final int RANDOM = 1_000;

  @BeforeEach
  void requireTools() {
    SimTools.requireVerilatorAndIcarus();
  }

  /**
   * The exhaustive widths, then the delay task core's (16-16-4, T = 64, synaptic delays, hardware form), then the
   * core's again as {@code {a, b, 1}}: built without the copy of a.
   */
  private static int[][] widths() {
    ThreeFactorConfig cfg = ThreeFactorConfig.preset(16, false, DelayMode.SYNAPTIC, NumericForm.HARDWARE);
    HwThreeFactorLearning spec = HardwareLearningSpec.of(cfg);
    HwCore core;
    try (ThreeFactorEngine e = ThreeFactorTraining.engine(cfg, 16, 4, 64)) {
      core = HwMapper.map(e.intNetwork(), MappingOptions.lanes(1));
    }
    List<int[]> all = new ArrayList<>(Arrays.asList(EXHAUSTIVE));
    int[][] coreWidths = SerialMultiplierWidths.of(spec, core);
    all.addAll(Arrays.asList(coreWidths));
    for (int[] p : coreWidths) {
      all.add(new int[] {p[0], p[1], 1});
    }
    return all.toArray(new int[0][]);
  }

  private static GeneratedModule emit(int[][] w, boolean mutant, String dir) {
    boolean[] held = new boolean[w.length];
    for (int i = 0; i < w.length; i++) {
      held[i] = held(w[i]);
    }
    return SerialMultiplierBench.emit(Arrays.stream(w).mapToInt(p -> p[0]).toArray(),
        Arrays.stream(w).mapToInt(p -> p[1]).toArray(), held, mutant, WORK.resolve(dir));
  }

  private static boolean held(int[] pair) {
    return pair.length > 2 && pair[2] == 1;
  }

  @Test
  void everyProductIsExactInBothSimulators() {
    int[][] w = widths();
    assertTrue(w.length > EXHAUSTIVE.length, "the core's widths are there");
    GeneratedModule m = emit(w, false, "bench");
    VectorHarness h = VectorHarness.of(m);
    Vectors v = vectors(h, w);
    for (Simulator s : List.<Simulator>of(new VerilatorSimulator(), new IcarusSimulator())) {
      CompiledHarness sim = s.compile(h, m.verilog().getParent().resolve(s.name()));
      long[][] actual = new ClockedVectors(sim.harness(), 1).run(sim, v.inputs());
      Optional<String> wrong = v.firstMismatch(s.name() + " " + m.moduleName(), actual);
      assertTrue(wrong.isEmpty(), () -> wrong.get());
    }
    // every exhaustive product was checked (and the random ones): the schedule is not empty by mistake
    long products = Arrays.stream(EXHAUSTIVE).mapToLong(p -> 1L << (p[0] + p[1])).sum()
        + (long) (w.length - EXHAUSTIVE.length) * (25 + RANDOM);
    assertEquals(products, v.products);
  }

  /** An adder of aWidth bits (no guard bit) wraps on large partial sums: caught. */
  @Test
  void aMultiplierWithoutTheGuardBitIsCaught() {
    int[][] w = widths();
    GeneratedModule m = emit(w, true, "mutant");
    VectorHarness h = VectorHarness.of(m);
    Vectors v = vectors(h, w);
    long[][] actual = new ClockedVectors(h, 1).run(new IcarusSimulator().compile(h,
        m.verilog().getParent().resolve("icarus")), v.inputs());
    Optional<String> wrong = v.firstMismatch("icarus " + m.moduleName(), actual);
    assertTrue(wrong.isPresent(), "the mutant must differ from a * b");
    assertTrue(wrong.get().contains("m0 (2x2)"), wrong.get());
  }

  /** Each multiplier's schedule on its own ports, all run side by side (the shorter ones idle at the end). */
  private static Vectors vectors(VectorHarness h, int[][] w) {
    Vectors v = new Vectors(h);
    SplittableRandom rnd = new SplittableRandom(2026);
    for (int i = 0; i < w.length; i++) {
      int a = w[i][0];
      int b = w[i][1];
      List<long[]> pairs = new ArrayList<>();
      if (i < EXHAUSTIVE.length) {
        for (long x = min(a); x <= max(a); x++) {
          for (long y = min(b); y <= max(b); y++) {
            pairs.add(new long[] {x, y});
          }
        }
      } else {
        long[] ea = {min(a), -1, 0, 1, max(a)};
        long[] eb = {min(b), -1, 0, 1, max(b)};
        for (long x : ea) {
          for (long y : eb) {
            pairs.add(new long[] {x, y});
          }
        }
        for (int n = 0; n < RANDOM; n++) {
          pairs.add(new long[] {rnd.nextLong(min(a), max(a) + 1), rnd.nextLong(min(b), max(b) + 1)});
        }
      }
      v.schedule(i, a, b, held(w[i]), pairs, rnd);
    }
    return v;
  }

  private static long min(int bits) {
    return -(1L << (bits - 1));
  }

  private static long max(int bits) {
    return (1L << (bits - 1)) - 1;
  }

  /** The bench's input vectors, one a clock (a reset first), and the products its outputs must show. */
  private static final class Vectors {
    private final VectorHarness harness;
    private final List<long[]> rows = new ArrayList<>();
    private final List<long[]> expected = new ArrayList<>(); // {row, port index, value}
    private final List<String> what = new ArrayList<>();
    long products;

    Vectors(VectorHarness harness) {
      this.harness = harness;
      row(0)[harness.inputIndex("reset")] = 1;
    }

    private long[] row(int r) {
      while (rows.size() <= r) {
        rows.add(new long[harness.inputs().size()]);
      }
      return rows.get(r);
    }

    /** Multiplier {@code i}'s loads of {@code pairs}, from row 1 on. */
    void schedule(int i, int a, int b, boolean held, List<long[]> pairs, SplittableRandom rnd) {
      int load = harness.inputIndex("m" + i + "_load");
      int ia = harness.inputIndex("m" + i + "_a");
      int ib = harness.inputIndex("m" + i + "_b");
      int out = harness.outputIndex("m" + i + "_product");
      int latency = SerialMultiplierBench.latency(b);
      int r = 1;
      for (long[] p : pairs) {
        if (rnd.nextInt(10) == 0) { // a load cut short by the next one
          long[] q = row(r);
          q[load] = 1;
          q[ia] = rnd.nextLong(min(a), max(a) + 1);
          q[ib] = rnd.nextLong(min(b), max(b) + 1);
          r += 1 + rnd.nextInt(latency - 1);
        }
        long[] q = row(r);
        q[load] = 1;
        q[ia] = p[0];
        q[ib] = p[1];
        for (int c = 1; c <= latency; c++) { // other operands on the inputs while it multiplies
          long[] z = row(r + c);
          z[ia] = held ? p[0] : rnd.nextLong(min(a), max(a) + 1);
          z[ib] = rnd.nextLong(min(b), max(b) + 1);
        }
        int hold = rnd.nextInt(3);
        row(r + latency + hold); // the idle clocks it is held on exist (the longest schedule ends with them)
        for (int c = 0; c <= hold; c++) {
          expected.add(new long[] {r + latency + c, out, p[0] * p[1]});
          what.add("m" + i + " (" + a + "x" + b + (held ? ", a held" : "") + ") " + p[0] + " * " + p[1] + ", " + c
              + " clocks after the product");
        }
        products++;
        r += latency + 1 + hold;
      }
    }

    long[][] inputs() {
      return rows.toArray(new long[0][]);
    }

    Optional<String> firstMismatch(String source, long[][] actual) {
      int wrong = 0;
      String first = null;
      for (int e = 0; e < expected.size(); e++) {
        long[] x = expected.get(e);
        long got = actual[(int) x[0]][(int) x[1]];
        if (got != x[2]) {
          wrong++;
          if (first == null) {
            first = source + ": " + what.get(e) + ", vector " + x[0] + ", is " + got + ", a * b is " + x[2];
          }
        }
      }
      return first == null ? Optional.empty()
          : Optional.of(first + "; " + wrong + " of " + expected.size() + " checked products differ");
    }
  }
}
