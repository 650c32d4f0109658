package dev.spikeforge.testbenches;

import dev.spikeforge.simkit.SimulationException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The vector file format shared by every harness: one vector per line, one field per port in
 * column order, each field the port's bits in lowercase hex (no prefix, no padding required),
 * fields separated by one space. Simulators write their results in the same format; Icarus may
 * write {@code x}/{@code z} digits, which are reported as errors.
 */
final class VectorFiles {
  private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private VectorFiles() {}

  /** Checks every row against the ports and writes the file. */
  static void write(Path file, List<Port> ports, long[][] rows) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      byte[] buf = new byte[17];
      for (int r = 0; r < rows.length; r++) {
        long[] row = rows[r];
        if (row == null || row.length != ports.size()) {
          throw new IllegalArgumentException("vector " + r + " has " + (row == null ? 0 : row.length)
              + " values; the harness has " + ports.size() + " input ports " + names(ports));
        }
        for (int c = 0; c < row.length; c++) {
          Port p = ports.get(c);
          if (!p.fits(row[c])) {
            throw new IllegalArgumentException("vector " + r + ", port " + p.name() + ": value " + row[c]
                + " does not fit " + (p.signed() ? "signed " : "unsigned ") + p.width() + " bits");
          }
          if (c > 0) {
            out.write(' ');
          }
          long bits = p.toBits(row[c]);
          int n = 0;
          do {
            buf[buf.length - 1 - n++] = HEX[(int) (bits & 0xf)];
            bits >>>= 4;
          } while (bits != 0);
          out.write(buf, buf.length - n, n);
        }
        out.write('\n');
      }
    }
  }

  /**
   * Reads a result file, which must hold exactly {@code expectedRows} rows of {@code ports.size()}
   * fields, and turns each field's bits into its port's value.
   */
  static long[][] read(Path file, List<Port> ports, int expectedRows, String source) throws IOException {
    return read(file, ports, expectedRows, 0, source);
  }

  /** As {@link #read(Path, List, int, String)}; X/Z digits in the first {@code unsettledRows} rows read as 0. */
  static long[][] read(Path file, List<Port> ports, int expectedRows, int unsettledRows, String source)
      throws IOException {
    byte[] data = Files.readAllBytes(file);
    long[][] rows = new long[expectedRows][];
    int pos = 0;
    int r = 0;
    while (pos < data.length) {
      if (r == expectedRows) {
        throw new SimulationException(source + " wrote more than the " + expectedRows + " result rows expected, in " + file);
      }
      long[] row = new long[ports.size()];
      for (int c = 0; c < row.length; c++) {
        while (pos < data.length && data[pos] == ' ') {
          pos++;
        }
        long bits = 0;
        int digits = 0;
        while (pos < data.length && data[pos] != ' ' && data[pos] != '\n' && data[pos] != '\r') {
          int d = digit(data[pos]);
          if (d < 0 && r < unsettledRows && "xXzZ".indexOf(data[pos]) >= 0) {
            d = 0;
          }
          if (d < 0) {
            char ch = (char) data[pos];
            String what = (ch == 'x' || ch == 'X') ? "X (unknown)" : (ch == 'z' || ch == 'Z') ? "Z (undriven)"
                : "the character '" + ch + "'";
            throw new SimulationException(source + ": output " + ports.get(c).name() + " of vector " + r
                + " is " + what + " (" + file + ", line " + (r + 1) + ")");
          }
          bits = (bits << 4) | d;
          digits++;
          pos++;
        }
        if (digits == 0) {
          throw new SimulationException(source + ": line " + (r + 1) + " of " + file + " has " + c
              + " fields; expected " + row.length + " " + names(ports));
        }
        row[c] = ports.get(c).fromBits(bits);
      }
      while (pos < data.length && (data[pos] == ' ' || data[pos] == '\r')) {
        pos++;
      }
      if (pos < data.length && data[pos] != '\n') {
        throw new SimulationException(source + ": line " + (r + 1) + " of " + file + " has more than "
            + row.length + " fields " + names(ports));
      }
      pos++;
      rows[r++] = row;
    }
    if (r != expectedRows) {
      throw new SimulationException(source + " wrote " + r + " result rows for " + expectedRows
          + " vectors, in " + file);
    }
    return rows;
  }

  private static int digit(byte b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    if (b >= 'a' && b <= 'f') {
      return b - 'a' + 10;
    }
    if (b >= 'A' && b <= 'F') {
      return b - 'A' + 10;
    }
    return -1;
  }

  static String names(List<Port> ports) {
    return ports.stream().map(Port::name).toList().toString();
  }
}
