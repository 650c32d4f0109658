package dev.spikeforge.testbenches;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spikeforge.golden.learning.threefactor.DerivativeLut;
import dev.spikeforge.golden.learning.threefactor.Eligibility;
import dev.spikeforge.golden.learning.threefactor.GaussianDerivativeKernel;
import dev.spikeforge.golden.learning.threefactor.GaussianSurrogate;
import dev.spikeforge.golden.learning.threefactor.SurrogateLut;
import dev.spikeforge.golden.learning.threefactor.Traces;
import dev.spikeforge.golden.spec.hw.DelayMode;
import dev.spikeforge.golden.spec.hw.HwThreeFactorLearning;
import dev.spikeforge.golden.train.threefactor.HardwareLearningSpec;
import dev.spikeforge.golden.train.threefactor.NumericForm;
import dev.spikeforge.golden.train.threefactor.ThreeFactorConfig;
import dev.spikeforge.hwgen.GeneratedModule;
import dev.spikeforge.hwgen.twins.ThreeFactorBenches;
import dev.spikeforge.hwgen.twins.ThreeFactorLaneBenches;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The replay lane of the three-factor learning unit (hw-gen {@code ThreeFactorReplayLane}) against the
 * replay of {@code ReplayLayerLearner} (docs/learning.md Part II §9.3: {@code Traces.step} of x̄ at the
 * forward delay, {@code DerivativeLut.derivative} into ȳ, {@code Eligibility.accumulate} of ē^W and ē^ȳ
 * with {@code SurrogateLut.value} of the stored codes), after every clock, in Verilator and Icarus: random
 * synapse replays (spike trains, codes, delays, leak and κ shifts, idle clocks between steps) on a lane at
 * narrow widths (saturating eligibilities) and on the lane of the delay task's hardware-form spec
 * ({@code HardwareLearningSpec} of the feedforward synaptic-delay preset: F_x 8, 16-entry ψ table, taps of
 * radius 3, A = 24, T = 64, delays 0..16).
 */
@Tag("sim")
class ThreeFactorReplayLaneTest {
  private static final Path WORK = Path.of("target", "sim", "ThreeFactorReplayLaneTest");

  @BeforeEach
  void requireTools() {
    SimTools.requireVerilatorAndIcarus();
  }

  @Test
  void narrowLaneReplaysEverySynapseLikeTheGoldenModel() {
    SurrogateLut lut = ThreeFactorTwinsTest.LUT;
    DerivativeLut dlut = ThreeFactorTwinsTest.DLUT;
    Lane lane = new Lane(3, 3, 2, ThreeFactorTwinsTest.MAX_DELAY, lut, dlut, 12);
    GeneratedModule m = ThreeFactorBenches.emitReplayLane(lane.fx, lane.maxLeak, 12, lane.kappaWidth, lane.maxDelay,
        dlut.taps(), lut.entries(), lut.fracBits() + 1, lane.width, WORK.resolve("narrow"));
    run(m, lane, 300, 12, 0x3F01L);
  }

  @Test
  void delayTaskLaneReplaysEverySynapseLikeTheGoldenModel() {
    ThreeFactorConfig cfg = ThreeFactorConfig.preset(16, false, DelayMode.SYNAPTIC, NumericForm.HARDWARE);
    HwThreeFactorLearning spec = HardwareLearningSpec.of(cfg);
    int maxDelay = 16;
    int maxLeak = 3;
    SurrogateLut lut = SurrogateLut.of(new GaussianSurrogate(cfg.learning().surrogateSigma()), spec.psiShift(),
        spec.psiHalf(), spec.psiFracBits());
    DerivativeLut dlut = DerivativeLut.of(new GaussianDerivativeKernel(cfg.learning().kernelSigma(),
        cfg.learning().kernelRadius()), spec.derivFracBits());
    assertEquals(List.of(spec.psiTable().length, spec.derivTaps().length),
        List.of(lut.entries().length, dlut.taps().length));
    Lane lane = new Lane(spec.traceFracBits(), maxLeak, 1, maxDelay, lut, dlut, spec.eligibilityWidth());
    GeneratedModule m = ThreeFactorLaneBenches.emitReplayLaneOf(spec, maxLeak, 64, maxDelay, WORK.resolve("delay-task"));
    run(m, lane, 40, 64, 0x3F02L);
  }

