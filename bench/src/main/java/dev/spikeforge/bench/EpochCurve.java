package dev.spikeforge.bench;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.train.EpochMetrics;
import dev.spikeforge.golden.train.TrainListener;
import dev.spikeforge.golden.train.TrainResult;
import dev.spikeforge.golden.train.Trainer;
import dev.spikeforge.golden.train.threefactor.ThreeFactorConfig;
import dev.spikeforge.golden.train.threefactor.ThreeFactorEngine;
import dev.spikeforge.golden.train.threefactor.ThreeFactorTraining;
import java.util.Arrays;

/**
 * A three-factor run through the one Trainer with the evaluation accuracy of every epoch: single final
 * epochs of these online runs swing by several points, so the benchmarks also report the mean of the
 * last epochs.
 *
 * @param engine the trained engine (its networks)
 * @param accuracy accuracy on the evaluation set after each epoch
 * @param seconds training and evaluation wall time
 */
record EpochCurve(ThreeFactorEngine engine, double[] accuracy, double seconds) {
  /** Trains {@code c} on {@code train}, evaluating on {@code eval} after every epoch. */
  static EpochCurve train(ThreeFactorConfig c, Dataset train, Dataset eval) throws Exception {
    ThreeFactorEngine e = ThreeFactorTraining.engine(c, train, eval);
    double[] acc = new double[c.epochs()];
    TrainResult r = Trainer.run(e, train, eval, null, ThreeFactorTraining.options(c), new TrainListener() {
      @Override
      public void onEpoch(EpochMetrics m, double trainSeconds, double testSeconds) {
        acc[m.epoch() - 1] = m.testAccuracy();
      }
    });
    return new EpochCurve(e, acc, r.trainSeconds() + r.testSeconds());
  }

  /** Accuracy after the last epoch. */
  double last() {
    return accuracy[accuracy.length - 1];
  }

  /** Mean accuracy over the last {@code n} epochs (all, if fewer). */
  double lastMean(int n) {
    return Arrays.stream(accuracy, Math.max(0, accuracy.length - n), accuracy.length).average().orElse(Double.NaN);
  }
}
