package dev.spikeforge.golden.learning;

import dev.spikeforge.golden.spec.SpecException;

/**
 * The hyper-parameters of desire backpropagation, shared by the float and the integer form (the
 * integer form adds its widths in {@link DesireIntParams}). Defaults follow the authors' code
 * ({@code docs/learning.md} §1); the threshold is fixed at {@link DesireBackprop#THRESHOLD} = 1.
 *
 * @param timesteps T, steps per sample (1..64: spike histories are kept as one {@code long} per neuron)
 * @param leakShift k of the membrane and trace decay {@code λ = 1 − 2^−k} (1..15; the reference uses 2)
 * @param errorMargin the spike-count target of a desired neuron is {@code T_eff = T − errorMargin}
 * @param hiddenDesireThreshold a hidden neuron gets desire {@code sign(a)} when {@code |a| ≥} this (0.05)
 * @param outputDesireThreshold an output neuron gets desire when its error {@code >} this (0.30)
 * @param inputDropout probability that an input channel is silenced for a whole sample (0 ≤ p ≤ 0.75)
 * @param hiddenDropout probability that a hidden neuron is silenced for a whole sample (0 ≤ p ≤ 0.75)
 * @param learningRate η0, the learning rate of epoch 0
 * @param learningRateDecay γ of the schedule {@code η(e) = η0 · exp(−γ e)}, e = 0-based epoch
 * @param layerDelay steps between a spike of layer l−1 and its arrival at layer l ≥ 1 (an axonal delay
 *     on every input of those layers); 1 in the reference code (its one-step pipeline), 0..8
 */
public record DesireParams(
    int timesteps,
    int leakShift,
    int errorMargin,
    double hiddenDesireThreshold,
    double outputDesireThreshold,
    double inputDropout,
    double hiddenDropout,
    double learningRate,
    double learningRateDecay,
    int layerDelay) {

  /** Largest T: a neuron's spikes of one sample are kept as the bits of one {@code long}. */
  public static final int MAX_TIMESTEPS = 64;
  /** Largest dropout probability (keeps the integer rescale factor within 11 bits). */
  public static final double MAX_DROPOUT = 0.75;

  public DesireParams {
    SpecException.inRange(timesteps, 1, MAX_TIMESTEPS, "timesteps", "the desire trainer keeps T spike bits per neuron");
    SpecException.inRange(leakShift, 1, 15, "leakShift", "λ = 1 − 2^−k");
    SpecException.inRange(errorMargin, 0, timesteps - 1, "errorMargin", "T_eff = T − errorMargin must be at least 1");
    SpecException.check(hiddenDesireThreshold > 0 && Double.isFinite(hiddenDesireThreshold), "hiddenDesireThreshold",
        hiddenDesireThreshold + " must be positive");
    SpecException.check(outputDesireThreshold >= 0 && outputDesireThreshold < 1, "outputDesireThreshold",
        outputDesireThreshold + " must be in [0, 1)");
    SpecException.check(inputDropout >= 0 && inputDropout <= MAX_DROPOUT, "inputDropout",
        inputDropout + " must be in [0, " + MAX_DROPOUT + "]");
    SpecException.check(hiddenDropout >= 0 && hiddenDropout <= MAX_DROPOUT, "hiddenDropout",
        hiddenDropout + " must be in [0, " + MAX_DROPOUT + "]");
    SpecException.check(learningRate > 0 && Double.isFinite(learningRate), "learningRate", learningRate + " must be positive");
    SpecException.check(learningRateDecay >= 0 && Double.isFinite(learningRateDecay), "learningRateDecay",
        learningRateDecay + " must be zero or positive");
    SpecException.inRange(layerDelay, 0, MAX_LAYER_DELAY, "layerDelay", "steps between layers");
  }

  /** Largest delay between layers. */
  public static final int MAX_LAYER_DELAY = 8;

  /** The authors' MNIST settings: T = 20, k = 2, margin 4, thresholds 0.05/0.30, dropout 0/0.3, η0 = 1e-5, γ = 0.04. */
  public static DesireParams mnist() {
    return new DesireParams(20, 2, 4, 0.05, 0.30, 0.0, 0.3, 1e-5, 0.04, 1);
  }

  /** The authors' Fashion-MNIST settings: as {@link #mnist()} with dropout 0.05 (input) and 0.40 (hidden). */
  public static DesireParams fashionMnist() {
    return new DesireParams(20, 2, 4, 0.05, 0.30, 0.05, 0.40, 1e-5, 0.04, 1);
  }

  /** {@code T_eff = T − errorMargin}: the spike count at which a desired neuron's error is zero. */
  public int tEff() {
    return timesteps - errorMargin;
  }

  /** λ = 1 − 2^−k. */
  public double leak() {
    return 1.0 - Math.scalb(1.0, -leakShift);
  }

  /** η(e) = η0 · exp(−γ e) for the 0-based epoch {@code e} ({@link StrictMath}, so identical everywhere). */
  public double learningRate(int epoch) {
    return learningRate * StrictMath.exp(-learningRateDecay * epoch);
  }

  public DesireParams withTimesteps(int t) {
    return new DesireParams(t, leakShift, errorMargin, hiddenDesireThreshold, outputDesireThreshold, inputDropout,
        hiddenDropout, learningRate, learningRateDecay, layerDelay);
  }

  public DesireParams withDropout(double input, double hidden) {
    return new DesireParams(timesteps, leakShift, errorMargin, hiddenDesireThreshold, outputDesireThreshold, input,
        hidden, learningRate, learningRateDecay, layerDelay);
  }

  public DesireParams withLearningRate(double eta0, double decay) {
    return new DesireParams(timesteps, leakShift, errorMargin, hiddenDesireThreshold, outputDesireThreshold,
        inputDropout, hiddenDropout, eta0, decay, layerDelay);
  }

  public DesireParams withDesireThresholds(double hidden, double output) {
    return new DesireParams(timesteps, leakShift, errorMargin, hidden, output, inputDropout, hiddenDropout,
        learningRate, learningRateDecay, layerDelay);
  }

  public DesireParams withLayerDelay(int delay) {
    return new DesireParams(timesteps, leakShift, errorMargin, hiddenDesireThreshold, outputDesireThreshold,
        inputDropout, hiddenDropout, learningRate, learningRateDecay, delay);
  }

  public DesireParams withLeakShift(int k) {
    return new DesireParams(timesteps, k, errorMargin, hiddenDesireThreshold, outputDesireThreshold,
        inputDropout, hiddenDropout, learningRate, learningRateDecay, layerDelay);
  }

  public DesireParams withErrorMargin(int margin) {
    return new DesireParams(timesteps, leakShift, margin, hiddenDesireThreshold, outputDesireThreshold,
        inputDropout, hiddenDropout, learningRate, learningRateDecay, layerDelay);
  }
}
