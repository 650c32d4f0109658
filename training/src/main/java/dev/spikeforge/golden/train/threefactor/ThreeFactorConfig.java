package dev.spikeforge.golden.train.threefactor;

import dev.spikeforge.golden.data.DelayPatternParams;
import dev.spikeforge.golden.learning.threefactor.FeedbackMode;
import dev.spikeforge.golden.learning.threefactor.IntLearningFormat;
import dev.spikeforge.golden.spec.hw.DelayMode;

/**
 * One training run of the three-factor rule, fully specified: same config → same bits.
 *
 * @param task the delay-pattern task the config's own runs train on (benchmarks, tests; the CLI
 *     brings its own data)
 * @param trainSize training samples per epoch
 * @param testSize test samples
 * @param shape topology and neurons
 * @param learning rule hyper-parameters
 * @param init initial weights
 * @param intFormat widths of the integer form
 * @param form FLOAT, INT or HARDWARE
 * @param epochs passes over the training set ({@link ThreeFactorTraining#options})
 * @param seed seeds the initial network, the random feedback and the per-epoch shuffles
 */
public record ThreeFactorConfig(DelayPatternParams task, int trainSize, int testSize, NetworkShape shape,
    LearningParams learning, InitParams init, IntLearningFormat intFormat, NumericForm form, int epochs, long seed) {

  public ThreeFactorConfig {
    if (task == null || shape == null || learning == null || init == null || intFormat == null || form == null
        || trainSize < 1 || testSize < 1 || epochs < 0) {
      throw new IllegalArgumentException("invalid three-factor config");
    }
  }

  /**
   * The preset used by the benchmarks: the delay-pattern task ({@link #TASK}), hidden LIF neurons with
   * θ = 64, leak 1 − 2^−1, output neurons θ = 64, leak 1 − 2^−3, 8-bit weights, 16-bit membranes,
   * delays up to 8, symmetric feedback, κ = 1; integer widths {@code IntLearningFormat.DEFAULT}, or
   * {@code IntLearningFormat.HARDWARE} for the hardware form.
   */
  public static ThreeFactorConfig preset(int hidden, boolean recurrent, DelayMode mode, NumericForm form) {
    NetworkShape shape = new NetworkShape(hidden, recurrent, mode, 8, new NeuronParams(64, 1, 16, 8),
        new NeuronParams(64, 3, 16, 8));
    LearningParams learning = new LearningParams(FeedbackMode.SYMMETRIC, 16, 1.0, 3, 0, 3, 0, -12, -12, -10, -12);
    InitParams init = new InitParams(0.15, 0.25, 0.1, 0.1, 0.3);
    IntLearningFormat f = form == NumericForm.HARDWARE ? IntLearningFormat.HARDWARE : IntLearningFormat.DEFAULT;
    return new ThreeFactorConfig(TASK, 4000, 1000, shape, learning, init, f, form, 20, 1);
  }

  /** The delay-pattern task of the benchmarks ({@code DelayPatternParams.DEFAULT}). */
  public static final DelayPatternParams TASK = DelayPatternParams.DEFAULT;

  public ThreeFactorConfig withForm(NumericForm f) {
    return new ThreeFactorConfig(task, trainSize, testSize, shape, learning, init, intFormat, f, epochs, seed);
  }

  public ThreeFactorConfig withShape(NetworkShape s) {
    return new ThreeFactorConfig(task, trainSize, testSize, s, learning, init, intFormat, form, epochs, seed);
  }

  public ThreeFactorConfig withLearning(LearningParams l) {
    return new ThreeFactorConfig(task, trainSize, testSize, shape, l, init, intFormat, form, epochs, seed);
  }

  public ThreeFactorConfig withInit(InitParams i) {
    return new ThreeFactorConfig(task, trainSize, testSize, shape, learning, i, intFormat, form, epochs, seed);
  }

  public ThreeFactorConfig withIntFormat(IntLearningFormat f) {
    return new ThreeFactorConfig(task, trainSize, testSize, shape, learning, init, f, form, epochs, seed);
  }

  public ThreeFactorConfig withTask(DelayPatternParams t, int train, int test) {
    return new ThreeFactorConfig(t, train, test, shape, learning, init, intFormat, form, epochs, seed);
  }

  public ThreeFactorConfig withEpochs(int e) {
    return new ThreeFactorConfig(task, trainSize, testSize, shape, learning, init, intFormat, form, e, seed);
  }

  public ThreeFactorConfig withSeed(long s) {
    return new ThreeFactorConfig(task, trainSize, testSize, shape, learning, init, intFormat, form, epochs, s);
  }
}
