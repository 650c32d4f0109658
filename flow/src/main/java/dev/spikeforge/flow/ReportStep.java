package dev.spikeforge.flow;

import dev.spikeforge.golden.files.AtomicFiles;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.spec.NetworkSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * Step 6: the derived figures ({@link BuildReport}), {@code results.json}, the build's config
 * ({@value BuildRecords#CONFIG}, which the report command reads back) and the HTML report
 * {@code report.html} ({@link HtmlReportRun}). Always runs: it is cheap.
 */
final class ReportStep {
  private ReportStep() {}

  static BuildReport run(BuildContext c, QuantizeOutcome q, VerifyOutcome v, BitstreamOutcome b) {
    return c.timed(Step.REPORT, () -> {
      NetworkSpec net = c.network != null ? c.network : NetworkJson.read(c.out.resolve(QuantizeStep.MODEL));
      ResultsJson.write(c.out.resolve(ResultsJson.FILE), c.config, net, q, v, b);
      try {
        AtomicFiles.writeString(c.out.resolve(BuildRecords.CONFIG), c.config.toJson());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      HtmlReportRun.run(new HtmlReportRequest(c.out, null), c.test());
      return new BuildContext.Timed<>(BuildReport.of(v, b, c.clock.coreMhz()), false);
    });
  }

  /**
   * Removes the report and results of an earlier run, so that a run that stops before its report step (a
   * failing step, a failed verification) leaves neither behind describing a build it did not make.
   */
  static void discardStale(BuildContext c) {
    try {
      Files.deleteIfExists(c.out.resolve(HtmlReport.FILE));
      Files.deleteIfExists(c.out.resolve(ResultsJson.FILE));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
