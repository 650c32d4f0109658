package dev.spikeforge.flow;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.RateEncoder;
import dev.spikeforge.golden.learning.DesireParams;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.train.DesireConfig;
import dev.spikeforge.golden.train.TrainListener;
import dev.spikeforge.golden.train.TrainOptions;
import dev.spikeforge.golden.train.TrainResult;
import dev.spikeforge.golden.train.Trainer;
import dev.spikeforge.golden.train.TrainingEngine;

/**
 * The train step's one call into the training API: desire backpropagation of a float network with
 * the Fashion-MNIST parameters. The only place the flow names a training loop or a learning rule.
 */
final class DesireTraining {
  private DesireTraining() {}

  /** A trained float network and the run's figures. */
  record Trained(FloatNetwork network, long samplesTrained, double trainSeconds, double samplesPerSecond) {}

  static Trained train(TrainingConfig t, Dataset train, Dataset eval, int threads, TrainListener listener)
      throws java.io.IOException {
    DesireParams p = DesireParams.fashionMnist().withTimesteps(t.timesteps());
    try (TrainingEngine engine = DesireConfig.floatForm(t.sizes(), p, t.seed()).engine(threads)) {
      TrainResult r = Trainer.run(engine, train, eval, new RateEncoder(),
          TrainOptions.of(t.epochs(), t.seed()).withEvalThreads(threads), listener);
      return new Trained(engine.floatNetwork(), r.samplesTrained(), r.trainSeconds(), r.samplesPerSecond());
    }
  }
}
