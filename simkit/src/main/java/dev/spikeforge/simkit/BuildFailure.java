package dev.spikeforge.simkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Runs one step of a simulator build and turns a failure into a message whose first line names the
 * tool, what it built and the first error (which names the file and line), followed by the command
 * and the log's tail.
 */
final class BuildFailure {
  private BuildFailure() {}

  /**
   * Runs the step; fails on a non-zero exit code.
   *
   * @return the log's text
   */
  static String check(List<String> command, Path dir, Path log, Duration timeout, String what) {
    ProcessRunner.Outcome o = ProcessRunner.run(command, dir, log, timeout, what);
    String text = o.logText();
    if (o.exitCode() != 0) {
      throw new SimulationException(what + " failed with exit code " + o.exitCode()
          + firstLine(text, "error").map(l -> "; first error: " + l).orElse("") + "\n"
          + ProcessRunner.describe(command, dir, log));
    }
    return text;
  }

  /** As {@link #check}, and any warning in the log fails the step too. */
  static String checkNoWarnings(List<String> command, Path dir, Path log, Duration timeout, String what) {
    String text = check(command, dir, log, timeout, what);
    Optional<String> warning = firstLine(text, "warning");
    if (warning.isPresent()) {
      throw new SimulationException(what + " reported warnings (treated as errors); first warning: "
          + warning.get() + "\n" + ProcessRunner.describe(command, dir, log));
    }
    return text;
  }

  /** The first line of {@code text} that mentions {@code word} in any case, stripped. */
  static Optional<String> firstLine(String text, String word) {
    return text.lines().filter(l -> l.toLowerCase(Locale.ROOT).contains(word)).map(String::strip).findFirst();
  }
}
