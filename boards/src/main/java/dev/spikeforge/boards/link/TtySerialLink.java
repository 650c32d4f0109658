package dev.spikeforge.boards.link;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A serial port opened as a file (Linux, macOS) after configuring it with {@code stty}: raw 8N1, no
 * flow control, no echo, reads that return after 0.1 s without data. No native library and no
 * dependency; the iCEBreaker's and the HX8K breakout's FTDI UART appears as the second interface,
 * usually {@code /dev/ttyUSB1}.
 */
public final class TtySerialLink implements SerialLink {
  private final Path device;
  private final int baud;
  private final FileInputStream in;
  private final FileOutputStream out;

  private TtySerialLink(Path device, int baud, FileInputStream in, FileOutputStream out) {
    this.device = device;
    this.baud = baud;
    this.in = in;
    this.out = out;
  }

  /**
   * Configures and opens {@code device}.
   *
   * @throws LinkException naming the device and the likely fix (missing device, permissions, stty)
   */
  public static TtySerialLink open(Path device, int baud) {
    if (!Files.exists(device)) {
      throw new LinkException("serial device " + device + " does not exist; is the board plugged in? (the FTDI "
          + "UART of the iCEBreaker and the HX8K breakout is usually the second interface, /dev/ttyUSB1)");
    }
    if (!Files.isReadable(device) || !Files.isWritable(device)) {
      throw new LinkException("no permission to open " + device + "; add your user to its group (on Debian: "
          + "sudo usermod -aG dialout $USER, then log in again)");
    }
    stty(device, baud);
    try {
      return new TtySerialLink(device, baud, new FileInputStream(device.toFile()), new FileOutputStream(device.toFile()));
    } catch (IOException e) {
      throw new LinkException("cannot open " + device + ": " + e.getMessage(), e);
    }
  }

  /** The stty arguments that put a port into raw 8N1 at {@code baud} (for documentation and tests). */
  public static List<String> sttyArguments(Path device, int baud) {
    return List.of("stty", "-F", device.toString(), Integer.toString(baud), "raw", "-echo", "-echoe", "-echok",
        "-echoctl", "-echoke", "-ixon", "-ixoff", "-crtscts", "cs8", "-cstopb", "-parenb", "clocal", "min", "0",
        "time", "1");
  }

  private static void stty(Path device, int baud) {
    List<String> cmd = sttyArguments(device, baud);
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String text;
      try (InputStream s = p.getInputStream()) {
        text = new String(s.readAllBytes(), StandardCharsets.UTF_8).strip();
      }
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new LinkException("cannot configure " + device + " (" + String.join(" ", cmd) + "): " + text);
      }
    } catch (IOException e) {
      throw new LinkException("cannot run stty to configure " + device + " (install coreutils): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LinkException("interrupted while configuring " + device, e);
    }
  }

  @Override
  public void write(byte[] data) {
    try {
      out.write(data);
      out.flush();
    } catch (IOException e) {
      throw new LinkException("cannot write to " + describe() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public int read(byte[] buffer, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        int n = in.read(buffer); // returns after at most 0.1 s (stty time 1); -1 means no data yet
        if (n > 0) {
          return n;
        }
        if (System.nanoTime() >= deadline) {
          return 0;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read from " + describe(), e);
    }
  }

  @Override
  public String describe() {
    return device + " at " + baud + " baud";
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    try {
      out.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
