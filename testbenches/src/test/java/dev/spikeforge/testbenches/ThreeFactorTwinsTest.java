package dev.spikeforge.testbenches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.learning.threefactor.DerivativeLut;
import dev.spikeforge.golden.learning.threefactor.DelayUpdate;
import dev.spikeforge.golden.learning.threefactor.Eligibility;
import dev.spikeforge.golden.learning.threefactor.GaussianDerivativeKernel;
import dev.spikeforge.golden.learning.threefactor.GaussianSurrogate;
import dev.spikeforge.golden.learning.threefactor.SurrogateLut;
import dev.spikeforge.golden.learning.threefactor.Traces;
import dev.spikeforge.golden.learning.threefactor.WeightUpdate;
import dev.spikeforge.golden.numerics.Fx;
import dev.spikeforge.hwgen.twins.ThreeFactorBenches;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The arithmetic twins of the three-factor learning unit (hw-gen {@code HwThreeFactor}) against the
 * functions of {@code golden.learning.threefactor} that {@code ReplayLayerLearner} computes with,
 * bit-exact, in Verilator and Icarus, on every input at narrow widths (one simulator build of
 * twins.ThreeFactorTwinBench):
 *
 * <ul>
 *   <li>the surrogate code and entry of every 8-bit membrane v2 against θ = 5 ({@code SurrogateLut.code}, {@code value});
 *   <li>the delayed spike and the causal FIR sum of every 8-step history register at every delay 0..5
 *       ({@code DerivativeLut.derivative}, taps of radius 2);
 *   <li>the delay-trace step of every 8-bit trace × leak shift 0..3 × every FIR sum the taps can make
 *       ({@code Traces.step});
 *   <li>the eligibility step of every 6-bit eligibility × κ shift 0..3 × surrogate code × 5-bit signed trace
 *       ({@code Eligibility.accumulate}, saturating);
 *   <li>the shadow-weight update of every 5-bit shadow × 3-bit learning signal × 4-bit eligibility × 2-bit draw,
 *       stochastic and HALF_EVEN, and the forward weight ({@code WeightUpdate});
 *   <li>the shadow-delay update of every 5-bit shadow delay × 6-bit gradient term × 2-bit draw, clamped to
 *       [0, 5] and [1, 5], stochastic and HALF_EVEN, and the forward delay ({@code DelayUpdate}).
 * </ul>
 */
