package dev.spikeforge.golden.train.threefactor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.learning.threefactor.FeedbackMode;
import dev.spikeforge.golden.learning.threefactor.IntLearningFormat;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.spec.hw.DelayMode;
import dev.spikeforge.golden.spec.hw.HwThreeFactorLearning;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The hardware form (replay, walk order, stochastic rounding) against {@link HardwareFormReference}, a
 * straightforward implementation of its specification, bit for bit on random tiny networks: every
 * delay mode, feedforward and recurrent, both feedbacks, random widths, rounding bits and rates.
 */
@Tag("unit")
@net.jqwik.api.Tag("unit")
class HardwareFormReferenceTest {
  static ThreeFactorConfig config(int hidden, boolean recurrent, DelayMode mode, int maxDelay, FeedbackMode fb,
      IntLearningFormat f, int lr, long seed) {
    NetworkShape shape = new NetworkShape(hidden, recurrent, mode, maxDelay, new NeuronParams(64, 1, 16, 8),
        new NeuronParams(64, 3, 16, 8));
    LearningParams lp = new LearningParams(fb, 16, 1.0, 3, 0, 2, 0, lr, lr, lr + 1, lr);
    InitParams init = new InitParams(0.3, 0.3, 0.2, 0.2, 0.3);
    return new ThreeFactorConfig(TinyNets.TASK, 10, 10, shape, lp, init, f, NumericForm.HARDWARE, 1, seed);
  }

  @Property(tries = 60)
  void trainerEqualsTheReference(@ForAll @IntRange(min = 0, max = 5) int variant,
      @ForAll @IntRange(min = 2, max = 5) int hidden, @ForAll @IntRange(min = 2, max = 5) int inputs,
      @ForAll @IntRange(min = 6, max = 18) int steps, @ForAll @IntRange(min = 1, max = 4) int maxDelay,
      @ForAll @IntRange(min = 0, max = 4) int fw, @ForAll @IntRange(min = 0, max = 6) int fd,
      @ForAll @IntRange(min = 0, max = 16) int roundingBits, @ForAll @IntRange(min = 16, max = 32) int accumulator,
      @ForAll @IntRange(min = -9, max = -4) int lr, @ForAll boolean random,
      @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
    DelayMode mode = DelayMode.values()[variant % 3];
    boolean recurrent = variant >= 3;
    IntLearningFormat f = IntLearningFormat.HARDWARE.withShadowBits(fw, fd).withRoundingBits(roundingBits)
        .withEligibilityWidth(accumulator);
    ThreeFactorConfig cfg = config(hidden, recurrent, mode, maxDelay, random ? FeedbackMode.RANDOM
        : FeedbackMode.SYMMETRIC, f, lr, seed);
    int classes = 3;
    IntThreeFactorModel m = IntThreeFactorModel.create(cfg, inputs, classes, steps);
    HardwareFormReference ref = new HardwareFormReference(cfg, inputs, classes, steps);
    for (int sample = 0; sample < 4; sample++) {
      SpikeRaster x = TinyNets.randomRaster(inputs, steps, 0.3, seed * 31 + sample);
      int label = (int) ((seed + sample) % classes);
      int epoch = sample / 2;
      long position = sample % 2 + seed % 7;
      m.train(x, label, epoch, position);
      ref.train(x, label, epoch, position);
      assertSameState(ref, m, "sample " + sample + " of " + cfg);
    }
  }

  @Test
  void theReferenceAndTheTrainerLearnSomethingAndRoundingDraws() {
    // the property above would pass if nothing ever changed: here the weights and delays do move, and the
    // same config with other LFSR streams (other positions) ends elsewhere
    ThreeFactorConfig cfg = config(4, true, DelayMode.SYNAPTIC, 4, FeedbackMode.SYMMETRIC, IntLearningFormat.HARDWARE,
        -5, 3);
    HardwareFormReference ref = new HardwareFormReference(cfg, 5, 3, 16);
    long[][] w0 = deepCopy(ref.wS);
    long[][] d0 = deepCopy(ref.syn);
    IntThreeFactorModel a = IntThreeFactorModel.create(cfg, 5, 3, 16);
    IntThreeFactorModel b = IntThreeFactorModel.create(cfg, 5, 3, 16);
    for (int sample = 0; sample < 6; sample++) {
      SpikeRaster x = TinyNets.randomRaster(5, 16, 0.3, sample);
      ref.train(x, sample % 3, 0, sample);
      a.train(x, sample % 3, 0, sample);
      b.train(x, sample % 3, 0, sample + 100);
    }
    assertSameState(ref, a, "six samples");
    assertFalse(Arrays.deepEquals(w0, ref.wS), "hidden weights moved");
    assertFalse(Arrays.deepEquals(d0, ref.syn), "synaptic delays moved");
    assertNotEquals(Arrays.deepToString(a.hidden.wS), Arrays.deepToString(b.hidden.wS));
  }

  @Test
  void theIntegerFormRefusesStochasticRounding() {
    ThreeFactorConfig cfg = config(3, false, DelayMode.NONE, 2, FeedbackMode.SYMMETRIC, IntLearningFormat.HARDWARE,
        -6, 1).withForm(NumericForm.INT);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> IntThreeFactorModel.create(cfg, 3, 3, 8));
    assertTrue(e.getMessage().contains("roundingBits") && e.getMessage().contains("HARDWARE"), e.getMessage());
  }

  @Test
  void theUnitSpecCarriesTheTrainersTablesAndShifts() {
    ThreeFactorConfig cfg = ThreeFactorConfig.preset(16, true, DelayMode.SYNAPTIC, NumericForm.HARDWARE);
    HwThreeFactorLearning s = HardwareLearningSpec.of(cfg);
    IntThreeFactorModel m = IntThreeFactorModel.create(cfg, 9, 4, 64);
    assertArrayEquals(m.hidden.lut.entries(), s.psiTable());
    assertArrayEquals(m.hidden.dlut.taps(), s.derivTaps());
    IntLearningFormat f = cfg.intFormat();
    assertEquals(f.weightShift(-12), s.hiddenWeightShift());
    assertEquals(f.weightShift(-10), s.outputWeightShift());
    assertEquals(f.delayShift(-12), s.delayShift());
    assertEquals(f.roundingBits(), s.roundingBits());
    assertEquals(f.eligibilityWidth(), s.eligibilityWidth());
    assertThrows(IllegalArgumentException.class, () -> HardwareLearningSpec.of(cfg.withForm(NumericForm.INT)));
  }

  private static void assertSameState(HardwareFormReference ref, IntThreeFactorModel m, String where) {
    assertArrayEquals(ref.wS, m.hidden.wS, "hidden shadow weights, " + where);
    assertArrayEquals(ref.oS, m.output.wS, "output shadow weights, " + where);
    if (ref.rS != null) {
      assertArrayEquals(ref.rS, m.hidden.rS, "recurrent shadow weights, " + where);
    }
    if (ref.ax != null) {
      assertArrayEquals(ref.ax, m.hidden.axonal, "axonal shadow delays, " + where);
    }
    if (ref.syn != null) {
      assertArrayEquals(ref.syn, m.hidden.synaptic, "synaptic shadow delays, " + where);
    }
    if (ref.recD != null) {
      assertArrayEquals(ref.recD, m.hidden.recDelay, "recurrent shadow delays, " + where);
    }
  }

  private static long[][] deepCopy(long[][] m) {
    return IntLayerLearner.copy(m);
  }
}
