package dev.spikeforge.golden.train.threefactor;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The checkpoint byte format of the three-factor models, shared by both numeric forms. A state is
 * the layers' {@link Part}s in order, big-endian ({@link DataOutputStream}); a matrix is its row
 * count ({@code -1} for an absent matrix), then per row its length and its values as 64-bit words
 * (longs as they are, doubles as their raw IEEE bits); a vector is its length ({@code -1} if absent)
 * and its words. Reading checks every count against the model and refuses trailing bytes.
 */
final class StateCodec {
  private StateCodec() {}

  /** One part of a model's learned state (a layer), written and read in a fixed order. */
  interface Part {
    void writeState(DataOutputStream out) throws IOException;

    void readState(DataInputStream in) throws IOException;
  }

  /** The state of {@code parts}, in order. */
  static byte[] encode(Part... parts) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      for (Part p : parts) {
        p.writeState(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Restores {@code parts} from an {@link #encode} of parts of the same shape. */
  static void decode(byte[] state, Part... parts) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
      for (Part p : parts) {
        p.readState(in);
      }
      if (in.read() != -1) {
        throw new IllegalArgumentException("state has trailing bytes");
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("truncated state: " + e.getMessage(), e);
    }
  }

  static void writeMatrix(DataOutputStream out, long[][] m) throws IOException {
    writeRows(out, m == null ? -1 : m.length, j -> m[j].length, (j, i) -> m[j][i]);
  }

  /** Writes doubles as their raw IEEE bits, so the state is exact. */
  static void writeMatrix(DataOutputStream out, double[][] m) throws IOException {
    writeRows(out, m == null ? -1 : m.length, j -> m[j].length, (j, i) -> Double.doubleToRawLongBits(m[j][i]));
  }

  /** Reads into {@code m} (its shape is the expected one; {@code null}: absent); {@code what} names it in errors. */
  static void readMatrix(DataInputStream in, long[][] m, String what) throws IOException {
    readRows(in, m == null ? -1 : m.length, j -> m[j].length, (j, i, bits) -> m[j][i] = bits, what);
  }

  /** Reads raw IEEE bits into {@code m}, as {@link #readMatrix(DataInputStream, long[][], String)}. */
  static void readMatrix(DataInputStream in, double[][] m, String what) throws IOException {
    readRows(in, m == null ? -1 : m.length, j -> m[j].length,
        (j, i, bits) -> m[j][i] = Double.longBitsToDouble(bits), what);
  }

  static void writeVector(DataOutputStream out, long[] v) throws IOException {
    out.writeInt(v == null ? -1 : v.length);
    for (int i = 0; v != null && i < v.length; i++) {
      out.writeLong(v[i]);
    }
  }

  /** Reads into {@code v} ({@code null}: absent); a wrong length is refused as "state has n {@code what}". */
  static void readVector(DataInputStream in, long[] v, String what) throws IOException {
    int n = in.readInt();
    if (n != (v == null ? -1 : v.length)) {
      throw new IllegalArgumentException("state has " + n + " " + what);
    }
    for (int i = 0; v != null && i < n; i++) {
      v[i] = in.readLong();
    }
  }

  private interface RowLength {
    int of(int row);
  }

  private interface Cell {
    long bits(int row, int col);
  }

  private interface CellSink {
    void put(int row, int col, long bits);
  }

  private static void writeRows(DataOutputStream out, int rows, RowLength len, Cell cell) throws IOException {
    out.writeInt(rows);
    for (int j = 0; j < rows; j++) {
      int n = len.of(j);
      out.writeInt(n);
      for (int i = 0; i < n; i++) {
        out.writeLong(cell.bits(j, i));
      }
    }
  }

  private static void readRows(DataInputStream in, int rows, RowLength len, CellSink sink, String what)
      throws IOException {
    if (in.readInt() != rows) {
      throw new IllegalArgumentException("state does not fit the " + what);
    }
    for (int j = 0; j < rows; j++) {
      int n = len.of(j);
      if (in.readInt() != n) {
        throw new IllegalArgumentException("state does not fit the " + what);
      }
      for (int i = 0; i < n; i++) {
        sink.put(j, i, in.readLong());
      }
    }
  }
}
