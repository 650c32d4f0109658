package dev.spikeforge.golden.train;

/**
 * Where the weight from input {@code i} to neuron {@code j} of one layer sits in the layer's weight
 * array: {@code i·stride + colOff[j]}. Plain: input-major rows, {@code i·out + j}. In column panels
 * (the first layer of a desire team): the neurons of each worker's range form a panel of their own,
 * input-major inside, one panel after the other with {@value #PAD} elements between them, rows
 * padded to a multiple of {@value #PAD} elements, so that a worker's weights are one contiguous block
 * and no cache line holds weights of two workers (in the plain layout every row's line at a range
 * boundary is written by both workers in every update and read by both in every forward pass).
 * Only where a weight sits changes: each neuron's sums read the same weights in the same order.
 */
final class WeightLayout {
  /** Row length of a panel is a multiple of this many elements (64 bytes of shorts, 128 of floats). */
  static final int PAD = 32;

  final int rows;
  final int cols;
  /** Distance between two rows of a panel. */
  final int stride;
  /** Offset of column j in row 0. */
  private final int[] colOff;
  /** Panels as neuron ranges: {@code bounds[k] .. bounds[k+1]}. */
  private final int[] bounds;
  /** Elements of the weight array. */
  final int length;

  private WeightLayout(int rows, int cols, int[] bounds, int stride, int gap) {
    this.rows = rows;
    this.cols = cols;
    this.bounds = bounds;
    this.stride = stride;
    colOff = new int[cols];
    for (int k = 0; k + 1 < bounds.length; k++) {
      for (int j = bounds[k]; j < bounds[k + 1]; j++) {
        colOff[j] = k * (rows * stride + gap) + j - bounds[k];
      }
    }
    length = (bounds.length - 1) * (rows * stride + gap);
  }

  /** The plain layout {@code i·cols + j}. */
  static WeightLayout plain(int rows, int cols) {
    return new WeightLayout(rows, cols, new int[] {0, cols}, cols, 0);
  }

  /**
   * One panel per non-empty range {@code bounds[k] .. bounds[k+1]} (ascending, from 0 to cols); a
   * single range gives the plain layout.
   */
  static WeightLayout panels(int rows, int cols, int[] bounds) {
    int[] b = java.util.Arrays.stream(bounds).distinct().toArray();
    if (b.length <= 2) {
      return plain(rows, cols);
    }
    int width = 0;
    for (int k = 0; k + 1 < b.length; k++) {
      width = Math.max(width, b[k + 1] - b[k]);
    }
    return new WeightLayout(rows, cols, b, (width + PAD - 1) / PAD * PAD, PAD);
  }

  /** Index of the weight from input i to neuron j. */
  int at(int i, int j) {
    return i * stride + colOff[j];
  }

  /**
   * Index of row i's weight to neuron 0 as seen from a contiguous range starting at neuron lo: the
   * weights of neurons j of that range are at {@code base(i, lo) + j} (lo..j inside one panel).
   */
  int base(int i, int lo) {
    return i * stride + colOff[lo] - lo;
  }

  /** The end of the panel of neuron lo, capped at hi: neurons lo..end are contiguous in every row. */
  int contiguousEnd(int lo, int hi) {
    int k = 1;
    while (bounds[k] <= lo) {
      k++;
    }
    return Math.min(hi, bounds[k]);
  }

  /** Whether this is the plain layout. */
  boolean isPlain() {
    return bounds.length == 2;
  }
}
