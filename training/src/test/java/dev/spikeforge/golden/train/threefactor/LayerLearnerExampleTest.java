package dev.spikeforge.golden.train.threefactor;

import dev.spikeforge.golden.learning.threefactor.UpdateRounding;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spikeforge.golden.learning.threefactor.DerivativeLut;
import dev.spikeforge.golden.learning.threefactor.FeedbackMode;
import dev.spikeforge.golden.learning.threefactor.GaussianDerivativeKernel;
import dev.spikeforge.golden.learning.threefactor.GaussianSurrogate;
import dev.spikeforge.golden.learning.threefactor.IntLearningFormat;
import dev.spikeforge.golden.learning.threefactor.SurrogateLut;
import dev.spikeforge.golden.spec.hw.DelayMode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** One integer neuron, one input, three steps, by hand (docs/learning.md (Part II) §3). */
@Tag("unit")
class LayerLearnerExampleTest {
  @Test
  void oneNeuronThreeStepsByHand() {
    // shadow weights with 8 fraction bits, traces with 4
    IntLearningFormat f = new IntLearningFormat(8, 8, 3, 8, 8, 4, 6, 0, 32, 8);
    LearningParams lp = new LearningParams(FeedbackMode.SYMMETRIC, 16, 1.0, 3, 0, 2, 0, -10, -10, -10, -10);
    SurrogateLut lut = SurrogateLut.of(new GaussianSurrogate(16), f.psiShift(), f.psiHalf(), f.psiFracBits());
    DerivativeLut dlut = DerivativeLut.of(new GaussianDerivativeKernel(1.0, 3), f.derivFracBits());
    IntLayerLearner l = new IntLayerLearner("n", 1, 1, DelayMode.NONE, false, 0, new NeuronParams(64, 1, 16, 8), lp,
        f, lut, dlut, new int[][] {{40}}, null, null, null, null);
    l.begin(3);
    int[] spike = {0};
    // t = 0: v2 = 0 + 40, u = -24 -> bin -3 (centre -20) -> psi 117; xbar = 16
    l.step(0, spike, 1);
    assertEquals(40, l.lastV2[0]);
    // t = 1: v2 = (40 - 20) + 40 = 60, u = -4 -> bin -1 (centre -4) -> psi 248; xbar = 16 - 8 + 16 = 24
    l.step(1, spike, 1);
    assertEquals(60, l.lastV2[0]);
    // t = 2: v2 = 60 - 30 = 30, u = -34 -> bin -5 (centre -36) -> psi 20; xbar = 24 - 12 = 12
    l.step(2, spike, 0);
    assertEquals(30, l.lastV2[0]);
    // eW = 117*16 + 248*24 + 20*12 = 1872 + 5952 + 240
    assertEquals(8064, l.ebW[0]);
    // update with L = -2 and shift 6: shadow 40*256 - round(-16128 / 64) = 10240 + 252 = 10492 -> 40.98 -> 41
    l.update(new long[] {-2}, 6, 6, 6, UpdateRounding.halfEven());
    assertEquals(10492, l.wS[0][0]);
    assertEquals(41, l.w[0][0]);
  }
}
