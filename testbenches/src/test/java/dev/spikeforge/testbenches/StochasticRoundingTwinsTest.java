package dev.spikeforge.testbenches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.learning.DesireBackpropInt;
import dev.spikeforge.golden.numerics.Fx;
import dev.spikeforge.hwgen.twins.TwinBenches;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The stochastic-rounding twins (hw-gen {@code HwFx.shiftRightStochastic}, {@code
 * HwDesire.shiftUpdateStochastic}, {@code shiftUpdateStochasticSaturated}, {@code
 * updatedShadowStochastic}) against {@code Fx.shiftRightStochastic} and {@code DesireBackpropInt},
 * bit-exact, in Verilator and Icarus, on every input at narrow widths (one simulator build of
 * twins.StochasticTwinBench):
 *
 * <ul>
 *   <li>every 8-bit value (signed and unsigned) × every 3-bit draw × every runtime shift 0..15 (R below,
 *       at and above K, and beyond the value); every 3-bit value × every 6-bit draw × shift 0..15
 *       (more random bits than value bits);
 *   <li>the desire update: every 4-bit trace sum × every shift R in −8..7 × every 3-bit draw × every
 *       5-bit shadow weight (both saturation ends included) × both signs: Δ exact, Δ saturated to the
 *       shadow width (5 bits, less than the largest left shift 8) and to 10 bits (more), the updated
 *       shadow weight, and that update in the learning unit's two steps saturated to 3 bits;
 *   <li>the same update at a learning core's widths (16-bit U, R in −32..31, K = 16, 8-bit shadow): every
 *       R × edge values of U, r and sh × both signs, and 16,384 random vectors.
 * </ul>
 */
