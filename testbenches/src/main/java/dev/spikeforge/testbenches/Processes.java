package dev.spikeforge.testbenches;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs an external command in a directory with its output in a log file; fails loudly. */
final class Processes {
  private static final int TAIL_LINES = 40;

  private Processes() {}

  /**
   * Runs {@code command} in {@code dir}, stdout and stderr merged into {@code log}.
   *
   * @param what what the command does, for the error message ("Verilator build of X")
   * @return the log's text
   * @throws SimulationException on a non-zero exit code or a timeout, with the log's tail
   */
  static String run(List<String> command, Path dir, Path log, Duration timeout, String what) {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    // A make jobserver inherited from an outer build must not change our -j.
    env.remove("MAKEFLAGS");
    env.remove("MFLAGS");
    env.remove("MAKELEVEL");
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new SimulationException(what + " timed out after " + timeout.toSeconds() + " s\n"
            + describe(command, dir, log));
      }
      String text = Files.readString(log, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new SimulationException(what + " failed with exit code " + p.exitValue() + "\n"
            + describe(command, dir, log));
      }
      return text;
    } catch (IOException e) {
      throw new SimulationException(what + " could not be run: " + e.getMessage() + "\n"
          + describe(command, dir, log), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SimulationException(what + " was interrupted", e);
    }
  }

  /** The command, where it ran, and the last lines of its log. */
  static String describe(List<String> command, Path dir, Path log) {
    StringBuilder sb = new StringBuilder();
    sb.append("  command: ").append(String.join(" ", command)).append('\n');
    sb.append("  in:      ").append(dir.toAbsolutePath()).append('\n');
    sb.append("  log:     ").append(log.toAbsolutePath()).append('\n');
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      int from = Math.max(0, lines.size() - TAIL_LINES);
      sb.append(from > 0 ? "  last " + TAIL_LINES + " lines of the log:\n" : "  log:\n");
      for (String l : lines.subList(from, lines.size())) {
        sb.append("    ").append(l).append('\n');
      }
    } catch (IOException e) {
      sb.append("  (log unreadable: ").append(e.getMessage()).append(")\n");
    }
    return sb.toString();
  }
}
