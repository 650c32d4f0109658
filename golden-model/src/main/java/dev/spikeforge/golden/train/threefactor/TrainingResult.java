package dev.spikeforge.golden.train.threefactor;

import dev.spikeforge.golden.eval.EvalReport;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.NetworkSpec;
import java.util.List;

/**
 * The outcome of {@link ThreeFactorTraining#run}.
 *
 * @param config what was run
 * @param epochs per-epoch metrics
 * @param floatNetwork the trained float network (FLOAT form), else null
 * @param spec the trained integer network (INT form), else null
 * @param finalTest evaluation of the exported network on the test set after the last epoch
 * @param parameters learned parameter count
 * @param memory learning-state memory of the hidden layer (integer form)
 */
public record TrainingResult(ThreeFactorConfig config, List<EpochMetrics> epochs, FloatNetwork floatNetwork,
    NetworkSpec spec, EvalReport finalTest, ParameterCount parameters, EligibilityMemory memory) {

  public TrainingResult {
    epochs = List.copyOf(epochs);
  }

  /** Test accuracy of the final network. */
  public double testAccuracy() {
    return finalTest.accuracy();
  }
}
