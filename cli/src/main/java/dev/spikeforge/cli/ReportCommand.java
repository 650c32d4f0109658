package dev.spikeforge.cli;

import dev.spikeforge.flow.ConfigException;
import dev.spikeforge.flow.Flow;
import dev.spikeforge.flow.HtmlReport;
import dev.spikeforge.flow.HtmlReportRequest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code spikeforge report}: a build's self-contained HTML page, written by the flow. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Write a self-contained HTML page of a build (no network needed to view it):",
        "the network, training curve, quantization, RTL verification, utilization,",
        "timing and power, latency and energy, spike rates and membrane histograms",
        "(measured with the golden model on the build's own verification images, or",
        "its smoke vectors), the comparison with Spiker+, versions and hashes.",
        "What the build does not hold (no training, no bitstream, ...) is named with",
        "the reason. The same build gives the same bytes.",
        "",
        "Example: spikeforge report build/demo     (the demo writes it there too)",
        "         spikeforge report build/net -o net.html"})
final class ReportCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "BUILD",
      description = "The output directory of 'spikeforge demo', or a build directory of 'spikeforge compile'.")
  Path build;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "The HTML file. Default: BUILD/report.html.")
  Path output;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    HtmlReport r;
    try {
      r = Flow.report(new HtmlReportRequest(build, output), new CliEvents(out));
    } catch (ConfigException e) {
      throw ConfigErrors.of(e);
    }
    out.println("spike rates and membranes measured on " + r.images());
    for (String a : r.absent()) {
      out.println("  absent: " + a);
    }
    if (!r.changed().isEmpty()) {
      out.println("  WARNING: changed after compile: " + String.join(", ", r.changed()));
    }
    out.println("wrote " + r.file());
    return 0;
  }
}
