package dev.spikeforge.boards.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.boards.TestTools;
import dev.spikeforge.hwgen.board.CoreStreamParams;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TtySerialLink} on a real terminal device: a pseudo-terminal opened by a small Python relay
 * (python3 is the external tool, hence the sim tier), with the Java {@link FakeBoard} behind it. The
 * stty configuration, raw bytes both ways and read timeouts are those of a USB serial port.
 */
@Tag("sim")
class TtySerialLinkTest {

  @Test
  void boardClientWorksOverATerminalDevice(@TempDir Path dir) throws Exception {
    TestTools.require("python3", "stty");
    Path script = dir.resolve("pty_relay.py");
    try (InputStream in = getClass().getResourceAsStream("pty_relay.py")) {
      Files.write(script, in.readAllBytes());
    }
    Process relay = new ProcessBuilder("python3", script.toString()).start();
    try {
      String device = new BufferedReader(new InputStreamReader(relay.getErrorStream(), StandardCharsets.UTF_8)).readLine();
      assertTrue(device != null && device.startsWith("/dev/"), "pty path: " + device);
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
      relay.destroy();
    }
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
