package dev.spikeforge.golden.train.threefactor;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.train.TrainOptions;
import dev.spikeforge.golden.train.Trainer;

/**
 * Factories of three-factor weight-and-delay training. The loop is the rule-agnostic {@link
 * Trainer}: online (one update per sample, after the sample), deterministic (the same config gives
 * the same bits). Epoch e (0-based) visits the training set in the order {@code train.shuffled(seed ·
 * 1000003 + e + 1)}.
 *
 * <pre>{@code
 * ThreeFactorConfig cfg = ThreeFactorConfig.preset(16, false, DelayMode.SYNAPTIC, NumericForm.INT);
 * DelayPatternTask task = new DelayPatternTask(cfg.task());
 * Dataset train = task.trainSet(cfg.trainSize()), test = task.testSet(cfg.testSize());
 * try (ThreeFactorEngine e = ThreeFactorTraining.engine(cfg, train, test)) {
 *   TrainResult r = Trainer.run(e, train, test, null, ThreeFactorTraining.options(cfg), TrainListener.NONE);
 *   NetworkSpec trained = e.intNetwork();   // runs on IntSimulator / hardware
 * }
 * }</pre>
 */
public final class ThreeFactorTraining {
  private ThreeFactorTraining() {}

  /**
   * The run of a config: {@code cfg.epochs()} epochs in the order seeded by {@code cfg.seed()}, test
   * evaluation on one thread, no checkpoint.
   */
  public static TrainOptions options(ThreeFactorConfig cfg) {
    return TrainOptions.of(cfg.epochs(), cfg.seed()).withEvalThreads(1);
  }

  /**
   * The engine for temporal data of the shape of {@code train} (channels × T), with as many outputs
   * as either set has classes.
   *
   * @throws IllegalArgumentException if either set holds intensities rather than spike rasters
   */
  public static ThreeFactorEngine engine(ThreeFactorConfig cfg, Dataset train, Dataset test) {
    if (!train.isTemporal() || !test.isTemporal()) {
      throw new IllegalArgumentException("three-factor training needs a temporal dataset (spike rasters); '"
          + (train.isTemporal() ? test.name() : train.name()) + "' holds intensities");
    }
    return engine(cfg, train.shape()[0], Math.max(train.classes(), test.classes()), train.shape()[1]);
  }

  /**
   * The rule as a {@code train.TrainingEngine} for the rule-agnostic {@link Trainer} (checkpoints,
   * resume, metrics). The config's task, sizes and epochs are not used (the Trainer's data and
   * options are).
   */
  public static ThreeFactorEngine engine(ThreeFactorConfig cfg, int inputs, int classes, int steps) {
    return new ThreeFactorEngine(cfg, inputs, classes, steps);
  }

  /** A fresh model of the config's form (exposed for tests and custom loops); INT and HARDWARE are integer models. */
  public static ThreeFactorModel create(ThreeFactorConfig cfg, int inputs, int classes, int steps) {
    return cfg.form() == NumericForm.FLOAT
        ? FloatThreeFactorModel.create(cfg, inputs, classes, steps)
        : IntThreeFactorModel.create(cfg, inputs, classes, steps);
  }
}
