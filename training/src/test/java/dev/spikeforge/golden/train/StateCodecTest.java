package dev.spikeforge.golden.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The engines' state matrices: round trips in order and bit for bit, and one clear message per refused value. */
@Tag("unit")
class StateCodecTest {
  @Test
  void doublesRoundTripMatrixByMatrixRowMajorBigEndian() {
    List<double[][]> m = List.of(new double[][] {{1.5, -0.0}, {Double.MIN_VALUE, 3}}, new double[][] {{-2}});
    assertEquals(5, StateCodec.doubles(m));
    ByteBuffer b = ByteBuffer.allocate(8 * 5);
    StateCodec.putDoubles(b, m);
    assertEquals(Double.doubleToRawLongBits(-0.0), ByteBuffer.wrap(b.array()).getLong(8), "row-major, big-endian");
    List<double[][]> back = List.of(new double[2][2], new double[1][1]);
    StateCodec.getDoubles(ByteBuffer.wrap(b.array()), back, StateCodec.finite("weight"));
    for (int k = 0; k < m.size(); k++) {
      for (int j = 0; j < m.get(k).length; j++) {
        assertArrayEquals(m.get(k)[j], back.get(k)[j]);
      }
    }
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(back.get(0)[0][1]));
  }

  @Test
  void shadowsRoundTripAndMustFitTheirWidth() {
    List<int[][]> m = List.of(new int[][] {{-8, 7}}, new int[][] {{0}, {3}});
    assertEquals(4, StateCodec.ints(m));
    ByteBuffer b = ByteBuffer.allocate(16);
    StateCodec.putInts(b, m);
    List<int[][]> back = List.of(new int[1][2], new int[2][1]);
    StateCodec.getShadows(ByteBuffer.wrap(b.array()), back, 4);
    assertArrayEquals(m.get(0)[0], back.get(0)[0]);
    assertEquals(3, back.get(1)[1][0]);
    assertEquals("shadow weight -8 does not fit 3 signed bits", assertThrows(IllegalArgumentException.class,
        () -> StateCodec.getShadows(ByteBuffer.wrap(b.array()), back, 3)).getMessage());
  }

  @Test
  void refusedStatesNameWhatIsWrong() {
    ByteBuffer b = ByteBuffer.allocate(8).putDouble(0, Double.NaN);
    assertEquals("weight NaN is not finite", assertThrows(IllegalArgumentException.class,
        () -> StateCodec.getDoubles(b, List.<double[][]>of(new double[1][1]), StateCodec.finite("weight")))
        .getMessage());
    assertEquals("state holds 3 bytes, this network's weights 8", assertThrows(IllegalArgumentException.class,
        () -> StateCodec.checkLength(new byte[3], 8, "weights")).getMessage());
  }

  @Test
  void aRefusedValueLeavesEveryMatrixAndThePositionAsTheyWere() {
    // the bad value is the last one: a reader storing as it checks would have overwritten the first matrix
    ByteBuffer d = ByteBuffer.allocate(8 * 3).putDouble(0, 1.5).putDouble(8, -2)
        .putDouble(16, Double.POSITIVE_INFINITY);
    List<double[][]> doubles = List.of(new double[][] {{7, 8}}, new double[][] {{9}});
    assertThrows(IllegalArgumentException.class, () -> StateCodec.getDoubles(d, doubles, StateCodec.finite("w")));
    assertArrayEquals(new double[] {7, 8}, doubles.get(0)[0]);
    assertEquals(9, doubles.get(1)[0][0]);
    assertEquals(0, d.position());

    ByteBuffer i = ByteBuffer.allocate(4 * 3).putInt(0, 1).putInt(4, 2).putInt(8, 100);
    List<int[][]> shadows = List.of(new int[][] {{5}, {6}}, new int[][] {{-1}});
    assertThrows(IllegalArgumentException.class, () -> StateCodec.getShadows(i, shadows, 4));
    assertEquals(5, shadows.get(0)[0][0]);
    assertEquals(6, shadows.get(0)[1][0]);
    assertEquals(-1, shadows.get(1)[0][0]);
    assertEquals(0, i.position());
  }
}
