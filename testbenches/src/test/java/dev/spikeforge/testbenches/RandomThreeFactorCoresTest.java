package dev.spikeforge.testbenches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.data.DelayPatternParams;
import dev.spikeforge.golden.learning.threefactor.FeedbackMode;
import dev.spikeforge.golden.learning.threefactor.IntLearningFormat;
import dev.spikeforge.golden.spec.hw.DelayMode;
import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.golden.spec.hw.MemoryRole;
import dev.spikeforge.golden.train.threefactor.InitParams;
import dev.spikeforge.golden.train.threefactor.LearningParams;
import dev.spikeforge.golden.train.threefactor.NetworkShape;
import dev.spikeforge.golden.train.threefactor.NeuronParams;
import dev.spikeforge.golden.train.threefactor.NumericForm;
import dev.spikeforge.golden.train.threefactor.ThreeFactorConfig;
import dev.spikeforge.hwgen.LayerLearnerParams;
import dev.spikeforge.hwgen.ThreeFactorLayerLearner;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Randomized three-factor learning cores (issue 12): small random configurations of the delay task (classes,
 * channels, T, hidden size, every delay mode in turn with a random maximum delay, a feedforward and a recurrent hidden
 * layer in turn (three configurations each: k mod 6 < 3 feedforward), neuron widths, thresholds and
 * leaks, symmetric or random feedback, targets, learning rates, and the hardware form's widths F_w, F_d, the
 * surrogate table, trace and tap fractions, A, the feedback width and K ∈ {0, 8, 16}), each elaborated as its own
 * core and run in Icarus for a few consecutive training samples against {@code ThreeFactorLearningReference}: after
 * every sample every shadow weight and delay (of a recurrent layer its recurrent ones too) and the counts must be the
 * trainer's. Many draw T below A + B, so the
 * walk waits for its updater (the path the delay task never takes). CI runs {@value #DEFAULT_CONFIGS} configurations
 * of seed 1; {@code -Dspikeforge.randomThreeFactorConfigs=N -Dspikeforge.randomThreeFactorSeed=S} runs more.
 */
@Tag("sim")
class RandomThreeFactorCoresTest {
  private static final Path WORK = Path.of("target", "sim", "RandomThreeFactorCoresTest");
  static final int DEFAULT_CONFIGS = 51;
  static final int CONFIGS = Integer.getInteger("spikeforge.randomThreeFactorConfigs", DEFAULT_CONFIGS);
  static final long SEED = Long.getLong("spikeforge.randomThreeFactorSeed", 1L);
  static final int SAMPLES = 3;

  @BeforeEach
  void requireTools() {
    SimTools.requireVerilatorAndIcarus();
  }

  /** Whether configuration k has a recurrent hidden layer: k mod 6 ≥ 3 (every delay mode both ways). */
  static boolean recurrent(int k) {
    return k % 6 >= 3;
  }

  /** Configuration k of the run: delay mode k mod 3, recurrent per {@link #recurrent}, everything else drawn. */
  static ThreeFactorConfig config(Random r, int k) {
    DelayMode mode = DelayMode.values()[k % 3];
    int steps = 10 + r.nextInt(11);
    // no jitter: with a few channels and short lags the task could not draw distinct class patterns otherwise
    DelayPatternParams task = new DelayPatternParams(2 + r.nextInt(2), 3 + r.nextInt(4), steps, 3 + r.nextInt(3), 0,
        r.nextInt(2), r.nextLong());
    int membrane = 12 + r.nextInt(5);
    int weights = 4 + r.nextInt(5);
    NeuronParams hidden = new NeuronParams(16 + r.nextInt(49), 1 + r.nextInt(3), membrane, weights);
    NeuronParams output = new NeuronParams(16 + r.nextInt(49), 1 + r.nextInt(3), membrane, weights);
    int maxDelay = mode == DelayMode.NONE ? 0 : 1 + r.nextInt(Math.min(7, steps - 2));
    NetworkShape shape = new NetworkShape(2 + r.nextInt(4), recurrent(k), mode, maxDelay, hidden, output);
    int targetOn = 1 + r.nextInt(3);
    LearningParams lp = new LearningParams(r.nextBoolean() ? FeedbackMode.RANDOM : FeedbackMode.SYMMETRIC,
        8 + r.nextInt(17), 1.0, 2 + r.nextInt(2), 0, targetOn, r.nextInt(targetOn), -8 - r.nextInt(4),
        -10, -8 - r.nextInt(4), -8 - r.nextInt(4));
    InitParams init = new InitParams(0.3, 0.3, 0.2, 0.2, 0.3);
    int[] rounding = {0, 8, 16};
    IntLearningFormat f = new IntLearningFormat(4 + r.nextInt(5), 2 + r.nextInt(3), 2 + r.nextInt(2),
        r.nextBoolean() ? 4 : 8, 6 + r.nextInt(3), 4 + r.nextInt(5), 4 + r.nextInt(3), 0, 16 + r.nextInt(9),
        4 + r.nextInt(5), rounding[r.nextInt(3)]);
    return new ThreeFactorConfig(task, 40, 10, shape, lp, init, f, NumericForm.HARDWARE, 1, r.nextLong());
  }

  /**
   * A one-neuron recurrent hidden layer over 3 inputs: its recurrent memory has {@code HwCore.MIN_DEPTH} = 2 words for
   * its one synapse, and the padding word's learner address n·m + 1 = 4 wraps to 0 in the learner's 2-bit address, the
   * feedforward synapse (input 0 → neuron 0): the unit must drop that load (its address guard).
   */
  static ThreeFactorConfig oneNeuronRecurrent(DelayMode mode) {
    DelayPatternParams task = new DelayPatternParams(2, 3, 16, 4, 0, 1, 11);
    NeuronParams hidden = new NeuronParams(24, 1, 14, 6);
    NeuronParams output = new NeuronParams(24, 1, 14, 6);
    NetworkShape shape = new NetworkShape(1, true, mode, mode == DelayMode.NONE ? 0 : 3, hidden, output);
    LearningParams lp = new LearningParams(FeedbackMode.SYMMETRIC, 16, 1.0, 2, 0, 2, 1, -8, -10, -8, -8);
    IntLearningFormat f = new IntLearningFormat(6, 3, 2, 8, 7, 6, 5, 0, 20, 6, 16);
    return new ThreeFactorConfig(task, 40, 10, shape, lp, new InitParams(0.3, 0.3, 0.2, 0.2, 0.3), f,
        NumericForm.HARDWARE, 1, 5L);
  }

  @Test
  void aOneNeuronRecurrentLayerLearnsBitExactly() throws Exception {
    for (DelayMode mode : DelayMode.values()) {
      ThreeFactorConfig cfg = oneNeuronRecurrent(mode);
      Path dir = WORK.resolve("one-neuron-recurrent-" + mode);
      ThreeFactorLearningCoreTest.Built b = ThreeFactorLearningCoreTest.Built.of(cfg, dir);
      assertTrue(b.core().layers().get(0).recurrent() && b.core().layers().get(0).size() == 1, mode.name());
      assertEquals(HwCore.MIN_DEPTH, b.core().memory(0, MemoryRole.RECURRENT).depth(), mode + ": a padded memory");
      // not vacuous: the padding word (0), wrapped onto synapse (input 0 → neuron 0), would change that shadow
      assertTrue(b.ref().memoryWords(0)[0].signum() != 0, mode + ": synapse (0 → 0) starts at 0");
      LearningVerifier.Report rep = LearningVerifier.verify(b.verilog(), b.core(), b.ref(),
          ThreeFactorLearningCoreTest.samples(cfg, SAMPLES),
          new LearningVerifier.Options(dir.resolve("sim"), 0, 0, b.images()).withSimulators(LearningVerifier.Sim.ICARUS)
              .withWaveformOnMismatch(false));
      assertTrue(rep.passed(), () -> mode + ": " + (rep.firstMismatch() == null ? rep.matching() + " of "
          + rep.samples() : rep.firstMismatch().describe()));
      assertEquals(SAMPLES, rep.matching(), mode.name());
    }
  }

  @Test
  void everyRandomCoreLearnsBitExactly() throws Exception {
    Random r = new Random(SEED);
    int[] perMode = new int[3];
    int[] recurrentPerMode = new int[3];
    int multiBitDraws = 0;
    for (int k = 0; k < CONFIGS; k++) {
      ThreeFactorConfig cfg = config(r, k);
      String name = "seed" + SEED + "-" + k + "-" + cfg.shape().delayMode() + (cfg.shape().recurrent() ? "-rec" : "");
      Path dir = WORK.resolve(name);
      ThreeFactorLearningCoreTest.Built b = ThreeFactorLearningCoreTest.Built.of(cfg, dir);
      LearningVerifier.Report rep = LearningVerifier.verify(b.verilog(), b.core(), b.ref(),
          ThreeFactorLearningCoreTest.samples(cfg, SAMPLES),
          new LearningVerifier.Options(dir.resolve("sim"), 0, 0, b.images()).withSimulators(LearningVerifier.Sim.ICARUS));
      assertTrue(rep.passed(), () -> name + " (" + cfg + ", " + b.ref().spec() + "): " + (rep.firstMismatch() == null
          ? rep.matching() + " of " + rep.samples() : rep.firstMismatch().describe()));
      assertEquals(SAMPLES, rep.matching(), name);
      perMode[k % 3]++;
      // counted from the core that was built and verified, not from the draw: a config that lost the flag fails here
      recurrentPerMode[k % 3] += b.core().layers().get(0).recurrent() ? 1 : 0;
      // a hidden learner whose update is too short for one LFSR bit a clock draws several a clock
      multiBitDraws += ThreeFactorLayerLearner.drawStep(
          LayerLearnerParams.hidden(b.core().threeFactorLearning(), b.core())) > 1 ? 1 : 0;
    }
    if (CONFIGS >= 12) {
      assertTrue(multiBitDraws > 0, "a configuration whose hidden learner draws several LFSR bits a clock");
    }
    for (int m = 0; m < 3 && CONFIGS >= 6; m++) {
      assertTrue(recurrentPerMode[m] > 0 && recurrentPerMode[m] < perMode[m], DelayMode.values()[m]
          + ": feedforward and recurrent configurations both");
    }
    System.out.println("RandomThreeFactorCoresTest seed " + SEED + ": " + CONFIGS + " random configurations ("
        + perMode[0] + " NONE, " + perMode[1] + " AXONAL, " + perMode[2] + " SYNAPTIC; recurrent "
        + recurrentPerMode[0] + ", " + recurrentPerMode[1] + ", " + recurrentPerMode[2] + "), " + SAMPLES
        + " training samples each, bit-exact in Icarus; " + multiBitDraws + " draw several LFSR bits a clock");
  }
}
