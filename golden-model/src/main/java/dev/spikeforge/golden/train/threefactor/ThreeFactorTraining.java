package dev.spikeforge.golden.train.threefactor;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.DelayPatternTask;
import dev.spikeforge.golden.eval.EvalReport;
import dev.spikeforge.golden.spec.hw.DelayMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Entry point of three-factor weight-and-delay training. Online (one update per sample, after the
 * sample), single-threaded, deterministic: the same config gives the same bits. Epoch e visits the
 * training set in the order {@code train.shuffled(seed · 1000003 + e)}.
 *
 * <pre>{@code
 * ThreeFactorConfig cfg = ThreeFactorConfig.preset(16, false, DelayMode.SYNAPTIC, NumericForm.INT);
 * TrainingResult r = ThreeFactorTraining.run(cfg, m -> System.out.println(m));
 * NetworkSpec trained = r.spec();   // runs on IntSimulator / hardware
 * }</pre>
 */
public final class ThreeFactorTraining {
  private ThreeFactorTraining() {}

  /** Trains on the config's delay-pattern task ({@code trainSize} training, {@code testSize} test samples). */
  public static TrainingResult run(ThreeFactorConfig cfg, TrainingListener listener) {
    DelayPatternTask task = new DelayPatternTask(cfg.task());
    return run(cfg, task.trainSet(cfg.trainSize()), task.testSet(cfg.testSize()), listener);
  }

  /** Trains on any temporal dataset (samples are {@code SpikeRaster}s of {@code shape[0]} channels × T steps). */
  public static TrainingResult run(ThreeFactorConfig cfg, Dataset train, Dataset test, TrainingListener listener) {
    if (!train.isTemporal() || !test.isTemporal()) {
      throw new IllegalArgumentException("three-factor training needs a temporal dataset (spike rasters); '"
          + (train.isTemporal() ? test.name() : train.name()) + "' holds intensities");
    }
    int inputs = train.shape()[0];
    int steps = train.shape()[1];
    int classes = Math.max(train.classes(), test.classes());
    ThreeFactorModel model = create(cfg, inputs, classes, steps);
    List<EpochMetrics> metrics = new ArrayList<>();
    EvalReport last = null;
    for (int e = 1; e <= cfg.epochs(); e++) {
      long t0 = System.nanoTime();
      Dataset order = train.shuffled(cfg.seed() * 1_000_003L + e);
      int correct = 0;
      double loss = 0;
      long hidden = 0;
      for (int s = 0; s < order.size(); s++) {
        SampleOutcome o = model.train(order.raster(s), order.label(s));
        correct += o.correct() ? 1 : 0;
        loss += o.loss();
        hidden += o.hiddenSpikes();
      }
      last = model.evaluate(test, 1);
      EpochMetrics m = new EpochMetrics(e, correct / (double) order.size(), loss / order.size(), last.accuracy(),
          hidden / (double) order.size(), (System.nanoTime() - t0) / 1e9);
      metrics.add(m);
      listener.epochDone(m);
    }
    if (last == null) {
      last = model.evaluate(test, 1);
    }
    boolean isFloat = model instanceof FloatThreeFactorModel;
    return new TrainingResult(cfg, metrics,
        isFloat ? ((FloatThreeFactorModel) model).export() : null,
        isFloat ? null : ((IntThreeFactorModel) model).export(), last,
        ParameterCount.of(cfg.shape(), inputs, classes), EligibilityMemory.of(cfg, inputs));
  }

  /**
   * The rule as a {@code train.TrainingEngine} for the rule-agnostic {@code train.Trainer}
   * (checkpoints, resume, metrics): same initial network, sample order and test evaluation as {@link
   * #run(ThreeFactorConfig, Dataset, Dataset, TrainingListener)}, hence the same bits. The config's
   * task, sizes and epochs are not used (the Trainer's data and options are).
   */
  public static ThreeFactorEngine engine(ThreeFactorConfig cfg, int inputs, int classes, int steps) {
    return new ThreeFactorEngine(cfg, inputs, classes, steps);
  }

  /** A fresh model of the config's form (exposed for tests and custom loops). */
  public static ThreeFactorModel create(ThreeFactorConfig cfg, int inputs, int classes, int steps) {
    return cfg.form() == NumericForm.FLOAT
        ? FloatThreeFactorModel.create(cfg, inputs, classes, steps)
        : IntThreeFactorModel.create(cfg, inputs, classes, steps);
  }
}