@Tag("sim")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StochasticRoundingTwinsTest {
  private static final Path WORK = Path.of("target", "sim", "StochasticRoundingTwinsTest");

  private static final int VALUE_WIDTH = 8;
  private static final int ROUNDING_BITS = 3;
  private static final int SHIFT_AMOUNT_WIDTH = 4;
  private static final int NARROW_WIDTH = 3;
  private static final int NARROW_ROUNDING_BITS = 6;
  private static final int TRACE_SUM_WIDTH = 4;
  private static final int UPDATE_SHIFT_WIDTH = 4;
  private static final int SHADOW_WIDTH = 5;
  /** Wider than the largest left shift that a {@code UPDATE_SHIFT_WIDTH}-bit R asks for. */
  private static final int WIDE_WIDTH = (1 << (UPDATE_SHIFT_WIDTH - 1)) + 2;
  // group d: a learning core's widths (B = 8, E = 0, K = 16, a 16-bit trace sum, R in −32..31)
  private static final int CORE_TRACE_SUM_WIDTH = 16;
  private static final int CORE_SHIFT_WIDTH = 6;
  private static final int CORE_ROUNDING_BITS = 16;
  private static final int CORE_SHADOW_WIDTH = 8;
  private static final int CORE_RANDOM_VECTORS = 16_384;

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
    return VectorHarness.of(TwinBenches.emitStochasticTwinBench(VALUE_WIDTH, ROUNDING_BITS, SHIFT_AMOUNT_WIDTH,
        NARROW_WIDTH, NARROW_ROUNDING_BITS, TRACE_SUM_WIDTH, UPDATE_SHIFT_WIDTH, SHADOW_WIDTH, WIDE_WIDTH,
        CORE_TRACE_SUM_WIDTH, CORE_SHIFT_WIDTH, CORE_ROUNDING_BITS, CORE_SHADOW_WIDTH, mutant, WORK.resolve(dir)));
  }

  @BeforeEach
  void requireTools() {
    SimTools.requireVerilatorAndIcarus();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"verilator", "icarus"})
  void everyInputOfEveryStochasticTwin(String simulator) {
    TwinVectors.Cases cases = cases(bench, "abcd", false);
    assertEquals(256 * 8 * 16 + 8 * 64 * 16 + 16 * 16 * 8 * 32 * 2 + 64 * 4 * 4 * 7 * 2 + CORE_RANDOM_VECTORS,
        cases.inputs().length);
    CompiledHarness sim = sims.get(simulator);
    VectorComparison.assertSame(simulator + ": " + bench.top(), bench, cases.inputs(), cases.expected(),
        sim.run(cases.inputs()));
  }

  /**
   * The comparison is not vacuous. The mutant bench holds two wrong twins: {@code a_sru} with the
   * random bits aligned one bit too low, and {@code c_shadow} rounding the exact update of a negative
   * shift R up when the draw's top bit is set. The simulated mutant agrees with a Java model of the
   * same mistakes on every vector (so the simulator really runs it), and the comparison against the
   * golden functions reports, in each group, the first vector where the mistake shows, naming only the
   * wrong output, with its expected and actual value.
   */
  @Test
  void wrongTwinsAreCaughtAtTheirFirstDifferingInput() {
    VectorHarness m = emit(true, "rtl-mutant");
    CompiledHarness sim = new IcarusSimulator().compile(m, WORK.resolve(m.top() + "-icarus"));
    for (String group : List.of("a", "c")) {
      TwinVectors.Cases right = cases(m, group, false);
      TwinVectors.Cases wrong = cases(m, group, true);
      String output = group.equals("a") ? "a_sru" : "c_shadow";
      VectorMismatch found = TwinVectors.assertMutantCaught(sim, m, right, wrong, output);
      int first = found.index();
      Port out = m.outputs().get(m.outputIndex(output));
      int column = m.outputIndex(output);
      String report = found.describe();
      for (String field : new String[] {"first at vector " + first,
          "expected " + out.describe(right.expected()[first][column]),
          "actual " + out.describe(wrong.expected()[first][column]), "<-- differs"}) {
        assertTrue(report.contains(field), "report lacks '" + field + "':\n" + report);
      }
      if (group.equals("c")) {
        assertTrue(right.inputs()[first][m.inputIndex("c_r")] < 0, "the R < 0 mistake shows at R < 0:\n" + report);
      }
    }
  }

  /** The reference itself: the window formula the hardware uses is Fx's two-case definition. */
  @Test
  void theTwoCasesOfTheDefinitionAreOneFramedSum() {
    for (long x = -300; x <= 300; x++) {
      for (int n = 1; n <= 7; n++) {
        for (int k = 0; k <= 14; k++) {
          for (long r = 0; r < 1L << n; r++) {
            long framed = k <= n ? x << (n - k) : x >> (k - n);
            long xx = x;
            long rr = r;
            int kk = k;
            int nn = n;
            assertEquals(Fx.shiftRightStochastic(x, k, r, n), (framed + r) >> n, () -> xx + ", " + kk + ", " + rr + ", " + nn);
          }
        }
      }
    }
  }

  /**
   * Every vector of the listed groups, in the order a, b, c, d (group d: every R × edge values of U, r
   * and sh, then random vectors); {@code mutant}: the mutant's model.
   */
  private static TwinVectors.Cases cases(VectorHarness h, String groups, boolean mutant) {
    TwinRows rows = new TwinRows(h);
    TwinRows.Model model = mutant ? StochasticRoundingTwinsTest::expectMutant : StochasticRoundingTwinsTest::expect;
    if (groups.contains("a")) {
      shifts(rows, model, "a", width(h, "a_v"), width(h, "a_rnd"), width(h, "a_k"));
    }
    if (groups.contains("b")) {
      shifts(rows, model, "b", width(h, "b_v"), width(h, "b_rnd"), width(h, "b_k"));
    }
    if (groups.contains("c")) {
      for (long u = 0; u < 1L << width(h, "c_u"); u++) {
        for (long r : signedRange(width(h, "c_r"))) {
          for (long rnd = 0; rnd < 1L << width(h, "c_rnd"); rnd++) {
            for (long sh : signedRange(width(h, "c_sh"))) {
              for (int pos = 0; pos <= 1; pos++) {
                rows.add(rows.row().in("c_u", u).in("c_r", r).in("c_rnd", rnd).in("c_sh", sh).in("c_pos", pos), model);
              }
            }
          }
        }
      }
    }
    if (groups.contains("d")) {
      int uw = width(h, "d_u");
      int kw = width(h, "d_rnd");
      int shw = width(h, "d_sh");
      long[] us = {0, 1, (1L << uw) - 1, 0x1234 & ((1L << uw) - 1)};
      long[] rnds = {0, 1, (1L << kw) - 1, 1L << (kw - 1)};
      long[] shs = {-(1L << (shw - 1)), -(1L << (shw - 1)) + 1, -1, 0, 1, (1L << (shw - 1)) - 2, (1L << (shw - 1)) - 1};
      for (long r : signedRange(width(h, "d_r"))) {
        for (long u : us) {
          for (long rnd : rnds) {
            for (long sh : shs) {
              for (int pos = 0; pos <= 1; pos++) {
                rows.add(rows.row().in("d_u", u).in("d_r", r).in("d_rnd", rnd).in("d_sh", sh).in("d_pos", pos), model);
              }
            }
          }
        }
      }
      SplittableRandom random = new SplittableRandom(0x5707L);
      long[] rs = signedRange(width(h, "d_r"));
      for (int i = 0; i < CORE_RANDOM_VECTORS; i++) {
        long u = random.nextLong(1L << random.nextInt(uw + 1)); // every magnitude of U about equally often
        rows.add(rows.row().in("d_u", u).in("d_r", rs[random.nextInt(rs.length)]).in("d_rnd", random.nextLong(1L << kw))
            .in("d_sh", random.nextLong(1L << shw) - (1L << (shw - 1))).in("d_pos", random.nextInt(2)), model);
      }
    }
    return rows.cases();
  }

  private static void shifts(TwinRows rows, TwinRows.Model model, String g, int valueWidth, int rndWidth,
      int shiftWidth) {
    for (long v : signedRange(valueWidth)) {
      for (long rnd = 0; rnd < 1L << rndWidth; rnd++) {
        for (int k = 0; k < 1 << shiftWidth; k++) {
          rows.add(rows.row().in(g + "_v", v).in(g + "_u", v & ((1L << valueWidth) - 1)).in(g + "_rnd", rnd)
              .in(g + "_k", k), model);
        }
      }
    }
  }

  /** The golden functions' answer for every output. */
  private static void expect(TwinRows.Row r) {
    for (String g : List.of("a", "b")) {
      int bits = g.equals("a") ? ROUNDING_BITS : NARROW_ROUNDING_BITS;
      int k = (int) r.get(g + "_k");
      r.out(g + "_sr", Fx.shiftRightStochastic(r.get(g + "_v"), k, r.get(g + "_rnd"), bits));
      r.out(g + "_sru", Fx.shiftRightStochastic(r.get(g + "_u"), k, r.get(g + "_rnd"), bits));
    }
    long u = r.get("c_u");
    int shift = (int) r.get("c_r");
    long rnd = r.get("c_rnd");
    long delta = DesireBackpropInt.shiftUpdateStochastic(u, shift, rnd, ROUNDING_BITS);
    r.out("c_delta", delta);
    r.out("c_delta_sat", Fx.saturate(delta, SHADOW_WIDTH, false));
    r.out("c_delta_wide", Fx.saturate(delta, WIDE_WIDTH, false));
    int updated = DesireBackpropInt.updatedShadowStochastic((int) r.get("c_sh"), r.get("c_pos") == 1 ? 1 : -1, u,
        shift, SHADOW_WIDTH, rnd, ROUNDING_BITS);
    r.out("c_shadow", updated);
    r.out("c_shadow_narrow", Fx.saturate(updated, SHADOW_WIDTH - 2, true));

    long du = r.get("d_u");
    int dShift = (int) r.get("d_r");
    long dRnd = r.get("d_rnd");
    long dDelta = DesireBackpropInt.shiftUpdateStochastic(du, dShift, dRnd, CORE_ROUNDING_BITS);
    r.out("d_delta", dDelta);
    r.out("d_delta_sat", Fx.saturate(dDelta, CORE_SHADOW_WIDTH, false));
    r.out("d_shadow", DesireBackpropInt.updatedShadowStochastic((int) r.get("d_sh"), r.get("d_pos") == 1 ? 1 : -1, du,
        dShift, CORE_SHADOW_WIDTH, dRnd, CORE_ROUNDING_BITS));
  }

  /** The mutant bench's answer: as {@link #expect}, with its two deliberate mistakes. */
  private static void expectMutant(TwinRows.Row r) {
    expect(r);
    r.out("a_sru", Fx.shiftRightStochastic(r.get("a_u"), (int) r.get("a_k"), r.get("a_rnd"), ROUNDING_BITS + 1));
    int shift = (int) r.get("c_r");
    long rnd = r.get("c_rnd");
    long delta = DesireBackpropInt.shiftUpdateStochastic(r.get("c_u"), shift, rnd, ROUNDING_BITS)
        + (shift < 0 ? rnd >> (ROUNDING_BITS - 1) : 0);
    long sh = r.get("c_sh");
    r.out("c_shadow", Fx.saturateSigned(r.get("c_pos") == 1 ? sh + delta : sh - delta, SHADOW_WIDTH));
  }

  private static int width(VectorHarness h, String input) {
    return h.inputs().get(h.inputIndex(input)).width();
  }

  /** −2^(w−1) .. 2^(w−1) − 1. */
  private static long[] signedRange(int w) {
    long[] r = new long[1 << w];
    for (int i = 0; i < r.length; i++) {
      r[i] = i - (1L << (w - 1));
    }
    return r;
  }
}
