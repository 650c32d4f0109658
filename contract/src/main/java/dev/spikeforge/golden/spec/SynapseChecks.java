package dev.spikeforge.golden.spec;

/**
 * The shape and range checks of a layer's delay arrays and matrices, shared by the integer layer
 * ({@link LayerSpec}) and the float layer of golden-model, so both model formats accept exactly the
 * same delays and shapes and name the same field when they do not. Each check copies what it accepts.
 */
public final class SynapseChecks {
  private SynapseChecks() {}

  /** Axonal delays: one per input, each in 0..maxDelay. */
  public static int[] axonalDelays(int[] axonalDelays, int inputSize, int maxDelay) {
    SpecException.check(axonalDelays.length == inputSize, "axonalDelays",
        "has " + axonalDelays.length + " entries, expected inputSize = " + inputSize);
    int[] copy = axonalDelays.clone();
    for (int i = 0; i < inputSize; i++) {
      SpecException.inRange(copy[i], 0, maxDelay, "axonalDelays[" + i + "]", "maxDelay = " + maxDelay);
    }
    return copy;
  }

  /** Synaptic delays: size × inputSize, each with its input's axonal delay at most maxDelay. */
  public static int[][] synapticDelays(int[][] synapticDelays, int size, int inputSize, int[] axonalDelays,
      int maxDelay) {
    int[][] copy = shape(synapticDelays, size, inputSize, "synapticDelays");
    for (int j = 0; j < size; j++) {
      for (int i = 0; i < inputSize; i++) {
        int axon = axonalDelays == null ? 0 : axonalDelays[i];
        SpecException.inRange(copy[j][i], 0, maxDelay - axon, "synapticDelays[" + j + "][" + i + "]",
            "axonal + synaptic delay must not exceed maxDelay = " + maxDelay);
      }
    }
    return copy;
  }

  /** Recurrent delays: size × size, each in 1..max(1, maxDelay); only with recurrent weights. */
  public static int[][] recurrentDelays(int[][] recurrentDelays, boolean recurrent, int size, int maxDelay) {
    SpecException.check(recurrent, "recurrentDelays", "given without recurrentWeights");
    int[][] copy = shape(recurrentDelays, size, size, "recurrentDelays");
    int hi = Math.max(1, maxDelay);
    for (int j = 0; j < size; j++) {
      for (int k = 0; k < size; k++) {
        SpecException.inRange(copy[j][k], 1, hi, "recurrentDelays[" + j + "][" + k + "]",
            "recurrent delays are at least 1 and at most max(1, maxDelay)");
      }
    }
    return copy;
  }

  /** A rows × cols integer matrix (no ragged or missing rows), copied. */
  public static int[][] shape(int[][] m, int rows, int cols, String field) {
    SpecException.check(m != null, field, "missing");
    SpecException.check(m.length == rows, field, "has " + m.length + " rows, expected " + rows);
    int[][] copy = new int[rows][];
    for (int j = 0; j < rows; j++) {
      SpecException.check(m[j] != null && m[j].length == cols, field + "[" + j + "]",
          "has " + (m[j] == null ? 0 : m[j].length) + " entries, expected " + cols);
      copy[j] = m[j].clone();
    }
    return copy;
  }

  /** A rows × cols matrix of finite reals (no ragged or missing rows, no NaN or infinity), copied. */
  public static double[][] finite(double[][] m, int rows, int cols, String field) {
    SpecException.check(m != null, field, "missing");
    SpecException.check(m.length == rows, field, "has " + m.length + " rows, expected " + rows);
    double[][] copy = new double[rows][];
    for (int j = 0; j < rows; j++) {
      SpecException.check(m[j] != null && m[j].length == cols, field + "[" + j + "]",
          "has " + (m[j] == null ? 0 : m[j].length) + " entries, expected " + cols);
      for (int i = 0; i < cols; i++) {
        SpecException.check(Double.isFinite(m[j][i]), field + "[" + j + "][" + i + "]",
            m[j][i] + " is not a finite number; weights must be finite"
                + " (a float32 weight beyond ±3.4e38 reads as infinity)");
      }
      copy[j] = m[j].clone();
    }
    return copy;
  }
}
