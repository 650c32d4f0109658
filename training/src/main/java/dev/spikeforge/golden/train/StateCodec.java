package dev.spikeforge.golden.train;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.DoubleConsumer;

/**
 * The weight matrices of an engine's {@link TrainingEngine#state()}, written and read in one order:
 * matrix by matrix, row-major, big-endian (a {@link ByteBuffer}'s default), IEEE doubles or int32.
 * Reading checks every value before it stores it; a caller checks the state's length first ({@link
 * #checkLength}). Used by the OTTT, STDP and NA engines.
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
   * Reads {@code matrices} in the order of {@link #putDoubles}.
   *
   * @param check throws {@code IllegalArgumentException} naming a value the matrices must not hold
   */
  public static void getDoubles(ByteBuffer b, List<double[][]> matrices, DoubleConsumer check) {
    for (double[][] m : matrices) {
      for (double[] row : m) {
        for (int i = 0; i < row.length; i++) {
          double x = b.getDouble();
          check.accept(x);
          row[i] = x;
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

  /** Reads shadow weights in the order of {@link #putInts}, each checked to fit {@code width} signed bits. */
  public static void getShadows(ByteBuffer b, List<int[][]> matrices, int width) {
    for (int[][] m : matrices) {
      for (int[] row : m) {
        for (int i = 0; i < row.length; i++) {
          int s = b.getInt();
          if (s < -(1 << (width - 1)) || s >= 1 << (width - 1)) {
            throw new IllegalArgumentException("shadow weight " + s + " does not fit " + width + " signed bits");
          }
          row[i] = s;
        }
      }
    }
  }
}
