package dev.spikeforge.boards.flow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an external command with its output in a log file; timeouts and start failures throw. */
public final class ProcessRunner {
  private static final int TAIL_LINES = 30;

  /** What a finished command left: its exit code, its log and how long it took. */
  public record Outcome(int exitCode, Path log, Duration elapsed) {
    /** The log's text. */
    public String logText() {
      try {
        return Files.readString(log, StandardCharsets.ISO_8859_1);
      } catch (IOException e) {
        return "";
      }
    }
  }

  private ProcessRunner() {}

  /**
   * Runs {@code command} in {@code dir}, stdout and stderr merged into {@code log}.
   *
   * @param what what the command does, for messages ("nextpnr-ice40 place and route of X")
   * @throws FlowException if it cannot be started or runs longer than {@code timeout}
   */
  public static Outcome run(List<String> command, Path dir, Path log, Duration timeout, String what) {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    long start = System.nanoTime();
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new FlowException(what + " timed out after " + timeout.toSeconds() + " s\n" + describe(command, dir, log));
      }
      return new Outcome(p.exitValue(), log, Duration.ofNanos(System.nanoTime() - start));
    } catch (IOException e) {
      throw new FlowException(what + " could not be started: " + e.getMessage() + "\n" + describe(command, dir, log), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FlowException(what + " was interrupted", e);
    }
  }

  /** As {@link #run}, and a non-zero exit code is a {@link FlowException} with the log's tail. */
  public static Outcome runChecked(List<String> command, Path dir, Path log, Duration timeout, String what) {
    Outcome o = run(command, dir, log, timeout, what);
    if (o.exitCode() != 0) {
      throw new FlowException(what + " failed with exit code " + o.exitCode() + "\n" + describe(command, dir, log));
    }
    return o;
  }

  /** The command, where it ran, and the last lines of its log. */
  public static String describe(List<String> command, Path dir, Path log) {
    StringBuilder sb = new StringBuilder();
    sb.append("  command: ").append(String.join(" ", command)).append('\n');
    sb.append("  in:      ").append(dir.toAbsolutePath()).append('\n');
    sb.append("  log:     ").append(log.toAbsolutePath()).append('\n');
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
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
