package dev.spikeforge.flow;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link Flow#report} wrote: a self-contained HTML page of a build.
 *
 * @param file     the page
 * @param kind     {@code flow} (an output directory of the flow) or {@code build} (a compile build directory)
 * @param absent   the records the build does not hold, each with the reason (the page says the same)
 * @param images   the images the spike rates and membranes were measured on, in words
 * @param changed  files of the build whose SHA-256 no longer matches its manifest
 */
public record HtmlReport(Path file, String kind, List<String> absent, String images, List<String> changed) {
  /** The report's file name in a build directory. */
  public static final String FILE = "report.html";

  /** Copies the lists. */
  public HtmlReport {
    absent = List.copyOf(absent);
    changed = List.copyOf(changed);
  }
}
