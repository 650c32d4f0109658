package dev.spikeforge.golden.train.threefactor;

import dev.spikeforge.golden.spec.hw.DelayMode;

/**
 * Topology: inputs → one hidden LIF layer (feedforward or recurrent, with the delays of {@code
 * delayMode} on its input synapses) → a LIF output layer (one neuron per class, delay 0), read out
 * by spike count.
 *
 * @param hidden hidden neurons
 * @param recurrent whether the hidden layer has recurrent weights (delays: 1, or learned when SYNAPTIC)
 * @param delayMode delays of the hidden layer
 * @param maxDelay largest delay, 0..255 (ignored by NONE)
 * @param hiddenNeuron hidden LIF parameters
 * @param outputNeuron output LIF parameters
 */
public record NetworkShape(int hidden, boolean recurrent, DelayMode delayMode, int maxDelay,
    NeuronParams hiddenNeuron, NeuronParams outputNeuron) {
  public NetworkShape {
    if (hidden < 1 || delayMode == null || maxDelay < 0 || maxDelay > 255 || hiddenNeuron == null || outputNeuron == null) {
      throw new IllegalArgumentException("invalid network shape: hidden " + hidden + ", delayMode " + delayMode
          + ", maxDelay " + maxDelay);
    }
    if (delayMode != DelayMode.NONE && maxDelay < 1) {
      throw new IllegalArgumentException("delay mode " + delayMode + " needs maxDelay >= 1");
    }
  }

  /** The hidden layer's maxDelay as exported (0 when there are no delays). */
  public int effectiveMaxDelay() {
    return delayMode == DelayMode.NONE ? 0 : maxDelay;
  }

  public NetworkShape withHidden(int h) {
    return new NetworkShape(h, recurrent, delayMode, maxDelay, hiddenNeuron, outputNeuron);
  }

  public NetworkShape withDelayMode(DelayMode m) {
    return new NetworkShape(hidden, recurrent, m, maxDelay, hiddenNeuron, outputNeuron);
  }

  public NetworkShape withRecurrent(boolean r) {
    return new NetworkShape(hidden, r, delayMode, maxDelay, hiddenNeuron, outputNeuron);
  }
}
