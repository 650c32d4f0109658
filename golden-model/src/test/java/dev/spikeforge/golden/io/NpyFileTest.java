package dev.spikeforge.golden.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NumPy .npy files written byte by byte here, as numpy.save lays them out. */
@Tag("unit")
class NpyFileTest {
  /** A .npy file: magic, version, header length, header dict padded with spaces and a newline, data. */
  static byte[] npy(int major, String dict, byte[] data) {
    int pre = major == 1 ? 10 : 12;
    String h = dict;
    while ((pre + h.length() + 1) % 64 != 0) {
      h += " ";
    }
    h += "\n";
    ByteBuffer b = ByteBuffer.allocate(pre + h.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) major).put((byte) 0);
    if (major == 1) {
      b.putShort((short) h.length());
    } else {
      b.putInt(h.length());
    }
    b.put(h.getBytes(StandardCharsets.ISO_8859_1)).put(data);
    return b.array();
  }

  static byte[] floats(ByteOrder order, float... v) {
    ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(order);
    for (float x : v) {
      b.putFloat(x);
    }
    return b.array();
  }

  @Test
  void float32LittleEndianCOrder() {
    byte[] f = npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }",
        floats(ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4, 5, -0.5f));
    NpyFile.Array a = NpyFile.parse(f);
    assertArrayEquals(new int[] {2, 3}, a.shape());
    assertEquals("<f4", a.dtype());
    assertArrayEquals(new double[] {4, 5, -0.5}, a.matrix()[1]);
  }

  @Test
  void float64BigEndianFortranOrderVersion2() {
    ByteBuffer d = ByteBuffer.allocate(48).order(ByteOrder.BIG_ENDIAN);
    // Fortran order of [[1, 2, 3], [4, 5, 6]]: columns first
    for (double x : new double[] {1, 4, 2, 5, 3, 6}) {
      d.putDouble(x);
    }
    NpyFile.Array a = NpyFile.parse(npy(2, "{'descr': '>f8', 'fortran_order': True, 'shape': (2, 3), }", d.array()));
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, a.data());
  }

  @Test
  void integers() {
    ByteBuffer d = ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN).putShort((short) -3).putShort((short) 7)
        .putShort((short) 300);
    NpyFile.Array a = NpyFile.parse(npy(1, "{'descr': '<i2', 'fortran_order': False, 'shape': (3,), }", d.array()));
    assertArrayEquals(new double[] {-3, 7, 300}, a.data());
  }

  @Test
  void roundTripThroughTheWriter(@TempDir Path dir) throws Exception {
    float[] v = {0.1f, -2.5f, 3e-8f, 7f, 8f, 9f};
    Path f = dir.resolve("x.npy");
    NpyFile.writeFloat32(f, new int[] {3, 2}, v);
    byte[] bytes = Files.readAllBytes(f);
    assertEquals(0, (bytes.length - 24) % 64, "header padded to 64 bytes");
    NpyFile.Array a = NpyFile.read(f);
    assertArrayEquals(new int[] {3, 2}, a.shape());
    for (int k = 0; k < v.length; k++) {
      assertEquals(v[k], (float) a.data()[k]);
    }
  }

  @Test
  void badFiles(@TempDir Path dir) throws Exception {
    assertMessage(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, "not a NumPy .npy file");
    assertMessage(npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }",
        floats(ByteOrder.LITTLE_ENDIAN, 1, 2, 3)), "truncated file?");
    assertMessage(npy(1, "{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }", new byte[8]),
        "unsupported element type");
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> NpyFile.read(dir.resolve("none.npy")));
    assertTrue(e.getMessage().contains("none.npy does not exist"), e.getMessage());
  }

  static void assertMessage(byte[] b, String part) {
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> NpyFile.parse(b));
    assertTrue(e.getMessage().contains(part), e.getMessage());
  }
}
