package dev.spikeforge.golden.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests. */
final class IdxFixtures {
  private IdxFixtures() {}

  /** The bytes of an unsigned-byte IDX file with the given magic, dimensions and data. */
  static byte[] idx(int magic, int[] dims, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length); // big-endian by default
    b.putInt(magic);
    for (int d : dims) {
      b.putInt(d);
    }
    b.put(data);
    return b.array();
  }

  static byte[] gzip(byte[] raw) {
    try {
      ByteArrayOutputStream bos = new ByteArrayOutputStream();
      try (OutputStream gz = new GZIPOutputStream(bos)) {
        gz.write(raw);
      }
      return bos.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path write(Path file, byte[] bytes) {
    try {
      return Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code count} images of {@code rows×cols} with pixel {@code j} of image {@code i} = {@code (7i + j) mod 256}. */
  static byte[] images(int count, int rows, int cols) {
    byte[] d = new byte[count * rows * cols];
    for (int i = 0; i < count; i++) {
      for (int j = 0; j < rows * cols; j++) {
        d[i * rows * cols + j] = (byte) ((7 * i + j) % 256);
      }
    }
    return idx(IdxReader.IMAGES_MAGIC, new int[] {count, rows, cols}, d);
  }

  /** {@code count} labels, label {@code i} = {@code i mod classes}. */
  static byte[] labels(int count, int classes) {
    byte[] d = new byte[count];
    for (int i = 0; i < count; i++) {
      d[i] = (byte) (i % classes);
    }
    return idx(IdxReader.LABELS_MAGIC, new int[] {count}, d);
  }
}