@Tag("sim")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ThreeFactorTwinsTest {
  private static final Path WORK = Path.of("target", "sim", "ThreeFactorTwinsTest");

  private static final int U_WIDTH = 8;
  /** Odd, so that every bit of v2 reaches the code through the borrow of v2 − θ. */
  private static final int THRESHOLD = 5;
  private static final int PSI_SHIFT = 1;
  private static final int PSI_FRAC_BITS = 4;
  static final SurrogateLut LUT = SurrogateLut.of(new GaussianSurrogate(3.0), PSI_SHIFT, 3, PSI_FRAC_BITS);
  static final int MAX_DELAY = 5;
  static final DerivativeLut DLUT = DerivativeLut.of(new GaussianDerivativeKernel(1.0, 2), 4);
  private static final int HISTORY = MAX_DELAY + DLUT.radius() + 1;
  private static final int Y_WIDTH = 8;
  private static final int K_WIDTH = 2;
  private static final int ELIGIBILITY_WIDTH = 6;
  private static final int TRACE_WIDTH = 5;
  private static final int WEIGHT_WIDTH = 3;
  private static final int WEIGHT_FRAC_BITS = 2;
  private static final int SIGNAL_WIDTH = 3;
  private static final int E_WIDTH = 4;
  private static final int ROUNDING_BITS = 2;
  private static final int WEIGHT_SHIFT = 2;
  private static final int DELAY_WIDTH = 3;
  private static final int DELAY_FRAC_BITS = 2;
  private static final int TERM_WIDTH = 6;
  private static final int DELAY_SHIFT = 2;

  private VectorHarness bench;
  private Map<String, CompiledHarness> sims;

  @BeforeAll
  void build() {
    if (!SimTools.verilatorAndIcarusInstalled()) {
      return; // each test then reports the missing tool itself (a failure when CI=true)
    }
    bench = emit(false, "rtl");
    sims = FxTwinsTest.compileBoth(bench, WORK);
  }

  private static VectorHarness emit(boolean mutant, String dir) {
    return VectorHarness.of(ThreeFactorBenches.emitTwinBench(U_WIDTH, THRESHOLD, PSI_SHIFT, LUT.entries(),
        PSI_FRAC_BITS + 1, MAX_DELAY, DLUT.taps(), Y_WIDTH, K_WIDTH, firWidth(), ELIGIBILITY_WIDTH, TRACE_WIDTH,
        WEIGHT_WIDTH, WEIGHT_FRAC_BITS, SIGNAL_WIDTH, E_WIDTH, ROUNDING_BITS, WEIGHT_SHIFT, DELAY_WIDTH,
        DELAY_FRAC_BITS, TERM_WIDTH, DELAY_SHIFT, mutant, WORK.resolve(dir)));
  }

  @BeforeEach
  void requireTools() {
    SimTools.requireVerilatorAndIcarus();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"verilator", "icarus"})
  void everyInputOfEveryThreeFactorTwin(String simulator) {
    TwinVectors.Cases cases = cases(bench, "acdefg", false);
    int codes = 2 * LUT.half() + 1;
    assertEquals(256 + 256 * (MAX_DELAY + 1) + 256 * 4 * firValues().length + 64 * 4 * codes * 32 + 32 * 8 * 16 * 4
        + 32 * 64 * 4, cases.inputs().length);
    CompiledHarness sim = sims.get(simulator);
    VectorComparison.assertSame(simulator + ": " + bench.top(), bench, cases.inputs(), cases.expected(),
        sim.run(cases.inputs()));
  }

  /**
   * The comparison is not vacuous. The mutant bench holds two wrong twins: {@code c_fir} reading the
   * window one step late (delay d + 1), and {@code e_next} leaking after the addition. The simulated
   * mutant agrees with a Java model of the same mistakes on every vector (so the simulator really runs it),
   * and the comparison against the golden functions reports, in each group, the first vector where the
   * mistake shows, naming only the wrong output.
   */
  @Test
  void wrongTwinsAreCaughtAtTheirFirstDifferingInput() {
    VectorHarness m = emit(true, "rtl-mutant");
    CompiledHarness sim = new IcarusSimulator().compile(m, WORK.resolve(m.top() + "-icarus"));
    for (String group : List.of("c", "e")) {
      String output = group.equals("c") ? "c_fir" : "e_next";
      VectorMismatch found = TwinVectors.assertMutantCaught(sim, m, cases(m, group, false), cases(m, group, true),
          output);
      String report = found.describe();
      assertTrue(report.contains("first at vector " + found.index()) && report.contains("<-- differs"), report);
    }
  }

  /** Every vector of the listed groups, in the order a, c, d, e, f, g; {@code mutant}: the mutant's model. */
  private static TwinVectors.Cases cases(VectorHarness h, String groups, boolean mutant) {
    TwinRows rows = new TwinRows(h);
    TwinRows.Model model = mutant ? ThreeFactorTwinsTest::expectMutant : ThreeFactorTwinsTest::expect;
    if (groups.contains("a")) {
      for (long u : signedRange(U_WIDTH)) {
        rows.add(rows.row().in("a_v2", u), model);
      }
    }
    if (groups.contains("c")) {
      for (long hist = 0; hist < 1L << HISTORY; hist++) {
        for (int d = 0; d <= MAX_DELAY; d++) {
          rows.add(rows.row().in("c_hist", hist).in("c_d", d), model);
        }
      }
    }
    if (groups.contains("d")) {
      for (long y : signedRange(Y_WIDTH)) {
        for (int k = 0; k < 1 << K_WIDTH; k++) {
          for (long in : firValues()) {
            rows.add(rows.row().in("d_y", y).in("d_k", k).in("d_in", in), model);
          }
        }
      }
    }
    if (groups.contains("e")) {
      for (long e : signedRange(ELIGIBILITY_WIDTH)) {
        for (int kappa = 0; kappa < 1 << K_WIDTH; kappa++) {
          for (int code = 0; code <= 2 * LUT.half(); code++) {
            for (long trace : signedRange(TRACE_WIDTH)) {
              rows.add(rows.row().in("e_e", e).in("e_kappa", kappa).in("e_code", code).in("e_trace", trace), model);
            }
          }
        }
      }
    }
    if (groups.contains("f")) {
      for (long sh : signedRange(WEIGHT_WIDTH + WEIGHT_FRAC_BITS)) {
        for (long l : signedRange(SIGNAL_WIDTH)) {
          for (long e : signedRange(E_WIDTH)) {
            for (long rnd = 0; rnd < 1L << ROUNDING_BITS; rnd++) {
              rows.add(rows.row().in("f_sh", sh).in("f_l", l).in("f_e", e).in("f_rnd", rnd), model);
            }
          }
        }
      }
    }
    if (groups.contains("g")) {
      for (long sh = 0; sh < 1L << (DELAY_WIDTH + DELAY_FRAC_BITS); sh++) {
        for (long term : signedRange(TERM_WIDTH)) {
          for (long rnd = 0; rnd < 1L << ROUNDING_BITS; rnd++) {
            rows.add(rows.row().in("g_sh", sh).in("g_term", term).in("g_rnd", rnd), model);
          }
        }
      }
    }
    return rows.cases();
  }

  /** The golden functions' answer for every output. */
  private static void expect(TwinRows.Row r) {
    int code = LUT.code(r.get("a_v2") - THRESHOLD);
    r.out("a_code", code);
    r.out("a_psi", LUT.value(code));

    boolean[] history = history(r.get("c_hist"));
    int d = (int) r.get("c_d");
    int t = HISTORY - 1;
    r.out("c_spike", history[t - d] ? 1 : 0);
    r.out("c_fir", DLUT.derivative(history, t, d));

    r.out("d_next", Traces.step(r.get("d_y"), (int) r.get("d_k"), r.get("d_in")));

    r.out("e_next", Eligibility.accumulate(r.get("e_e"), (int) r.get("e_kappa"), LUT.value((int) r.get("e_code")),
        r.get("e_trace"), ELIGIBILITY_WIDTH));

    int shadowWidth = WEIGHT_WIDTH + WEIGHT_FRAC_BITS;
    long product = r.get("f_l") * r.get("f_e");
    // UpdateRounding.shift of a draw r: Fx.shiftRightStochastic(v, s, r, K)
    long stochastic = Fx.saturate(r.get("f_sh") - Fx.shiftRightStochastic(product, WEIGHT_SHIFT, r.get("f_rnd"),
        ROUNDING_BITS), shadowWidth, true);
    r.out("f_sr", stochastic);
    r.out("f_he", WeightUpdate.applyShadow(r.get("f_sh"), r.get("f_l"), r.get("f_e"), WEIGHT_SHIFT, shadowWidth));
    r.out("f_fw", WeightUpdate.forward(stochastic, WEIGHT_FRAC_BITS, WEIGHT_WIDTH));

    long delta = Fx.shiftRightStochastic(r.get("g_term"), DELAY_SHIFT, r.get("g_rnd"), ROUNDING_BITS);
    long delay = clamp(r.get("g_sh") + delta, 0, MAX_DELAY);
    r.out("g_sr", delay);
    r.out("g_sr1", clamp(r.get("g_sh") + delta, 1, MAX_DELAY));
    r.out("g_he", DelayUpdate.applyShadow(r.get("g_sh"), r.get("g_term"), DELAY_SHIFT, DELAY_FRAC_BITS, 0, MAX_DELAY));
    r.out("g_fd", DelayUpdate.forward(delay, DELAY_FRAC_BITS));
  }

  /** The mutant bench's answer: as {@link #expect}, with its two deliberate mistakes. */
  private static void expectMutant(TwinRows.Row r) {
    expect(r);
    r.out("c_fir", DLUT.derivative(history(r.get("c_hist")), HISTORY - 1, (int) r.get("c_d") + 1));
    long sum = r.get("e_e") + (long) LUT.value((int) r.get("e_code")) * r.get("e_trace");
    r.out("e_next", Fx.saturate(Fx.leak(sum, (int) r.get("e_kappa")), ELIGIBILITY_WIDTH, true));
  }

  /** DelayUpdate's clamp to [lo·2^F_d, hi·2^F_d]. */
  private static long clamp(long n, int lo, int hi) {
    return Math.max((long) lo << DELAY_FRAC_BITS, Math.min((long) hi << DELAY_FRAC_BITS, n));
  }

  /** The spike train a history register holds at step t = HISTORY − 1: bit m is p[t − m]. */
  private static boolean[] history(long register) {
    boolean[] p = new boolean[HISTORY];
    for (int m = 0; m < HISTORY; m++) {
      p[HISTORY - 1 - m] = (register >> m & 1) == 1;
    }
    return p;
  }

  /** Every FIR sum the taps can make (the inputs of a delay-trace step). */
  private static long[] firValues() {
    TreeSet<Long> sums = new TreeSet<>();
    int n = DLUT.taps().length;
    for (int mask = 0; mask < 1 << n; mask++) {
      long s = 0;
      for (int i = 0; i < n; i++) {
        s += (mask >> i & 1) == 1 ? DLUT.taps()[i] : 0;
      }
      sums.add(s);
    }
    return sums.stream().mapToLong(Long::longValue).toArray();
  }

  /** Signed bits of every FIR sum. */
  private static int firWidth() {
    long max = Arrays.stream(DLUT.taps()).mapToLong(Math::abs).sum();
    return Fx.signedWidthFor(-max, max);
  }

  /** −2^(w−1) .. 2^(w−1) − 1. */
  static long[] signedRange(int w) {
    long[] r = new long[1 << w];
    for (int i = 0; i < r.length; i++) {
      r[i] = i - (1L << (w - 1));
    }
    return r;
  }
}