  /** The golden side of a lane: its widths and tables. */
  private record Lane(int fx, int maxLeak, int kappaWidth, int maxDelay, SurrogateLut lut, DerivativeLut dlut,
      int width) {}

  /** {@code replays} random replays of {@code steps} steps each, compared after every clock in both simulators. */
  private static void run(GeneratedModule m, Lane lane, int replays, int steps, long seed) {
    VectorHarness h = VectorHarness.of(m);
    TwinRows rows = new TwinRows(h);
    SplittableRandom random = new SplittableRandom(seed);
    for (int n = 0; n < replays; n++) {
      Replay replay = new Replay(lane, steps, random);
      rows.add(replay.inputs(rows.row()).in("in_clear", 1), replay::expect);
      for (int t = 0; t < steps; t++) {
        if (random.nextInt(8) == 0) {
          rows.add(replay.inputs(rows.row()), replay::expect); // an idle clock: the lane holds
        }
        replay.t = t;
        rows.add(replay.inputs(rows.row()).in("in_step", 1).in("in_spike", replay.p[t] ? 1 : 0)
            .in("in_code", replay.codes[t]), replay::expect);
      }
    }
    TwinVectors.Cases cases = rows.cases();
    ClockedVectors clocked = new ClockedVectors(h, 1);
    for (Simulator s : List.<Simulator>of(new VerilatorSimulator(), new IcarusSimulator())) {
      long[][] actual = clocked.run(s.compile(h, WORK.resolve(m.moduleName() + "-" + s.name())), cases.inputs());
      VectorComparison.assertSame(s.name() + ": " + h.top(), h, clocked.driven(cases.inputs()), cases.expected(),
          actual);
    }
  }

  /** One synapse replay: its random train, codes, delay and shifts, and the golden state after each clock. */
  private static final class Replay {
    final Lane lane;
    final boolean[] p;
    final int[] codes;
    final int d;
    final int k;
    final int kappa;
    int t = -1;
    long x;
    long y;
    long eW;
    long eD;

    Replay(Lane lane, int steps, SplittableRandom random) {
      this.lane = lane;
      p = new boolean[steps];
      codes = new int[steps];
      int rate = 1 + random.nextInt(6);
      for (int s = 0; s < steps; s++) {
        p[s] = random.nextInt(10) < rate;
        codes[s] = random.nextInt(2 * lane.lut.half() + 1);
      }
      d = random.nextInt(lane.maxDelay + 1);
      k = random.nextInt(lane.maxLeak + 1);
      kappa = random.nextInt(1 << lane.kappaWidth);
    }

    TwinRows.Row inputs(TwinRows.Row r) {
      return r.in("in_delay", d).in("in_leakShift", k).in("in_kappaShift", kappa);
    }

    /** ReplayLayerLearner.replayTraces and eligibility, one step: the state after this row's clock. */
    void expect(TwinRows.Row r) {
      if (r.get("in_clear") == 1) {
        x = y = eW = eD = 0;
      } else if (r.get("in_step") == 1) {
        x = Traces.step(x, k, Traces.spike(t - d >= 0 && p[t - d], lane.fx));
        y = Traces.step(y, k, lane.dlut.derivative(p, t, d));
        int psi = lane.lut.value(codes[t]);
        eW = Eligibility.accumulate(eW, kappa, psi, x, lane.width);
        eD = Eligibility.accumulate(eD, kappa, psi, y, lane.width);
      }
      r.out("out_trace", x).out("out_delayTrace", y).out("out_eligibilityW", eW).out("out_eligibilityD", eD);
    }
  }
}
