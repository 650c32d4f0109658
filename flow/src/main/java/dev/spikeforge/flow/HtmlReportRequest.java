package dev.spikeforge.flow;

import java.nio.file.Path;

/**
 * What {@code spikeforge report} asks for ({@link Flow#report}).
 *
 * @param build  a flow output directory (what {@code spikeforge demo} writes) or a build directory
 *               of {@code spikeforge compile}
 * @param output the HTML file to write, or null for {@code report.html} in {@code build}
 */
public record HtmlReportRequest(Path build, Path output) {
  /** Checks that a build was given. */
  public HtmlReportRequest {
    ConfigException.require(build != null, "build", "is missing; give a build directory");
  }

  /** The file the report goes to. */
  public Path outputFile() {
    return output != null ? output : build.resolve(HtmlReport.FILE);
  }
}
