package dev.spikeforge.testbenches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.learning.DesireBackpropInt;
import dev.spikeforge.golden.numerics.Fx;
import dev.spikeforge.golden.numerics.Overflow;
import dev.spikeforge.golden.numerics.Rounding;
import dev.spikeforge.hwgen.GeneratedModule;
import dev.spikeforge.hwgen.twins.TwinBenches;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The arithmetic twins (hw-gen {@code HwFx}, {@code HwDesire}) against {@code Fx} and {@code
 * DesireBackpropInt}, bit-exact, in Verilator and Icarus, on every input at narrow widths: one
 * simulator build per bench (twins.FxTwinBench, twins.DesireTwinBench), every twin an output, every
 * input combination of its group a vector.
 *
 * <ul>
 *   <li>rounding shifts, all four modes, signed and unsigned, runtime shift 0..15 and every constant
 *       shift 0..9 of every 8-bit value; leaks and the trace step at every shift and spike;
 *   <li>saturation and wrap (signed, unsigned, via {@code fit} with both overflow rules) of every
 *       10-bit value into 1, 6, 10 and 12 bits; saturating sums of every pair of 6-bit values;
 *   <li>the desire update: every 5-bit trace sum × 4-bit shift −8..7 × 6-bit shadow weight × sign;
 *       the forward weight (E = 2, B = 4); the dropout rescale of every 6-bit current by every 9-bit S, and
 *       by each constant S of the bench in the one-product form (4-bit operands: two low bits).
 * </ul>
 */
