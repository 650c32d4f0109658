package dev.spikeforge.golden.train.threefactor;

import dev.spikeforge.golden.learning.threefactor.DerivativeLut;
import dev.spikeforge.golden.learning.threefactor.GaussianDerivativeKernel;
import dev.spikeforge.golden.learning.threefactor.IntLearningFormat;
import dev.spikeforge.golden.numerics.Fx;
import dev.spikeforge.golden.spec.hw.DelayMode;

/**
 * Learning-state memory of the hidden layer's synapses in the integer form, as the trainer keeps
 * it (the output layer's, {@code classes × hidden} weight eligibilities plus per-neuron traces, is the
 * same for every variant and left out). Per synapse: the eligibility accumulators ē^W (and ē^ȳ when
 * its delay is learned), plus, with synaptic delays, the synapse's own traces x̄ and ȳ (its input is
 * delayed individually). Per presynaptic neuron: x̄ and ȳ when delays are axonal or absent, and the
 * spike-history ring buffer ({@code maxDelay + radius + 1} bits) read by the delay FIR.
 *
 * @param perSynapseWords state words per synapse (feedforward)
 * @param perSynapseBits their bits
 * @param perNeuronWords state words per presynaptic input
 * @param perNeuronBits their bits (history buffer included)
 * @param totalBits whole hidden layer: feedforward synapses and inputs, plus, if recurrent, the recurrent
 *     synapses (ē^R only, or the four words of a synapse with a learned delay in SYNAPTIC mode) and the
 *     hidden neurons as presynaptic sources
 */
public record EligibilityMemory(int perSynapseWords, int perSynapseBits, int perNeuronWords, int perNeuronBits,
    long totalBits) {

  /** Memory of a config's hidden layer. */
  public static EligibilityMemory of(ThreeFactorConfig cfg, int inputs) {
    NetworkShape s = cfg.shape();
    IntLearningFormat f = cfg.intFormat();
    int k = s.hiddenNeuron().leakShift();
    int a = f.eligibilityWidth();
    int xBits = f.traceFracBits() + k + 1;
    DerivativeLut d = DerivativeLut.of(new GaussianDerivativeKernel(cfg.learning().kernelSigma(),
        cfg.learning().kernelRadius()), f.derivFracBits());
    long tapSum = 0;
    for (int t : d.taps()) {
      tapSum += Math.abs(t);
    }
    long yMax = tapSum << Math.max(k, 0);
    int yBits = Fx.signedWidthFor(-yMax, yMax);
    int history = s.effectiveMaxDelay() + (s.delayMode() == DelayMode.NONE ? 0 : d.radius()) + 1;
    int synWords;
    int synBits;
    int neuWords;
    int neuBits;
    switch (s.delayMode()) {
      case NONE -> {
        synWords = 1;
        synBits = a;
        neuWords = 1;
        neuBits = xBits + history;
      }
      case AXONAL -> {
        synWords = 2;
        synBits = 2 * a;
        neuWords = 2;
        neuBits = xBits + yBits + history;
      }
      default -> {
        synWords = 4;
        synBits = 2 * a + xBits + yBits;
        neuWords = 0;
        neuBits = history;
      }
    }
    long h = s.hidden();
    long total = h * inputs * synBits + (long) inputs * neuBits;
    if (s.recurrent()) {
      // recurrent synapses learn delays only in SYNAPTIC mode; otherwise their delay is 1 and each
      // hidden neuron, as a presynaptic source, keeps z̄ and one bit of history
      boolean learned = s.delayMode() == DelayMode.SYNAPTIC;
      total += h * h * (learned ? synBits : a) + h * (learned ? history : xBits + 1);
    }
    return new EligibilityMemory(synWords, synBits, neuWords, neuBits, total);
  }
}
