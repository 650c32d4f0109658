package dev.spikeforge.golden.data;

import dev.spikeforge.golden.io.ModelFormatException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files of unsigned bytes (the MNIST/Fashion-MNIST format), raw or gzip-compressed
 * (recognised by the gzip magic bytes {@code 1f 8b}, whatever the file name).
 *
 * <p>Format: a 4-byte big-endian magic {@code 0x0000TTDD} (TT = data type, only {@code 0x08}
 * unsigned byte is supported; DD = number of dimensions), DD big-endian 32-bit sizes, then the
 * product of the sizes in bytes, row-major. Images are {@code 0x00000803} (count × rows × columns;
 * 2 to 4 dimensions are accepted), labels {@code 0x00000801} (count). Anything else — wrong magic,
 * a zero size, fewer or more data bytes than the header promises, a corrupt gzip stream — is a
 * {@link ModelFormatException} naming the file and the problem.
 */
public final class IdxReader {
  /** Magic number of an unsigned-byte IDX label file. */
  public static final int LABELS_MAGIC = 0x00000801;
  /** Magic number of an unsigned-byte IDX image file. */
  public static final int IMAGES_MAGIC = 0x00000803;

  private static final int UNSIGNED_BYTE = 0x08;

  private IdxReader() {}

  /**
   * One IDX array: its dimensions (the first is the item count) and its bytes, row-major. The
   * arrays are owned by the record; do not modify them.
   */
  public record IdxArray(Path file, int[] dims, byte[] data) {
    /** Number of items (the first dimension). */
    public int count() {
      return dims[0];
    }

    /** The dimensions after the first, i.e. the shape of one item. */
    public int[] itemShape() {
      return Arrays.copyOfRange(dims, 1, dims.length);
    }
  }

  /** Reads any unsigned-byte IDX file with {@code minDims..maxDims} dimensions. */
  public static IdxArray read(Path file, int minDims, int maxDims) {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      DataInputStream in = new DataInputStream(decompressIfGzip(raw));
      int magic = readHeaderInt(in, file, "magic number");
      if ((magic >>> 16) != 0 || ((magic >>> 8) & 0xFF) != UNSIGNED_BYTE) {
        throw bad(file, String.format("wrong magic number 0x%08X: not an unsigned-byte IDX file (expected 0x%08X for labels or 0x%08X for images)",
            magic, LABELS_MAGIC, IMAGES_MAGIC));
      }
      int nd = magic & 0xFF;
      if (nd < minDims || nd > maxDims) {
        throw bad(file, String.format("magic number 0x%08X declares %d dimension(s), expected %s", magic, nd,
            minDims == maxDims ? String.valueOf(minDims) : minDims + " to " + maxDims));
      }
      int[] dims = new int[nd];
      long total = 1;
      for (int d = 0; d < nd; d++) {
        dims[d] = readHeaderInt(in, file, "size of dimension " + d);
        if (dims[d] <= 0) {
          throw bad(file, "dimension " + d + " has size " + Integer.toUnsignedString(dims[d]) + ", must be positive");
        }
        total *= dims[d];
        if (total > Integer.MAX_VALUE - 8) {
          throw bad(file, "header declares " + Arrays.toString(dims) + ", too large to load (more than 2 GiB)");
        }
      }
      byte[] data = in.readNBytes((int) total);
      if (data.length < total) {
        throw bad(file, "truncated: header declares " + shapeText(dims) + " = " + total + " data bytes, file holds only " + data.length);
      }
      if (in.read() != -1) {
        throw bad(file, "extra bytes after the " + total + " data bytes declared by the header " + shapeText(dims));
      }
      return new IdxArray(file, dims, data);
    } catch (NoSuchFileException e) {
      throw new DatasetNotFoundException(file, "IDX file", "check the path, or pass --data-dir DIR with IDX files");
    } catch (EOFException | ZipException e) {
      throw bad(file, "truncated or corrupt gzip stream (" + e.getMessage() + ")");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads an image file: {@code 0x00000803} (or 2 to 4 dimensions), first dimension = count. */
  public static IdxArray readImages(Path file) {
    return read(file, 2, 4);
  }

  /** Reads a label file ({@code 0x00000801}); each byte is one label 0..255. */
  public static int[] readLabels(Path file) {
    byte[] b = read(file, 1, 1).data();
    int[] labels = new int[b.length];
    for (int i = 0; i < b.length; i++) {
      labels[i] = b[i] & 0xFF;
    }
    return labels;
  }

  private static InputStream decompressIfGzip(InputStream in) throws IOException {
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    return b0 == 0x1f && b1 == 0x8b ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16) : in;
  }

  private static int readHeaderInt(DataInputStream in, Path file, String what) throws IOException {
    byte[] b = in.readNBytes(4);
    if (b.length < 4) {
      throw bad(file, "truncated header: file ends before the " + what);
    }
    return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
  }

  private static String shapeText(int[] dims) {
    StringBuilder s = new StringBuilder();
    for (int d = 0; d < dims.length; d++) {
      s.append(d == 0 ? "" : "×").append(dims[d]);
    }
    return s.toString();
  }

  static ModelFormatException bad(Path file, String what) {
    return new ModelFormatException(file + ": " + what);
  }
}
