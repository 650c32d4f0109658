package dev.spikeforge.simkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external command in a directory with its output in a log file, under a timeout: the one
 * process runner of simulators, harness builds and the FPGA flow. A command that outlives its timeout
 * is killed together with its children.
 */
public final class ProcessRunner {
  private static final int TAIL_LINES = 40;

  /** What a finished command left: its exit code, its log and how long it took. */
  public record Outcome(int exitCode, Path log, Duration elapsed) {
    /** The log's text (malformed UTF-8 replaced, never an exception). */
    public String logText() {
      return readLog(log);
    }
  }

  private ProcessRunner() {}

  /**
   * Runs {@code command} in {@code dir}, stdout and stderr merged into {@code log}, whatever its exit
   * code.
   *
   * @param what what the command does, for messages ("Verilator build of X")
   * @throws SimulationException if it cannot be started, is interrupted or runs longer than {@code timeout}
   */
  public static Outcome run(List<String> command, Path dir, Path log, Duration timeout, String what) {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    isolateFromOuterMake(pb.environment());
    long start = System.nanoTime();
    Process p = null;
    try {
      p = pb.start();
      p.getOutputStream().close();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        kill(p);
        throw new SimulationException(what + " timed out after " + timeout.toSeconds() + " s\n"
            + describe(command, dir, log));
      }
      return new Outcome(p.exitValue(), log, Duration.ofNanos(System.nanoTime() - start));
    } catch (IOException e) {
      throw new SimulationException(what + " could not be run: " + e.getMessage() + "\n"
          + describe(command, dir, log), e);
    } catch (InterruptedException e) {
      // e.g. a parallel verification stopping its other batches: the process must not outlive it
      kill(p);
      Thread.currentThread().interrupt();
      throw new SimulationException(what + " was interrupted", e);
    }
  }

  /** Kills a process and everything it started (make's compilers, a simulator's children). */
  private static void kill(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
  }

  /**
   * As {@link #run}, and a non-zero exit code is a failure too.
   *
   * @throws SimulationException on a start failure, a timeout or a non-zero exit code, with the log's tail
   */
  public static Outcome runChecked(List<String> command, Path dir, Path log, Duration timeout, String what) {
    Outcome o = run(command, dir, log, timeout, what);
    if (o.exitCode() != 0) {
      throw new SimulationException(what + " failed with exit code " + o.exitCode() + "\n"
          + describe(command, dir, log));
    }
    return o;
  }

  /**
   * Starts {@code command} in {@code dir} for a conversation on its stdin and stdout; stderr goes to
   * {@code stderrLog}. The caller ends it.
   *
   * @throws SimulationException if it cannot be started
   */
  public static Process start(List<String> command, Path dir, Path stderrLog, String what) {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectError(stderrLog.toFile());
    isolateFromOuterMake(pb.environment());
    try {
      return pb.start();
    } catch (IOException e) {
      throw new SimulationException(what + " could not start: " + e.getMessage(), e);
    }
  }

  /** The command, where it ran, and the last lines of its log. */
  public static String describe(List<String> command, Path dir, Path log) {
    StringBuilder sb = new StringBuilder();
    sb.append("  command: ").append(String.join(" ", command)).append('\n');
    sb.append("  in:      ").append(dir.toAbsolutePath()).append('\n');
    sb.append("  log:     ").append(log.toAbsolutePath()).append('\n');
    if (!Files.isReadable(log)) {
      sb.append("  (log unreadable: ").append(log.toAbsolutePath()).append(")\n");
      return sb.toString();
    }
    List<String> lines = readLog(log).lines().toList();
    int from = Math.max(0, lines.size() - TAIL_LINES);
    sb.append(from > 0 ? "  last " + TAIL_LINES + " lines of the log:\n" : "  log:\n");
    for (String l : lines.subList(from, lines.size())) {
      sb.append("    ").append(l).append('\n');
    }
    return sb.toString();
  }

  /** A make jobserver inherited from an outer build must not change the -j of ours. */
  private static void isolateFromOuterMake(Map<String, String> env) {
    env.remove("MAKEFLAGS");
    env.remove("MFLAGS");
    env.remove("MAKELEVEL");
  }

  private static String readLog(Path log) {
    try {
      return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
