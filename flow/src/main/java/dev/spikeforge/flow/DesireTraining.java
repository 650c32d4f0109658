package dev.spikeforge.flow;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.RateEncoder;
import dev.spikeforge.golden.learning.DesireParams;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.train.EpochMetrics;
import dev.spikeforge.golden.train.TrainOptions;
import dev.spikeforge.golden.train.TrainResult;
import dev.spikeforge.golden.train.TrainingEngine;
import dev.spikeforge.golden.train.rules.LearningRule;
import dev.spikeforge.golden.train.rules.LearningRules;
import dev.spikeforge.golden.train.rules.RuleConfig;
import dev.spikeforge.golden.train.rules.RuleOptions;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The train step's rule: desire backpropagation of a float network from the {@link LearningRules}
 * registry, with the Fashion-MNIST parameters (dropout 0.05/0.4) whatever the dataset, at the config's
 * time steps and rate coding, run by {@link EpochClock}.
 */
final class DesireTraining {
  private DesireTraining() {}

  /** A trained float network, the run's figures and its epochs' metrics. */
  record Trained(FloatNetwork network, long samplesTrained, double trainSeconds, double samplesPerSecond,
      List<EpochMetrics> epochs) {}

  static Trained train(TrainingConfig t, String dataset, Dataset train, Dataset eval, int threads, FlowEvents events)
      throws IOException {
    LearningRule desire = LearningRules.get("desire");
    DesireParams p = DesireParams.fashionMnist();
    RuleOptions options = RuleOptions.of(desire, Map.of("--timesteps", t.timesteps(),
        "--dropout", new double[] {p.inputDropout(), p.hiddenDropout()}));
    RuleConfig config = new RuleConfig(t.sizes(), dataset, "float", t.seed(), null, null, threads, options);
    try (TrainingEngine engine = desire.engine(config, train)) {
      TrainResult r = EpochClock.train(engine, train, eval, new RateEncoder(), TrainOptions.of(t.epochs(), t.seed())
          .withEvalThreads(threads), events).result();
      return new Trained(engine.floatNetwork(), r.samplesTrained(), r.trainSeconds(), r.samplesPerSecond(),
          r.epochs());
    }
  }
}
