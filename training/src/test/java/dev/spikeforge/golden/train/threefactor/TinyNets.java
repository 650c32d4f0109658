package dev.spikeforge.golden.train.threefactor;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.DelayPatternParams;
import dev.spikeforge.golden.data.DelayPatternTask;
import dev.spikeforge.golden.learning.threefactor.FeedbackMode;
import dev.spikeforge.golden.learning.threefactor.IntLearningFormat;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.spec.hw.DelayMode;
import dev.spikeforge.golden.train.TrainListener;
import dev.spikeforge.golden.train.TrainResult;
import dev.spikeforge.golden.train.Trainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;

/** Small configurations and inputs shared by the trainer tests. */
final class TinyNets {
  private TinyNets() {}

  static final DelayPatternParams TASK = new DelayPatternParams(3, 6, 24, 5, 0, 1, 7);

  static ThreeFactorConfig config(int hidden, boolean recurrent, DelayMode mode, NumericForm form, FeedbackMode fb) {
    NetworkShape shape = new NetworkShape(hidden, recurrent, mode, 5, new NeuronParams(64, 1, 16, 8),
        new NeuronParams(64, 3, 16, 8));
    LearningParams lp = new LearningParams(fb, 16, 1.0, 3, 0, 2, 0, -10, -10, -9, -10);
    InitParams init = new InitParams(0.3, 0.3, 0.2, 0.2, 0.3);
    IntLearningFormat f = form == NumericForm.HARDWARE ? IntLearningFormat.HARDWARE : IntLearningFormat.DEFAULT;
    return new ThreeFactorConfig(TASK, 120, 60, shape, lp, init, f, form, 2, 11);
  }

  /** A config's run on its own task through the one Trainer: the result and the engine holding the network. */
  record Trained(TrainResult result, ThreeFactorEngine engine, Dataset test) {
    int[] testPredictions() {
      return engine.evaluate(test, null, 1).predictions();
    }
  }

  static Trained train(ThreeFactorConfig c) {
    DelayPatternTask task = new DelayPatternTask(c.task());
    Dataset train = task.trainSet(c.trainSize());
    Dataset test = task.testSet(c.testSize());
    ThreeFactorEngine e = ThreeFactorTraining.engine(c, train, test);
    try {
      return new Trained(Trainer.run(e, train, test, null, ThreeFactorTraining.options(c), TrainListener.NONE), e, test);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  static SpikeRaster randomRaster(int channels, int steps, double p, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    boolean[][] d = new boolean[steps][channels];
    for (int t = 0; t < steps; t++) {
      for (int i = 0; i < channels; i++) {
        d[t][i] = r.nextDouble() < p;
      }
    }
    return SpikeRaster.ofDense(d);
  }
}
