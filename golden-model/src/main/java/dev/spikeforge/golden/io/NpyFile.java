package dev.spikeforge.golden.io;

import dev.spikeforge.golden.files.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0): what {@code
 * numpy.save} writes. Supported element types: float32, float64 and signed integers of 1, 2, 4 and 8
 * bytes, either byte order; C or Fortran order. Values are returned as doubles in C (row-major) order.
 */
public final class NpyFile {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([fi])(\\d+)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  private NpyFile() {}

  /**
   * An array: its shape and its values in C order.
   *
   * @param dtype the element type as NumPy names it, e.g. {@code <f4}
   */
  public record Array(int[] shape, double[] data, String dtype) {
    /** Number of elements. */
    public int size() {
      return data.length;
    }

    /** A 2-D array as rows. */
    public double[][] matrix() {
      if (shape.length != 2) {
        throw new IllegalStateException("not a 2-D array: shape " + Arrays.toString(shape));
      }
      double[][] m = new double[shape[0]][];
      for (int r = 0; r < shape[0]; r++) {
        m[r] = Arrays.copyOfRange(data, r * shape[1], (r + 1) * shape[1]);
      }
      return m;
    }
  }

  /** Reads a {@code .npy} file. */
  public static Array read(Path file) {
    byte[] b;
    try {
      b = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ModelFormatException(file + " does not exist");
    } catch (IOException e) {
      throw new ModelFormatException("cannot read " + file + ": " + e.getMessage(), e);
    }
    try {
      return parse(b);
    } catch (ModelFormatException e) {
      throw new ModelFormatException(file + ": " + e.getMessage(), e.getCause());
    }
  }

  /** Parses the bytes of a {@code .npy} file. */
  public static Array parse(byte[] b) {
    if (b.length < 10 || !Arrays.equals(Arrays.copyOf(b, 6), MAGIC)) {
      throw new ModelFormatException("not a NumPy .npy file (missing the \\x93NUMPY magic)");
    }
    int major = b[6] & 0xFF;
    ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    int headerLen;
    int start;
    if (major == 1) {
      headerLen = buf.getShort(8) & 0xFFFF;
      start = 10;
    } else if (major == 2 || major == 3) {
      if (b.length < 12) {
        throw new ModelFormatException("truncated .npy header");
      }
      headerLen = buf.getInt(8);
      start = 12;
    } else {
      throw new ModelFormatException(".npy format version " + major + " is not supported (1, 2 or 3)");
    }
    if (headerLen < 0 || start + headerLen > b.length) {
      throw new ModelFormatException("truncated .npy header");
    }
    String header = new String(b, start, headerLen, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    Matcher d = DESCR.matcher(header);
    Matcher f = FORTRAN.matcher(header);
    Matcher s = SHAPE.matcher(header);
    if (!d.find()) {
      throw new ModelFormatException("unsupported element type in header " + header.trim()
          + "; expected float32/float64 or a signed integer type (e.g. '<f4', '<f8', '<i4')");
    }
    if (!f.find() || !s.find()) {
      throw new ModelFormatException("malformed .npy header " + header.trim());
    }
    char order = d.group(1).charAt(0);
    char kind = d.group(2).charAt(0);
    int bytes = Integer.parseInt(d.group(3));
    if ((kind == 'f' && bytes != 4 && bytes != 8) || (kind == 'i' && bytes != 1 && bytes != 2 && bytes != 4 && bytes != 8)) {
      throw new ModelFormatException("unsupported element type '" + d.group(1) + kind + bytes + "'");
    }
    boolean fortran = f.group(1).equals("True");
    String[] dims = s.group(1).split(",");
    int[] shape = Arrays.stream(dims).map(String::trim).filter(x -> !x.isEmpty()).mapToInt(x -> {
      try {
        return Integer.parseInt(x.replace("L", ""));
      } catch (NumberFormatException e) {
        throw new ModelFormatException("malformed shape (" + s.group(1) + ")");
      }
    }).toArray();
    long count = 1;
    for (int x : shape) {
      if (x < 0) {
        throw new ModelFormatException("negative dimension in shape (" + s.group(1) + ")");
      }
      count *= x;
    }
    int dataStart = start + headerLen;
    if ((long) b.length - dataStart != count * bytes) {
      throw new ModelFormatException("holds " + (b.length - dataStart) + " data bytes, shape " + Arrays.toString(shape)
          + " of " + bytes + "-byte elements needs " + count * bytes + " (truncated file?)");
    }
    ByteBuffer data = ByteBuffer.wrap(b, dataStart, b.length - dataStart)
        .order(order == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    double[] raw = new double[(int) count];
    for (int k = 0; k < raw.length; k++) {
      raw[k] = switch (kind == 'f' ? -bytes : bytes) {
        case -4 -> data.getFloat();
        case -8 -> data.getDouble();
        case 1 -> data.get();
        case 2 -> data.getShort();
        case 4 -> data.getInt();
        default -> data.getLong();
      };
    }
    double[] out = fortran && shape.length > 1 ? toC(raw, shape) : raw;
    return new Array(shape, out, d.group(1) + kind + bytes);
  }

  /** Fortran (column-major) order to C order. */
  private static double[] toC(double[] f, int[] shape) {
    int n = shape.length;
    double[] c = new double[f.length];
    int[] idx = new int[n];
    for (int k = 0; k < f.length; k++) {
      // k enumerates C order; compute the Fortran offset of the same index
      int off = 0;
      int stride = 1;
      for (int a = 0; a < n; a++) {
        off += idx[a] * stride;
        stride *= shape[a];
      }
      c[k] = f[off];
      for (int a = n - 1; a >= 0; a--) {
        if (++idx[a] < shape[a]) {
          break;
        }
        idx[a] = 0;
      }
    }
    return c;
  }

  /** Writes a float32 array (C order, little-endian, format 1.0), as {@code numpy.save} does. */
  public static void writeFloat32(Path file, int[] shape, float[] data) throws IOException {
    long count = Arrays.stream(shape).asLongStream().reduce(1, (a, c) -> a * c);
    if (count != data.length) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " does not hold " + data.length + " values");
    }
    byte[] header = header("<f4", shape);
    ByteBuffer buf = ByteBuffer.allocate(header.length + 4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
    buf.put(header);
    for (float x : data) {
      buf.putFloat(x);
    }
    AtomicFiles.writeBytes(file, buf.array());
  }

  /** Magic, version 1.0, header length and the padded header dict (total a multiple of 64 bytes). */
  static byte[] header(String descr, int[] shape) {
    StringBuilder sh = new StringBuilder("(");
    for (int k = 0; k < shape.length; k++) {
      sh.append(shape[k]).append(shape.length == 1 ? "," : (k + 1 < shape.length ? ", " : ""));
    }
    sh.append(')');
    String dict = String.format(Locale.ROOT, "{'descr': '%s', 'fortran_order': False, 'shape': %s, }", descr, sh);
    int total = 10 + dict.length() + 1;
    int pad = (64 - total % 64) % 64;
    String h = dict + " ".repeat(pad) + "\n";
    ByteBuffer buf = ByteBuffer.allocate(10 + h.length()).order(ByteOrder.LITTLE_ENDIAN);
    buf.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) h.length()).put(h.getBytes(StandardCharsets.ISO_8859_1));
    return buf.array();
  }
}
