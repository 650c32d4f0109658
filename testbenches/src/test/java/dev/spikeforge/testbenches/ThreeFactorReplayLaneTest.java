package dev.spikeforge.testbenches;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.DelayPatternTask;
import dev.spikeforge.golden.learning.threefactor.DelayUpdate;
import dev.spikeforge.golden.learning.threefactor.DerivativeLut;
import dev.spikeforge.golden.learning.threefactor.Eligibility;
import dev.spikeforge.golden.learning.threefactor.GaussianDerivativeKernel;
import dev.spikeforge.golden.learning.threefactor.GaussianSurrogate;
import dev.spikeforge.golden.learning.threefactor.SurrogateLut;
import dev.spikeforge.golden.learning.threefactor.Traces;
import dev.spikeforge.golden.learning.threefactor.UpdateRounding;
import dev.spikeforge.golden.learning.threefactor.WeightUpdate;
import dev.spikeforge.golden.spec.hw.DelayMode;
import dev.spikeforge.golden.spec.hw.HwThreeFactorLearning;
import dev.spikeforge.golden.train.threefactor.HardwareLearningSpec;
import dev.spikeforge.golden.train.threefactor.IntThreeFactorModel;
import dev.spikeforge.golden.train.threefactor.LayerReplay;
import dev.spikeforge.golden.train.threefactor.NumericForm;
import dev.spikeforge.golden.train.threefactor.SampleReplay;
import dev.spikeforge.golden.train.threefactor.ThreeFactorConfig;
import dev.spikeforge.hwgen.GeneratedModule;
import dev.spikeforge.hwgen.twins.ThreeFactorBenches;
import dev.spikeforge.hwgen.twins.ThreeFactorLaneBenches;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The replay lane of the three-factor learning unit (hw-gen {@code ThreeFactorReplayLane}) against the
 * replay of {@code ReplayLayerLearner} (docs/learning.md Part II §9.3: {@code Traces.step} of x̄ at the
 * forward delay, {@code DerivativeLut.derivative} into ȳ, {@code Eligibility.accumulate} of ē^W and ē^ȳ
 * with {@code SurrogateLut.value} of the stored codes), after every clock, in Verilator and Icarus: random
 * synapse replays (spike trains, codes, delays, leak and κ shifts, idle clocks between steps) on a lane at
 * narrow widths (saturating eligibilities) and on the lane of the delay task's hardware-form spec
 * ({@code HardwareLearningSpec} of the feedforward synaptic-delay preset: F_x 8, 16-entry ψ table, taps of
 * radius 3, A = 24, T = 64, delays 0..16). The delay task's lane is built once and shared by the tests that
 * replay on it (the random replays and the trainer's samples of both delay modes).
 */
@Tag("sim")
class ThreeFactorReplayLaneTest {
  private static final Path WORK = Path.of("target", "sim", "ThreeFactorReplayLaneTest");
  /** Training samples the trainer test may learn before one changes every kind of shadow. */
  private static final int SAMPLES = 200;
  /** Leak shifts and delays the delay task's lane is built for (the preset's delays, 0..8, lie within). */
  private static final int DELAY_TASK_MAX_LEAK = 3;
  private static final int DELAY_TASK_MAX_DELAY = 16;
  /** The delay task's lane in both simulators, built once for the class's tests (they share the spec). */
  private static List<CompiledHarness> delayTaskLane;
  private static HwThreeFactorLearning delayTaskSpec;

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
    run(compile(m), lane, 300, 12, 0x3F01L);
  }

  @Test
  void delayTaskLaneReplaysEverySynapseLikeTheGoldenModel() {
    ThreeFactorConfig cfg = ThreeFactorConfig.preset(16, false, DelayMode.SYNAPTIC, NumericForm.HARDWARE);
    HwThreeFactorLearning spec = HardwareLearningSpec.of(cfg);
    SurrogateLut lut = lut(cfg, spec);
    DerivativeLut dlut = dlut(cfg, spec);
    assertEquals(List.of(spec.psiTable().length, spec.derivTaps().length),
        List.of(lut.entries().length, dlut.taps().length));
    Lane lane = new Lane(spec.traceFracBits(), DELAY_TASK_MAX_LEAK, 1, DELAY_TASK_MAX_DELAY, lut, dlut,
        spec.eligibilityWidth());
    run(delayTaskLane(spec), lane, 40, 64, 0x3F02L);
  }

  /** The delay task's lane of {@code spec}, built by the first test that needs it and shared by the others. */
  private static synchronized List<CompiledHarness> delayTaskLane(HwThreeFactorLearning spec) {
    if (delayTaskLane == null) {
      delayTaskLane = compile(ThreeFactorLaneBenches.emitReplayLaneOf(spec, DELAY_TASK_MAX_LEAK, 64,
          DELAY_TASK_MAX_DELAY, WORK.resolve("delay-task")));
      delayTaskSpec = spec;
    }
    assertEquals(delayTaskSpec, spec, "the tests share one lane: their learning specs must agree");
    return delayTaskLane;
  }

  /** {@code m} built in Verilator and in Icarus. */
  private static List<CompiledHarness> compile(GeneratedModule m) {
    VectorHarness h = VectorHarness.of(m);
    return List.<Simulator>of(new VerilatorSimulator(), new IcarusSimulator()).stream()
        .map(s -> s.compile(h, m.verilog().getParent().resolve(m.moduleName() + "-" + s.name()))).toList();
  }

  /**
   * The lane against the trainer itself: the hardware-form trainer ({@code IntThreeFactorModel}, form
   * HARDWARE, 16-8-4) learns the delay task's samples until one changes shadow weights of both layers and shadow
   * delays ({@code trainRecorded} records each); the lane
   * replays every feedforward synapse of both layers from the recorded trains, codes, delays and shifts, and the
   * update walk of docs/learning.md Part II §9.3, fed with the lane's eligibilities (from the simulator), the
   * recorded learning signals and forward weights and the layer's LFSR stream, gives the trainer's shadow weights
   * and delays after the sample, bit for bit, for synaptic and for axonal delays.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(value = DelayMode.class, names = {"SYNAPTIC", "AXONAL"})
  void theLanesEligibilitiesGiveTheTrainersUpdate(DelayMode mode) {
    ThreeFactorConfig cfg = ThreeFactorConfig.preset(8, false, mode, NumericForm.HARDWARE);
    HwThreeFactorLearning spec = HardwareLearningSpec.of(cfg);
    Dataset train = new DelayPatternTask(cfg.task()).trainSet(SAMPLES);
    IntThreeFactorModel model = IntThreeFactorModel.create(cfg, cfg.task().channels(), cfg.task().classes(),
        cfg.task().steps());
    SampleReplay sample = null;
    int p = 0;
    for (; p < SAMPLES; p++) {
      sample = model.trainRecorded(train.raster(p), train.label(p), 0, p);
      if (changes(sample.output()) && changes(sample.hidden())) {
        break;
      }
    }
    assertTrue(p < SAMPLES, "no sample of " + SAMPLES + " changed every kind of shadow");

    assertEquals(64, cfg.task().steps(), "the delay task's lane replays T = 64 steps");
    assertTrue(cfg.shape().maxDelay() <= DELAY_TASK_MAX_DELAY, "the preset's delays fit the delay task's lane");
    Lane lane = new Lane(spec.traceFracBits(), DELAY_TASK_MAX_LEAK, 1, cfg.shape().maxDelay(), lut(cfg, spec),
        dlut(cfg, spec), spec.eligibilityWidth());
    List<CompiledHarness> m = delayTaskLane(spec);
    int weightWidth = cfg.shape().hiddenNeuron().weightWidth();
    SplittableRandom idle = new SplittableRandom(0x3F03L);
    walk(m, lane, sample.output(), spec, spec.outputWeightShift(), weightWidth, 0, UpdateRounding.forSample(
        spec.roundingBits(), cfg.seed(), 1, 0, p), idle);
    walk(m, lane, sample.hidden(), spec, spec.hiddenWeightShift(), weightWidth, cfg.shape().maxDelay(),
        UpdateRounding.forSample(spec.roundingBits(), cfg.seed(), 0, 0, p), idle);
  }

  /** Replays every synapse of {@code layer} in the lane and walks its update; checks the trainer's shadows after it. */
  private static void walk(List<CompiledHarness> m, Lane lane, LayerReplay layer, HwThreeFactorLearning spec, int weightShift,
      int weightWidth, int maxDelay, UpdateRounding rounding, SplittableRandom idle) {
    List<Replay> replays = new ArrayList<>();
    for (int i = 0; i < layer.inputs(); i++) {
      for (int j = 0; j < layer.size(); j++) {
        replays.add(new Replay(lane, layer.presynaptic()[i], layer.codes()[j], layer.delays()[j][i],
            layer.leakShift(), layer.kappaShift()));
      }
    }
    long[][] e = replayAll(m, replays, idle);
    long[][] w = copy(layer.shadowWeightsBefore());
    long[][] d = layer.shadowDelaysBefore() == null ? null : copy(layer.shadowDelaysBefore());
    int shadowWidth = spec.shadowWeightWidth(weightWidth);
    int fd = spec.delayFracBits();
    for (int i = 0, n = 0; i < layer.inputs(); i++) {
      long g = 0;
      for (int j = 0; j < layer.size(); j++, n++) {
        long l = layer.signals()[j];
        if (layer.mode() != DelayMode.NONE) {
          long term = Math.multiplyExact(l * layer.weights()[j][i], e[n][1]);
          if (layer.mode() == DelayMode.SYNAPTIC) {
            d[j][i] = DelayUpdate.applyShadow(d[j][i], term, spec.delayShift(), rounding, fd, 0, maxDelay);
          } else {
            g = Math.addExact(g, term);
          }
        }
        w[j][i] = WeightUpdate.applyShadow(w[j][i], l, e[n][0], weightShift, rounding, shadowWidth);
      }
      if (layer.mode() == DelayMode.AXONAL) {
        d[0][i] = DelayUpdate.applyShadow(d[0][i], g, spec.delayShift(), rounding, fd, 0, maxDelay);
      }
    }
    assertArrayEquals(layer.shadowWeightsAfter(), w, "shadow weights after the walk");
    if (d != null) {
      assertArrayEquals(layer.shadowDelaysAfter(), d, "shadow delays after the walk");
    }
  }

  /** Whether the sample changed some shadow weight and (with learned delays) some shadow delay of {@code layer}. */
  private static boolean changes(LayerReplay layer) {
    return !Arrays.deepEquals(layer.shadowWeightsBefore(), layer.shadowWeightsAfter())
        && (layer.shadowDelaysBefore() == null
            || !Arrays.deepEquals(layer.shadowDelaysBefore(), layer.shadowDelaysAfter()));
  }

  private static long[][] copy(long[][] a) {
    long[][] c = new long[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }

  private static SurrogateLut lut(ThreeFactorConfig cfg, HwThreeFactorLearning spec) {
    return SurrogateLut.of(new GaussianSurrogate(cfg.learning().surrogateSigma()), spec.psiShift(), spec.psiHalf(),
        spec.psiFracBits());
  }

  private static DerivativeLut dlut(ThreeFactorConfig cfg, HwThreeFactorLearning spec) {
    return DerivativeLut.of(new GaussianDerivativeKernel(cfg.learning().kernelSigma(), cfg.learning().kernelRadius()),
        spec.derivFracBits());
  }

  /** The golden side of a lane: its widths and tables. */
  record Lane(int fx, int maxLeak, int kappaWidth, int maxDelay, SurrogateLut lut, DerivativeLut dlut,
      int width) {}

  /** {@code replays} random replays of {@code steps} steps each, compared after every clock in both simulators. */
  private static void run(List<CompiledHarness> m, Lane lane, int replays, int steps, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Replay> list = new ArrayList<>();
    for (int n = 0; n < replays; n++) {
      list.add(Replay.random(lane, steps, random));
    }
    replayAll(m, list, random);
  }

  /**
   * Runs {@code replays} one after the other (a clear, then one clock per step, idle clocks drawn from
   * {@code random} between steps) in each of {@code sims} (the lane built in Verilator and in Icarus), compares
   * every clock with the golden replay and returns the lane's final {@code {ē^W, ē^ȳ}} of each replay (the same
   * in both simulators).
   */
  static long[][] replayAll(List<CompiledHarness> sims, List<Replay> replays, SplittableRandom random) {
    VectorHarness h = sims.get(0).harness();
    TwinRows rows = new TwinRows(h);
    int[] last = new int[replays.size()];
    for (int n = 0; n < replays.size(); n++) {
      Replay replay = replays.get(n);
      rows.add(replay.inputs(rows.row()).in("in_clear", 1), replay::expect);
      for (int t = 0; t < replay.p.length; t++) {
        if (random.nextInt(8) == 0) {
          rows.add(replay.inputs(rows.row()), replay::expect); // an idle clock: the lane holds
        }
        replay.t = t;
        rows.add(replay.inputs(rows.row()).in("in_step", 1).in("in_spike", replay.p[t] ? 1 : 0)
            .in("in_code", replay.codes[t]), replay::expect);
      }
      last[n] = rows.size() - 1;
    }
    TwinVectors.Cases cases = rows.cases();
    ClockedVectors clocked = new ClockedVectors(h, 1);
    long[][] actual = null;
    for (CompiledHarness s : sims) {
      actual = clocked.run(s, cases.inputs());
      VectorComparison.assertSame(s.simulator().name() + ": " + h.top(), h, clocked.driven(cases.inputs()),
          cases.expected(), actual);
    }
    long[][] e = new long[replays.size()][];
    for (int n = 0; n < replays.size(); n++) {
      e[n] = new long[] {actual[last[n]][h.outputIndex("out_eligibilityW")],
          actual[last[n]][h.outputIndex("out_eligibilityD")]};
    }
    return e;
  }

  /** One synapse replay: its random train, codes, delay and shifts, and the golden state after each clock. */
  static final class Replay {
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

    Replay(Lane lane, boolean[] p, int[] codes, int d, int k, int kappa) {
      this.lane = lane;
      this.p = p;
      this.codes = codes;
      this.d = d;
      this.k = k;
      this.kappa = kappa;
    }

    /** A random replay: train, codes, delay and shifts. */
    static Replay random(Lane lane, int steps, SplittableRandom random) {
      boolean[] p = new boolean[steps];
      int[] codes = new int[steps];
      int rate = 1 + random.nextInt(6);
      for (int s = 0; s < steps; s++) {
        p[s] = random.nextInt(10) < rate;
        codes[s] = random.nextInt(2 * lane.lut.half() + 1);
      }
      return new Replay(lane, p, codes, random.nextInt(lane.maxDelay + 1), random.nextInt(lane.maxLeak + 1),
          random.nextInt(1 << lane.kappaWidth));
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
