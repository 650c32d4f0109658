package dev.spikeforge.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing found that when stderr is not a terminal, progress bars wrote {@code \r} frames (146 KB per
 * 10k-image evaluation) and an error was glued to the last frame. Off a terminal, progress is now
 * plain lines, each ending in a newline.
 */
@Tag("unit")
class ProgressLinesTest {
  private static String run(boolean terminal) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    try (Progress p = new Progress("evaluate", 10_000, 0, "img", err, terminal)) {
      for (int i = 0; i < 10_000; i++) {
        p.accept(1);
      }
      p.message("acc 87.6%");
    }
    err.println("error: something failed");
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void offATerminalProgressIsPlainLines() {
    String out = run(false);
    assertFalse(out.contains("\r"), out);
    assertTrue(out.contains("100%"), out);
    assertTrue(out.contains("\nerror: something failed"), "the error starts a line of its own:\n" + out);
    assertTrue(out.lines().count() <= 4, "a line per interval, not per frame:\n" + out);
  }

  @Test
  void onATerminalTheBarIsRedrawnInPlace() {
    assertTrue(run(true).contains("\r"));
  }

  private static String tick(boolean terminal) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    try (Ticker t = new Ticker("bitstream", err, terminal)) {
      t.tick();
      t.tick();
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void offATerminalTheTickerPrintsLines() {
    String off = tick(false);
    assertFalse(off.contains("\r"), off);
    assertTrue(off.startsWith("   bitstream ... 0:0") && off.lines().count() == 2, off);
    assertTrue(tick(true).contains("\r"));
  }
}
