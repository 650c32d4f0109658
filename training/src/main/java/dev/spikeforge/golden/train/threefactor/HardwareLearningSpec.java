package dev.spikeforge.golden.train.threefactor;

import dev.spikeforge.golden.learning.threefactor.DerivativeLut;
import dev.spikeforge.golden.learning.threefactor.FeedbackMode;
import dev.spikeforge.golden.learning.threefactor.GaussianDerivativeKernel;
import dev.spikeforge.golden.learning.threefactor.GaussianSurrogate;
import dev.spikeforge.golden.learning.threefactor.IntLearningFormat;
import dev.spikeforge.golden.learning.threefactor.SurrogateLut;
import dev.spikeforge.golden.spec.hw.HwThreeFactorLearning;

/**
 * The learning unit's spec of a hardware-form config: the same tables, widths and shifts the trainer
 * ({@link IntThreeFactorModel}, form HARDWARE) computes with, so a unit elaborated from it and the
 * trainer agree by construction (docs/learning.md Part II §9).
 */
public final class HardwareLearningSpec {
  private HardwareLearningSpec() {}

  /**
   * The {@link HwThreeFactorLearning} of {@code cfg}.
   *
   * @throws IllegalArgumentException if {@code cfg} is not of form HARDWARE
   */
  public static HwThreeFactorLearning of(ThreeFactorConfig cfg) {
    if (cfg.form() != NumericForm.HARDWARE) {
      throw new IllegalArgumentException("the learning unit runs the hardware form; the config is " + cfg.form());
    }
    LearningParams lp = cfg.learning();
    IntLearningFormat f = cfg.intFormat();
    SurrogateLut lut = SurrogateLut.of(new GaussianSurrogate(lp.surrogateSigma()), f.psiShift(), f.psiHalf(),
        f.psiFracBits());
    DerivativeLut dlut = DerivativeLut.of(new GaussianDerivativeKernel(lp.kernelSigma(), lp.kernelRadius()),
        f.derivFracBits());
    return new HwThreeFactorLearning(f.weightFracBits(), f.delayFracBits(), f.roundingBits(), f.traceFracBits(),
        f.psiShift(), f.psiFracBits(), lut.entries(), f.derivFracBits(), dlut.taps(), f.eligibilityWidth(),
        lp.kappaShift(), f.outputFracBits(), lp.targetOn(), lp.targetOff(), lp.feedback() == FeedbackMode.RANDOM,
        f.feedbackWidth(), f.weightShift(lp.lrLog2Hidden()), f.weightShift(lp.lrLog2Recurrent()),
        f.weightShift(lp.lrLog2Output()), f.delayShift(lp.lrLog2Delay()));
  }
}
