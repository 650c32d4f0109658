package dev.spikeforge.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether stderr is an interactive terminal, which decides how progress is shown: a bar redrawn in
 * place with {@code \r} on a terminal, a plain line every few seconds otherwise (a log file or a CI
 * console gets readable lines, not thousands of frames, and an error never lands on a frame).
 */
final class Terminal {
  /** Seconds between progress lines when stderr is not a terminal. */
  static final int LINE_INTERVAL_SECONDS = 10;

  private static final boolean STDERR_IS_TERMINAL = detect();

  private Terminal() {}

  static boolean stderrIsTerminal() {
    return STDERR_IS_TERMINAL;
  }

  /**
   * Linux: where file descriptor 2 points ({@code /dev/pts/N}, {@code /dev/ttyN}: a terminal). Elsewhere,
   * or when /proc cannot be read, the JDK's console check (stdin and stdout are terminals).
   */
  private static boolean detect() {
    Path fd2 = Path.of("/proc/self/fd/2");
    try {
      String target = Files.readSymbolicLink(fd2).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return System.console() != null;
    }
  }
}
