package dev.spikeforge.boards.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.boards.TestTools;
import dev.spikeforge.hwgen.board.CoreStreamParams;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link TtySerialLink} on a real terminal device: a pseudo-terminal opened by util-linux
 * {@code script} (always installed on Debian: package bsdutils), which relays between the terminal
 * and its own stdin/stdout, with the Java {@link FakeBoard} on that side. The stty configuration,
 * raw bytes both ways and read timeouts are those of a USB serial port. Tagged sim: it needs
 * external tools.
 */
@Tag("sim")
class TtySerialLinkTest {

  @Test
  void boardClientWorksOverATerminalDevice() throws Exception {
    TestTools.require("script", "stty");
    // the command inside prints its terminal's path and then just holds the terminal open
    Process relay = new ProcessBuilder("script", "-q", "-c", "tty; exec sleep 600", "/dev/null").start();
    try {
      String device = readLine(relay.getInputStream()).strip();
      assertTrue(device.startsWith("/dev/"), "pty path: " + device);
      FakeBoard board = new FakeBoard(new CoreStreamParams(8, 64, 4, 8), 32, 8, 3);
      Thread pump = new Thread(() -> serve(board, relay.getInputStream(), relay.getOutputStream()), "fake-board");
      pump.setDaemon(true);
      pump.start();
      try (TtySerialLink port = TtySerialLink.open(Path.of(device), 115_200);
           BoardClient c = BoardClient.connect(port, Duration.ofSeconds(2))) {
        assertEquals(board.params, c.params());
        List<int[][]> samples = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
          // index bytes 3 (^C), 4 (^D), 10 (LF), 13 (CR), 17 (XON), 19 (XOFF) must pass a raw tty unchanged
          samples.add(new int[][] {{k, 10, 13, 17, 19, 40 + k}, {}, {0, 1, 2, 3, 4, 50 + k}});
        }
        List<BoardResult> got = c.classifyAll(samples);
        for (int k = 0; k < samples.size(); k++) {
          assertEquals(board.expected(samples.get(k)), got.get(k));
        }
        byte[] buf = new byte[16];
        assertEquals(0, port.read(buf, Duration.ofMillis(150)), "nothing pending: the read times out");
      }
    } finally {
      relay.descendants().forEach(ProcessHandle::destroy);
      relay.destroy();
    }
  }

  /** One line, byte by byte (a buffered reader would swallow the data that follows). */
  private static String readLine(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      sb.append((char) c);
    }
    return sb.toString();
  }

  /** Feeds what the host sent to the fake board and sends back its answers. */
  private static void serve(FakeBoard board, InputStream fromHost, OutputStream toHost) {
    byte[] buf = new byte[4096];
    byte[] answer = new byte[4096];
    try {
      int n;
      while ((n = fromHost.read(buf)) > 0) {
        board.write(java.util.Arrays.copyOf(buf, n));
        int m;
        while ((m = board.read(answer, Duration.ZERO)) > 0) {
          toHost.write(answer, 0, m);
        }
        toHost.flush();
      }
    } catch (IOException e) {
      // relay ended
    }
  }
}
