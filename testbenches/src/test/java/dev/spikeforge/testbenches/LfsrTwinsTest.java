package dev.spikeforge.testbenches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.learning.DropoutMask;
import dev.spikeforge.golden.numerics.Lfsr;
import dev.spikeforge.hwgen.twins.TwinBenches;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The LFSR twins (hw-gen {@code HwLfsr}, {@code LfsrSeeder}) against {@code Lfsr}, bit-exact, in
 * Verilator and Icarus, on one clocked bench (twins.LfsrTwinBench) run as one timeline:
 *
 * <ul>
 *   <li>draws: from each of 8 seeded states, the 32 one-hot states, all-ones and the feedback mask:
 *       every {@code nextBits(n)}, n = 1..32, then random n; then random draws to the end of the
 *       timeline (hundreds of thousands of steps in all);
 *   <li>seeding: {@code Lfsr.seeded(seed, stream)} for 8 seeds × 12 streams (dropout streams {@code
 *       DropoutMask.stream(e, p)} at the counters' extremes, and raw streams such as −1, whose
 *       {@code stream + 1} is 0), a pair whose mixed value has 32 zero low bits (the state becomes
 *       1), and a start that restarts a running seeding; every clock of the seeder's latency checked.
 * </ul>
 */
@Tag("sim")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LfsrTwinsTest {
  private static final Path WORK = Path.of("target", "sim", "LfsrTwinsTest");
  private static final int LATENCY = TwinBenches.lfsrSeederLatency();
  private static final long LOW32 = 0xFFFF_FFFFL;

  private VectorHarness bench;
  private Map<String, CompiledHarness> sims;

  @BeforeAll
  void build() {
    if (!SimTools.verilatorAndIcarusInstalled()) {
      return; // each test then reports the missing tool itself (a failure when CI=true)
    }
    bench = VectorHarness.of(TwinBenches.emitLfsrTwinBench(WORK.resolve("rtl")));
    sims = FxTwinsTest.compileBoth(bench, WORK);
  }

  @BeforeEach
  void requireTools() {
    SimTools.requireVerilatorAndIcarus();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"verilator", "icarus"})
  void drawsAndSeedingsMatchTheGoldenLfsr(String simulator) {
    Timeline t = timeline(false);
    assertTrue(t.steps > 100_000, "LFSR steps simulated: " + t.steps);
    ClockedVectors clocked = new ClockedVectors(bench, 1);
    long[][] actual = clocked.run(sims.get(simulator), t.cases.inputs());
    VectorComparison.assertSame(simulator + ": " + bench.top(), bench, clocked.driven(t.cases.inputs()),
        t.cases.expected(), actual);
  }

  /**
   * The comparison is not vacuous: a reference that assembles the drawn bits MSB first must disagree
   * with the hardware at the first draw where the order matters, on {@code d_bits} alone.
   */
  @Test
  void aReversedBitOrderIsCaughtAtItsFirstDifferingDraw() {
    Timeline right = timeline(false);
    Timeline reversed = timeline(true);
    ClockedVectors clocked = new ClockedVectors(bench, 1);
    long[][] actual = clocked.run(sims.get("verilator"), right.cases.inputs());
    Optional<VectorMismatch> m = VectorComparison.firstMismatch("verilator: " + bench.top(), bench,
        clocked.driven(right.cases.inputs()), reversed.cases.expected(), actual);
    assertTrue(m.isPresent(), "an MSB-first reference must disagree with the hardware");
    int first = 0;
    while (java.util.Arrays.equals(right.cases.expected()[first], reversed.cases.expected()[first])) {
      first++;
    }
    assertEquals(first, m.get().index());
    assertEquals(List.of("d_bits"), m.get().differingOutputs());
    assertTrue(m.get().describe().contains("d_n "), m.get().describe());
  }

  /** The timeline's vectors and how many LFSR steps their draws take. */
  private record Timeline(TwinVectors.Cases cases, long steps) {}

  /**
   * Row 0 resets the bench and loads the first state; then seeding blocks of {@code LATENCY} rows
   * (a start and the clocks until its result) while the draw script runs alongside.
   */
  private Timeline timeline(boolean msbFirst) {
    SplittableRandom random = new SplittableRandom(0x7517L);
    long[] seeds = {0, 1, -1, 0x5EEDL, Long.MIN_VALUE, Long.MAX_VALUE, random.nextLong(), random.nextLong()};
    long[] streams = {
      DropoutMask.stream(0, 0), DropoutMask.stream(0, 1), DropoutMask.stream(1, 0), DropoutMask.stream(3, 59_999),
      DropoutMask.stream(Integer.MAX_VALUE, LOW32), DropoutMask.stream(17, 1L << 31), DropoutMask.stream(1 << 20, 12_345),
      DropoutMask.stream(Integer.MAX_VALUE, 0),
      -1, Long.MIN_VALUE, 0x3F, random.nextLong()};
    List<long[]> pairs = new ArrayList<>();
    for (long seed : seeds) {
      for (long stream : streams) {
        pairs.add(new long[] {seed, stream});
      }
    }
    long zeroStream = DropoutMask.stream(5, 42);
    pairs.add(new long[] {seedWithZeroLowBits(zeroStream), zeroStream});

    List<int[]> script = drawScript(seeds, random);
    Model model = new Model(msbFirst);
    TwinRows rows = new TwinRows(bench);
    rows.add(rows.row().in("reset", 1).in("d_load", 1).in("d_state", script.get(0)[1] & LOW32), model);
    int op = 1;
    for (int p = 0; p <= pairs.size(); p++) {
      // the last block restarts the first pair half-way through a seeding of the second
      boolean restartBlock = p == pairs.size();
      long[] pair = pairs.get(restartBlock ? 1 : p);
      for (int i = 0; i < LATENCY + (restartBlock ? LATENCY / 2 : 0); i++) {
        long[] now = restartBlock && i >= LATENCY / 2 ? pairs.get(0) : pair;
        boolean start = i == 0 || (restartBlock && i == LATENCY / 2);
        TwinRows.Row r = rows.row().in("s_start", start ? 1 : 0).in("s_seed", now[0])
            .in("s_epoch", now[1] >>> 32).in("s_position", now[1] & LOW32);
        int[] draw = op < script.size() ? script.get(op++) : new int[] {0, random.nextInt(Lfsr.WIDTH + 1)};
        if (draw[0] == 1) {
          r.in("d_load", 1).in("d_state", draw[1] & LOW32);
        } else {
          r.in("d_n", draw[1]);
        }
        rows.add(r, model);
      }
    }
    return new Timeline(rows.cases(), model.steps);
  }

  /**
   * Loads ({1, state}) and draws ({0, n}): from each start state, every n = 1..32 in order, then
   * 40 draws of random n in 0..32 (0 holds).
   */
  private static List<int[]> drawScript(long[] seeds, SplittableRandom random) {
    List<Integer> starts = new ArrayList<>();
    for (int i = 0; i < seeds.length; i++) {
      starts.add(Lfsr.seeded(seeds[i], i).state());
    }
    for (int b = 0; b < Lfsr.WIDTH; b++) {
      starts.add(1 << b);
    }
    starts.add(-1);
    starts.add(Lfsr.MASK);
    List<int[]> script = new ArrayList<>();
    for (int s : starts) {
      script.add(new int[] {1, s});
      for (int n = 1; n <= Lfsr.WIDTH; n++) {
        script.add(new int[] {0, n});
      }
      for (int i = 0; i < 40; i++) {
        script.add(new int[] {0, random.nextInt(Lfsr.WIDTH + 1)});
      }
    }
    return script;
  }

  /** The bench's outputs after each rising edge, from {@code Lfsr} (stateful: rows in order). */
  private static final class Model implements TwinRows.Model {
    private final boolean msbFirst;
    private Lfsr draw;
    private long bits;
    private int countdown = -1; // rising edges until the seeder's result; -1 idle
    private int result;
    private boolean valid;
    long steps;

    Model(boolean msbFirst) {
      this.msbFirst = msbFirst;
    }

    @Override
    public void expect(TwinRows.Row r) {
      if (r.get("d_load") == 1) {
        draw = new Lfsr((int) r.get("d_state"));
        bits = 0;
      } else {
        int n = (int) r.get("d_n");
        bits = n == 0 ? 0 : draw.nextBits(n);
        if (msbFirst && n > 0) {
          bits = Long.reverse(bits) >>> (Long.SIZE - n);
        }
        steps += n;
      }
      if (r.get("reset") == 1) {
        countdown = -1;
        valid = false;
      } else if (r.get("s_start") == 1) {
        long stream = (r.get("s_epoch") << 32) + r.get("s_position");
        result = Lfsr.seeded(r.get("s_seed"), stream).state();
        countdown = LATENCY - 1;
        valid = false;
      } else if (countdown > 0) {
        countdown--;
        valid = countdown == 0;
      }
      r.out("d_out_state", draw.state() & LOW32).out("d_bits", bits);
      r.out("s_valid", valid ? 1 : 0).out("s_state", valid ? result & LOW32 : 0);
    }
  }

  /**
   * A seed whose SplitMix64 value for {@code stream} has 32 zero low bits, found by running the
   * finaliser backwards (each xor-shift and odd multiplication is invertible modulo 2^64).
   */
  static long seedWithZeroLowBits(long stream) {
    long z = 0x5EED_0000_0000L << 16; // the mixed value: low 32 bits zero
    z = unXorShift(z, Lfsr.MIX_SHIFT_3);
    z = unXorShift(z * inverse(Lfsr.MIX_MULTIPLIER_2), Lfsr.MIX_SHIFT_2);
    z = unXorShift(z * inverse(Lfsr.MIX_MULTIPLIER_1), Lfsr.MIX_SHIFT_1);
    long seed = z - (stream + 1) * Lfsr.SEED_GAMMA;
    if (Lfsr.seeded(seed, stream).state() != 1) {
      throw new AssertionError("the constructed seed " + seed + " does not mix to a zero low word");
    }
    return seed;
  }

  private static long unXorShift(long y, int s) {
    long x = y;
    for (int i = 0; i * s < Long.SIZE; i++) {
      x = y ^ (x >>> s);
    }
    return x;
  }

  /** The inverse of an odd {@code a} modulo 2^64 (Newton's iteration doubles the correct bits). */
  private static long inverse(long a) {
    long x = a;
    for (int i = 0; i < 6; i++) {
      x *= 2 - a * x;
    }
    return x;
  }
}
