package dev.spikeforge.golden.train;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.DoubleConsumer;

/**
 * The weight matrices of an engine's {@link TrainingEngine#state()}, written and read in one order:
 * matrix by matrix, row-major, big-endian (a {@link ByteBuffer}'s default), IEEE doubles or int32.
 * Reading checks every value before it stores any: a refused state leaves the matrices as they were. A caller
 * checks the state's length first ({@link #checkLength}). Used by the OTTT, STDP and NA engines.
 */
public final class StateCodec {
  private StateCodec() {}

  /** Elements of {@code matrices} (each rectangular, at least one row). */
  public static int doubles(List<double[][]> matrices) {
    int n = 0;
    for (double[][] m : matrices) {
      n += m.length * m[0].length;
    }
    return n;
  }

  /** Elements of {@code matrices} (each rectangular, at least one row). */
  public static int ints(List<int[][]> matrices) {
    int n = 0;
    for (int[][] m : matrices) {
      n += m.length * m[0].length;
    }
    return n;
  }

  /**
   * Refuses a state of the wrong size: {@code state holds N bytes, this network's WHAT M}.
   *
   * @param what what the state holds, e.g. {@code "weights"}
   */
  public static void checkLength(byte[] state, int expected, String what) {
    if (state.length != expected) {
      throw new IllegalArgumentException("state holds " + state.length + " bytes, this network's " + what + " "
          + expected);
    }
  }

  /** Writes every element of {@code matrices}, row by row, as doubles. */
  public static void putDoubles(ByteBuffer b, List<double[][]> matrices) {
    for (double[][] m : matrices) {
      for (double[] row : m) {
        for (double x : row) {
          b.putDouble(x);
        }
      }
    }
  }

  /**
   * Reads {@code matrices} in the order of {@link #putDoubles}, after checking every value: if {@code check}
   * refuses one, no matrix element and not the buffer's position have changed.
   *
   * @param check throws {@code IllegalArgumentException} naming a value the matrices must not hold
   */
  public static void getDoubles(ByteBuffer b, List<double[][]> matrices, DoubleConsumer check) {
    ByteBuffer probe = b.duplicate();
    for (int n = doubles(matrices); n > 0; n--) {
      check.accept(probe.getDouble());
    }
    for (double[][] m : matrices) {
      for (double[] row : m) {
        for (int i = 0; i < row.length; i++) {
          row[i] = b.getDouble();
        }
      }
    }
  }

  /** A check for {@link #getDoubles}: {@code WHAT x is not finite}. */
  public static DoubleConsumer finite(String what) {
    return x -> {
      if (!Double.isFinite(x)) {
        throw new IllegalArgumentException(what + " " + x + " is not finite");
      }
    };
  }

  /** Writes every element of {@code matrices}, row by row, as ints. */
  public static void putInts(ByteBuffer b, List<int[][]> matrices) {
    for (int[][] m : matrices) {
      for (int[] row : m) {
        for (int x : row) {
          b.putInt(x);
        }
      }
    }
  }

  /**
   * Reads shadow weights in the order of {@link #putInts}, after checking that every one fits {@code width}
   * signed bits: a refused value leaves the matrices and the buffer's position as they were.
   */
  public static void getShadows(ByteBuffer b, List<int[][]> matrices, int width) {
    ByteBuffer probe = b.duplicate();
    for (int n = ints(matrices); n > 0; n--) {
      int s = probe.getInt();
      if (s < -(1 << (width - 1)) || s >= 1 << (width - 1)) {
        throw new IllegalArgumentException("shadow weight " + s + " does not fit " + width + " signed bits");
      }
    }
    for (int[][] m : matrices) {
      for (int[] row : m) {
        for (int i = 0; i < row.length; i++) {
          row[i] = b.getInt();
        }
      }
    }
  }
}
