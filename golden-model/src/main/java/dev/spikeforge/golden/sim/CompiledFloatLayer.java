package dev.spikeforge.golden.sim;

import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.spec.ResetMode;

/**
 * A float layer rearranged for event-driven simulation, the twin of {@link CompiledLayer}: weights
 * source-major (one contiguous row of {@code size} targets per presynaptic neuron), delays turned
 * into ring-slot offsets. Immutable and shared by every {@link FloatSimulator} of a network.
 *
 * <p>{@link FloatLayer} admits only delays 0..maxDelay (recurrent 1..max(1, maxDelay)), all below
 * the ring's R slots, so a delay is its own slot offset and the simulator needs only one
 * conditional subtraction to find {@code (t + d) mod R}.
 */
final class CompiledFloatLayer {
  enum DelayMode { NONE, AXONAL, SYNAPTIC }

  final FloatLayer layer;
  final int in;
  final int size;
  final double leak;
  /** Each neuron's decay when the layer has per-neuron leaks, else null (all {@link #leak}). */
  final double[] leaks;
  final double threshold;
  final boolean subtractReset;
  /** {@code weights[i * size + j]} = W[j][i]. */
  final double[] weights;
  final DelayMode delayMode;
  /** Per input: axonal delay (AXONAL), or null. */
  final int[] axonal;
  /** Per synapse, source-major: total delay, axonal + synaptic (SYNAPTIC), or null. */
  final int[] synaptic;
  /** Recurrent weights, source-major: {@code recurrent[k * size + j]} = R[j][k], or null. */
  final double[] recurrent;
  /** Recurrent delays, source-major, or null when every delay is 1. */
  final int[] recurrentDelays;
  /** Pending-current slots R: {@code max(1, maxDelay) + 1} with delays or recurrence, else 1. */
  final int ring;
  /** The delay of every input (0 without delays, or the axonal delay they all share), or −1. */
  final int uniformDelay;
  /**
   * Whether every sum of any subset of a neuron's input weights is exact in double precision, so
   * that a current does not depend on the order of its additions: for every neuron j, with q_j the
   * value of the lowest set bit among its weights, {@code Σ_i |W[j][i]| ≤ 2^53 · q_j}. Every partial
   * sum is then a multiple of q_j of magnitude at most 2^53 · q_j, which a double holds exactly (and
   * a sum starting from +0.0 is never −0.0). True for trained float32 weights in practice (the
   * authors' published 784-1000-100-10: at most 2^51.9 · q_j in fc1).
   */
  final boolean exactCurrents;

  CompiledFloatLayer(FloatLayer f) {
    layer = f;
    in = f.inputSize();
    size = f.size();
    leak = f.leak();
    leaks = f.leaks();
    threshold = f.threshold();
    subtractReset = f.reset() == ResetMode.SUBTRACT;
    boolean delays = f.axonalDelays() != null || f.synapticDelays() != null || f.isRecurrent();
    ring = delays ? Math.max(1, f.maxDelay()) + 1 : 1;
    weights = transpose(f.weights(), in, size);
    int[] ax = f.axonalDelays();
    int[][] syn = f.synapticDelays();
    if (syn != null) {
      delayMode = DelayMode.SYNAPTIC;
      synaptic = new int[in * size];
      for (int j = 0; j < size; j++) {
        for (int i = 0; i < in; i++) {
          synaptic[i * size + j] = (ax == null ? 0 : ax[i]) + syn[j][i];
        }
      }
      axonal = null;
    } else if (ax != null) {
      delayMode = DelayMode.AXONAL;
      axonal = new int[in];
      for (int i = 0; i < in; i++) {
        axonal[i] = ax[i];
      }
      synaptic = null;
    } else {
      delayMode = DelayMode.NONE;
      axonal = null;
      synaptic = null;
    }
    recurrent = f.isRecurrent() ? transpose(f.recurrentWeights(), size, size) : null;
    int[][] rd = f.recurrentDelays();
    if (recurrent != null && rd != null) {
      recurrentDelays = new int[size * size];
      for (int j = 0; j < size; j++) {
        for (int k = 0; k < size; k++) {
          recurrentDelays[k * size + j] = rd[j][k];
        }
      }
    } else {
      recurrentDelays = null;
    }
    uniformDelay = uniformDelay(delayMode, axonal);
    exactCurrents = exactSums(f.weights());
  }

  private static int uniformDelay(DelayMode mode, int[] axonal) {
    if (mode == DelayMode.NONE) {
      return 0;
    }
    if (mode == DelayMode.AXONAL) {
      for (int d : axonal) {
        if (d != axonal[0]) {
          return -1;
        }
      }
      return axonal.length == 0 ? 0 : axonal[0];
    }
    return -1;
  }

  /** See {@link #exactCurrents}; {@code m[post][pre]}, finite weights. Decided in integers, exactly. */
  static boolean exactSums(double[][] m) {
    long limit = 1L << 53;
    for (double[] row : m) {
      int low = Integer.MAX_VALUE;
      for (double w : row) {
        if (w != 0) {
          low = Math.min(low, lowestBit(w));
        }
      }
      long units = 0; // Σ |w| / q_j, each term an integer
      for (double w : row) {
        if (w != 0) {
          double u = Math.scalb(Math.abs(w), -low);
          if (!(u <= limit)) {
            return false;
          }
          units += (long) u;
          if (units > limit) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** The exponent e of the lowest set bit of a finite non-zero double: {@code |w|} is an odd multiple of 2^e. */
  static int lowestBit(double w) {
    long bits = Double.doubleToRawLongBits(w);
    int exp = (int) (bits >>> 52) & 0x7ff;
    long mant = bits & ((1L << 52) - 1);
    if (exp == 0) {
      return -1074 + Long.numberOfTrailingZeros(mant);
    }
    return exp - 1075 + Long.numberOfTrailingZeros(mant | (1L << 52));
  }

  /** {@code m[post][pre]} to a flat pre-major array. */
  private static double[] transpose(double[][] m, int pre, int post) {
    double[] t = new double[pre * post];
    for (int j = 0; j < post; j++) {
      double[] row = m[j];
      for (int i = 0; i < pre; i++) {
        t[i * post + j] = row[i];
      }
    }
    return t;
  }
}
