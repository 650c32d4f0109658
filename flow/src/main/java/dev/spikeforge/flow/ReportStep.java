package dev.spikeforge.flow;

import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.spec.NetworkSpec;

/** Step 6: the derived figures ({@link BuildReport}) and {@code results.json}. Always runs: it is cheap. */
final class ReportStep {
  private ReportStep() {}

  static BuildReport run(BuildContext c, QuantizeOutcome q, VerifyOutcome v, BitstreamOutcome b) {
    return c.timed(Step.REPORT, () -> {
      NetworkSpec net = c.network != null ? c.network : NetworkJson.read(c.out.resolve(QuantizeStep.MODEL));
      ResultsJson.write(c.out.resolve(ResultsJson.FILE), c.config, net, q, v, b);
      return new BuildContext.Timed<>(BuildReport.of(v, b, c.clock.coreMhz()), false);
    });
  }
}