@Tag("sim")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FxTwinsTest {
  private static final Path WORK = Path.of("target", "sim", "FxTwinsTest");

  // FxTwinBench: groups a (shifts, leaks, trace), b (saturate, wrap, fit), c (saturating sums)
  private static final int SHIFT_WIDTH = 8;
  private static final int SHIFT_AMOUNT_WIDTH = 4;
  private static final int TRACE_FRAC_BITS = 3;
  private static final int FIT_IN_WIDTH = 10;
  private static final int[] FIT_WIDTHS = {1, 6, 10, 12};
  private static final int ADD_WIDTH = 6;
  // DesireTwinBench: groups f (update), g (dropout rescale)
  private static final int TRACE_SUM_WIDTH = 5;
  private static final int UPDATE_SHIFT_WIDTH = 4;
  private static final int SHADOW_WIDTH = 6;
  private static final int SHADOW_BITS = 2;
  private static final int CURRENT_WIDTH = 6;
  private static final int SCALE_WIDTH = 9;
  /** The constant rescales of the bench's {@code g_scaled_const} (HwDesire.scaledCurrentConst, 4-bit operands). */
  private static final int[] CONST_SCALES = TwinBenches.desireConstScales();

  private VectorHarness fx;
  private VectorHarness desire;
  private Map<String, CompiledHarness> fxSims;
  private Map<String, CompiledHarness> desireSims;

  @BeforeAll
  void build() {
    if (!SimTools.verilatorAndIcarusInstalled()) {
      return; // each test then reports the missing tool itself (a failure when CI=true)
    }
    GeneratedModule fxModule = TwinBenches.emitFxTwinBench(SHIFT_WIDTH, SHIFT_AMOUNT_WIDTH, TRACE_FRAC_BITS, FIT_IN_WIDTH, FIT_WIDTHS,
        ADD_WIDTH, false, WORK.resolve("rtl"));
    fx = VectorHarness.of(fxModule);
    desire = VectorHarness.of(TwinBenches.emitDesireTwinBench(TRACE_SUM_WIDTH, UPDATE_SHIFT_WIDTH, SHADOW_WIDTH,
        SHADOW_BITS, CURRENT_WIDTH, SCALE_WIDTH, DesireBackpropInt.DROPOUT_SCALE_FRAC_BITS, WORK.resolve("rtl")));
    fxSims = compileBoth(fx, WORK);
    desireSims = compileBoth(desire, WORK);
  }

  /** The harness of {@code h} built in each simulator, by simulator name. */
  static Map<String, CompiledHarness> compileBoth(VectorHarness h, Path work) {
    Map<String, CompiledHarness> sims = new LinkedHashMap<>();
    for (Simulator s : List.<Simulator>of(new VerilatorSimulator(), new IcarusSimulator())) {
      sims.put(s.name(), s.compile(h, work.resolve(h.top() + "-" + s.name())));
    }
    return sims;
  }

  @BeforeEach
  void requireTools() {
    SimTools.requireVerilatorAndIcarus();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"verilator", "icarus"})
  void everyInputOfEveryFxTwin(String simulator) {
    TwinVectors.Cases cases = fxCases(true);
    assertEquals(256 * 16 * 2 + 1024 + 64 * 64, cases.inputs().length);
    CompiledHarness sim = fxSims.get(simulator);
    VectorComparison.assertSame(sim.simulator().name() + ": " + fx.top(), fx, cases.inputs(), cases.expected(),
        sim.run(cases.inputs()));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"verilator", "icarus"})
  void everyInputOfEveryDesireTwin(String simulator) {
    TwinVectors.Cases cases = desireCases();
    assertEquals(32 * 16 * 64 * 2 + 64 * 512, cases.inputs().length);
    CompiledHarness sim = desireSims.get(simulator);
    VectorComparison.assertSame(sim.simulator().name() + ": " + desire.top(), desire, cases.inputs(),
        cases.expected(), sim.run(cases.inputs()));
  }

  /**
   * The comparison is not vacuous: a twin generator that wires the HALF_UP shift to the HALF_EVEN
   * output (twins.FxTwinBench's mutant) must be caught at the first (value, shift) where the two
   * rules differ, with the differing output, its expected and its actual value in the report.
   */
  @Test
  void aWrongTwinIsCaughtAtItsFirstDifferingInput() {
    GeneratedModule m = TwinBenches.emitFxTwinBench(SHIFT_WIDTH, SHIFT_AMOUNT_WIDTH, TRACE_FRAC_BITS, FIT_IN_WIDTH,
        FIT_WIDTHS, ADD_WIDTH, true, WORK.resolve("rtl-mutant"));
    VectorHarness h = VectorHarness.of(m);
    TwinVectors.Cases cases = fxCases(false); // group a only: the shifts
    long[][] actual = new IcarusSimulator().compile(h, WORK.resolve(h.top() + "-icarus")).run(cases.inputs());
    Optional<VectorMismatch> mismatch = VectorComparison.firstMismatch("icarus: " + h.top(), h, cases.inputs(),
        cases.expected(), actual);
    assertTrue(mismatch.isPresent(), "a HALF_EVEN output computed with HALF_UP must be caught");

    int first = 0;
    long v = 0;
    int k = 0;
    for (; first < cases.inputs().length; first++) {
      v = cases.inputs()[first][h.inputIndex("a_v")];
      k = (int) cases.inputs()[first][h.inputIndex("a_k")];
      if (Fx.shiftRight(v, k, Rounding.HALF_EVEN) != Fx.shiftRight(v, k, Rounding.HALF_UP)) {
        break;
      }
    }
    VectorMismatch found = mismatch.get();
    assertEquals(first, found.index());
    assertEquals(List.of("a_rt_half_even"), found.differingOutputs());
    Port out = h.outputs().get(h.outputIndex("a_rt_half_even"));
    Port in = h.inputs().get(h.inputIndex("a_v"));
    String report = found.describe();
    for (String field : new String[] {
        "first at vector " + first, "a_v ", "= " + in.describe(v), "a_k ",
        "expected " + out.describe(Fx.shiftRight(v, k, Rounding.HALF_EVEN)),
        "actual " + out.describe(Fx.shiftRight(v, k, Rounding.HALF_UP)), "<-- differs"}) {
      assertTrue(report.contains(field), "report lacks '" + field + "':\n" + report);
    }
  }

  /** Every vector of groups a, b and c (or of group a only), in that order. */
  private TwinVectors.Cases fxCases(boolean allGroups) {
    TwinRows rows = new TwinRows(fx);
    int shiftAmounts = 1 << width(fx, "a_k");
    for (long v : signedRange(width(fx, "a_v"))) {
      for (int k = 0; k < shiftAmounts; k++) {
        for (int spike = 0; spike <= 1; spike++) {
          rows.add(rows.row().in("a_v", v).in("a_u", bits(v, SHIFT_WIDTH)).in("a_k", k).in("a_spike", spike),
              FxTwinsTest::expectFx);
        }
      }
    }
    if (allGroups) {
      for (long x : signedRange(width(fx, "b_x"))) {
        rows.add(rows.row().in("b_x", x).in("b_xu", bits(x, FIT_IN_WIDTH)), FxTwinsTest::expectFx);
      }
      for (long a : signedRange(width(fx, "c_a"))) {
        for (long b : signedRange(width(fx, "c_b"))) {
          rows.add(rows.row().in("c_a", a).in("c_b", b).in("c_au", bits(a, ADD_WIDTH)).in("c_bu", bits(b, ADD_WIDTH)),
              FxTwinsTest::expectFx);
        }
      }
    }
    return rows.cases();
  }

  /** Fx's answer for every output of FxTwinBench. */
  private static void expectFx(TwinRows.Row r) {
    long v = r.get("a_v");
    long u = r.get("a_u");
    int k = (int) r.get("a_k");
    for (Rounding mode : Rounding.values()) {
      String name = mode.name().toLowerCase(Locale.ROOT);
      r.out("a_rt_" + name, Fx.shiftRight(v, k, mode));
      r.out("a_rtu_" + name, Fx.shiftRight(u, k, mode));
      for (int c = 0; c <= SHIFT_WIDTH + 1; c++) {
        r.out("a_c" + c + "_" + name, Fx.shiftRight(v, c, mode));
        r.out("a_cu" + c + "_" + name, Fx.shiftRight(u, c, mode));
      }
    }
    r.out("a_leak", Fx.leak(v, k));
    r.out("a_leak_u", Fx.leak(u, k));
    r.out("a_trace", DesireBackpropInt.traceStep((int) u, k, TRACE_FRAC_BITS, r.get("a_spike") == 1));

    long x = r.get("b_x");
    long xu = r.get("b_xu");
    for (int w : FIT_WIDTHS) {
      r.out("b_fit_s_sat_" + w, Fx.fit(x, w, true, Overflow.SATURATE));
      r.out("b_fit_s_wrap_" + w, Fx.fit(x, w, true, Overflow.WRAP));
      r.out("b_fit_u_sat_" + w, Fx.fit(x, w, false, Overflow.SATURATE));
      r.out("b_fit_u_wrap_" + w, Fx.fit(x, w, false, Overflow.WRAP));
      r.out("b_us_sat_" + w, Fx.saturate(xu, w, true));
      r.out("b_us_wrap_" + w, Fx.wrap(xu, w, true));
      r.out("b_uu_sat_" + w, Fx.saturate(xu, w, false));
      r.out("b_uu_wrap_" + w, Fx.wrap(xu, w, false));
    }

    for (int w = ADD_WIDTH - 1; w <= ADD_WIDTH + 1; w++) {
      r.out("c_sum_s_" + w, Fx.addSat(r.get("c_a"), r.get("c_b"), w, true));
      r.out("c_sum_u_" + w, Fx.addSat(r.get("c_au"), r.get("c_bu"), w, false));
    }
  }

  /** Every vector of groups f and g. */
  private TwinVectors.Cases desireCases() {
    TwinRows rows = new TwinRows(desire);
    for (long u = 0; u < 1L << width(desire, "f_u"); u++) {
      for (long r : signedRange(width(desire, "f_r"))) {
        for (long sh : signedRange(width(desire, "f_sh"))) {
          for (int pos = 0; pos <= 1; pos++) {
            rows.add(rows.row().in("f_u", u).in("f_r", r).in("f_sh", sh).in("f_pos", pos), FxTwinsTest::expectDesire);
          }
        }
      }
    }
    for (long i : signedRange(width(desire, "g_i"))) {
      for (long s = 0; s < 1L << width(desire, "g_s"); s++) {
        rows.add(rows.row().in("g_i", i).in("g_s", s), FxTwinsTest::expectDesire);
      }
    }
    return rows.cases();
  }

  /** DesireBackpropInt's answer for every output of DesireTwinBench. */
  private static void expectDesire(TwinRows.Row r) {
    long u = r.get("f_u");
    int shift = (int) r.get("f_r");
    int shadow = (int) r.get("f_sh");
    long delta = DesireBackpropInt.shiftUpdate(u, shift);
    r.out("f_delta", delta);
    r.out("f_delta_sat", Fx.saturate(delta, SHADOW_WIDTH, false));
    r.out("f_shadow", DesireBackpropInt.updatedShadow(shadow, r.get("f_pos") == 1 ? 1 : -1, u, shift, SHADOW_WIDTH));
    r.out("f_weight", DesireBackpropInt.forwardWeight(shadow, SHADOW_BITS, SHADOW_WIDTH - SHADOW_BITS));
    r.out("g_scaled", DesireBackpropInt.scaledCurrent(r.get("g_i"), (int) r.get("g_s")));
    r.out("g_product", r.get("g_i") * r.get("g_s"));
    for (int q = 0; q < CONST_SCALES.length; q++) {
      r.out("g_scaled_const_" + q, DesireBackpropInt.scaledCurrent(r.get("g_i"), CONST_SCALES[q]));
    }
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

  /** The w-bit two's-complement bits of v, as an unsigned value. */
  private static long bits(long v, int w) {
    return v & ((1L << w) - 1);
  }
}
