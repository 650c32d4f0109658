package dev.spikeforge.nir;

import java.util.Arrays;

/**
 * A numeric NIR parameter: its values in row-major order and its shape (empty for a scalar).
 * Arrays are owned by the record once constructed.
 */
record NirArray(double[] data, int[] shape) {
  NirArray {
    long n = 1;
    for (int d : shape) {
      n *= d;
    }
    if (n != data.length) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " does not hold " + data.length + " values");
    }
  }

  static NirArray vector(double... v) {
    return new NirArray(v.clone(), new int[] {v.length});
  }

  static NirArray scalar(double v) {
    return new NirArray(new double[] {v}, new int[0]);
  }

  static NirArray matrix(double[][] m, int cols) {
    double[] d = new double[m.length * cols];
    for (int r = 0; r < m.length; r++) {
      System.arraycopy(m[r], 0, d, r * cols, cols);
    }
    return new NirArray(d, new int[] {m.length, cols});
  }

  int size() {
    return data.length;
  }

  String shapeText() {
    return Arrays.toString(shape);
  }

  /** Row {@code r} of a two-dimensional array. */
  double at(int r, int c) {
    return data[r * shape[1] + c];
  }
}
