package dev.spikeforge.golden.train.threefactor;

import dev.spikeforge.golden.learning.threefactor.FeedbackMode;

/**
 * Hyper-parameters of the rule, shared by both forms.
 *
 * @param feedback symmetric or random feedback
 * @param surrogateSigma σ of the Gaussian surrogate ψ, in membrane units
 * @param kernelSigma σ of the Gaussian smoothing of spike trains for the delay derivative, in steps
 * @param kernelRadius support of that kernel in steps (FIR taps: 2·radius + 1)
 * @param kappaShift readout/eligibility filter κ = 1 − 2^−kappaShift (0: κ = 1, π = spike count)
 * @param targetOn π the label output must reach (spikes when κ = 1)
 * @param targetOff π no other output may exceed
 * @param lrLog2Hidden log2 η of the hidden feedforward weights
 * @param lrLog2Recurrent log2 η of the recurrent weights
 * @param lrLog2Output log2 η of the output weights
 * @param lrLog2Delay log2 η_d of the (shadow) delays
 */
public record LearningParams(FeedbackMode feedback, double surrogateSigma, double kernelSigma, int kernelRadius,
    int kappaShift, int targetOn, int targetOff, int lrLog2Hidden, int lrLog2Recurrent, int lrLog2Output,
    int lrLog2Delay) {
  public LearningParams {
    if (feedback == null || !(surrogateSigma > 0) || !(kernelSigma > 0) || kernelRadius < 1 || kappaShift < 0
        || targetOn < 0 || targetOff < 0 || targetOff >= targetOn) {
      throw new IllegalArgumentException("invalid learning parameters");
    }
  }

  /** κ as a real. */
  public double kappa() {
    return kappaShift == 0 ? 1.0 : 1.0 - Math.scalb(1.0, -kappaShift);
  }

  public double etaHidden() {
    return Math.scalb(1.0, lrLog2Hidden);
  }

  public double etaRecurrent() {
    return Math.scalb(1.0, lrLog2Recurrent);
  }

  public double etaOutput() {
    return Math.scalb(1.0, lrLog2Output);
  }

  public double etaDelay() {
    return Math.scalb(1.0, lrLog2Delay);
  }

  public LearningParams withFeedback(FeedbackMode f) {
    return new LearningParams(f, surrogateSigma, kernelSigma, kernelRadius, kappaShift, targetOn, targetOff,
        lrLog2Hidden, lrLog2Recurrent, lrLog2Output, lrLog2Delay);
  }

  public LearningParams withTargets(int on, int off) {
    return new LearningParams(feedback, surrogateSigma, kernelSigma, kernelRadius, kappaShift, on, off, lrLog2Hidden,
        lrLog2Recurrent, lrLog2Output, lrLog2Delay);
  }

  public LearningParams withRates(int hidden, int recurrent, int output, int delay) {
    return new LearningParams(feedback, surrogateSigma, kernelSigma, kernelRadius, kappaShift, targetOn, targetOff,
        hidden, recurrent, output, delay);
  }
}
