package dev.spikeforge.flow;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.SpikeEncoder;
import dev.spikeforge.golden.eval.EvalReport;
import dev.spikeforge.golden.eval.Evaluator;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.NetworkSpec;

/**
 * A float model and its quantized network on the same test images (the network's encoder and T).
 *
 * @param floatReport the float model
 * @param intReport   the integer golden model
 */
public record Accuracy(EvalReport floatReport, EvalReport intReport) {

  /** Runs both on {@code test}. */
  public static Accuracy of(FloatNetwork fl, NetworkSpec net, Dataset test, int threads) {
    SpikeEncoder encoder = SpikeEncoder.of(net.encoder());
    return new Accuracy(Evaluator.evaluate(fl, test, encoder, threads, null),
        Evaluator.evaluate(net, test, encoder, threads, null));
  }

  /** Test images. */
  public int images() {
    return intReport.samples();
  }

  /** The float model's accuracy. */
  public double floatAccuracy() {
    return floatReport.accuracy();
  }

  /** The integer golden model's accuracy. */
  public double intAccuracy() {
    return intReport.accuracy();
  }

  /** Integer minus float accuracy, in percentage points. */
  public double changePoints() {
    return 100 * (intReport.accuracy() - floatReport.accuracy());
  }

  /** The fraction of images both predict the same. */
  public double agreement() {
    return intReport.agreement(floatReport);
  }
}
