package dev.spikeforge.golden.sim;

import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.spec.ResetMode;

/**
 * A float layer rearranged for event-driven simulation, the twin of {@link CompiledLayer}: weights
 * source-major (one contiguous row of {@code size} targets per presynaptic neuron), delays turned
 * into ring-slot offsets. Immutable and shared by every {@link FloatSimulator} of a network.
 *
 * <p>Delays are stored reduced modulo the ring, {@code d mod R}: then {@code (s + (d mod R)) mod R
 * = (s + d) mod R} for every non-negative delay, which is the slot the original simulator used, and
 * the simulator needs only one conditional subtraction. Negative delays
 * are refused here (they used to fail, or land in a past slot, at run time).
 */
final class CompiledFloatLayer {
  enum DelayMode { NONE, AXONAL, SYNAPTIC }

  final FloatLayer layer;
  final int in;
  final int size;
  final double leak;
  final double threshold;
  final boolean subtractReset;
  /** {@code weights[i * size + j]} = W[j][i]. */
  final double[] weights;
  final DelayMode delayMode;
  /** Per input: axonal delay mod R (AXONAL), or null. */
  final int[] axonal;
  /** Per synapse, source-major: total delay (axonal + synaptic) mod R (SYNAPTIC), or null. */
  final int[] synaptic;
  /** Recurrent weights, source-major: {@code recurrent[k * size + j]} = R[j][k], or null. */
  final double[] recurrent;
  /** Recurrent delays mod R, source-major, or null when every delay is 1. */
  final int[] recurrentDelays;
  /** Pending-current slots R: {@code max(1, maxDelay) + 1} with delays or recurrence, else 1. */
  final int ring;

  CompiledFloatLayer(FloatLayer f) {
    layer = f;
    in = f.inputSize();
    size = f.size();
    leak = f.leak();
    threshold = f.threshold();
    subtractReset = f.reset() == ResetMode.SUBTRACT;
    boolean delays = f.axonalDelays() != null || f.synapticDelays() != null || f.isRecurrent();
    ring = delays ? Math.max(1, f.maxDelay()) + 1 : 1;
    weights = transpose(f.weights(), in, size, "weights");
    int[] ax = f.axonalDelays();
    int[][] syn = f.synapticDelays();
    if (ax != null && ax.length != in) {
      throw invalid("axonalDelays", "has " + ax.length + " entries, expected " + in);
    }
    if (syn != null) {
      delayMode = DelayMode.SYNAPTIC;
      checkShape(syn, size, in, "synapticDelays");
      synaptic = new int[in * size];
      for (int j = 0; j < size; j++) {
        for (int i = 0; i < in; i++) {
          synaptic[i * size + j] = offset((ax == null ? 0 : ax[i]) + syn[j][i], "delay of synapse " + i + "->" + j);
        }
      }
      axonal = null;
    } else if (ax != null) {
      delayMode = DelayMode.AXONAL;
      axonal = new int[in];
      for (int i = 0; i < in; i++) {
        axonal[i] = offset(ax[i], "axonalDelays[" + i + "]");
      }
      synaptic = null;
    } else {
      delayMode = DelayMode.NONE;
      axonal = null;
      synaptic = null;
    }
    recurrent = f.isRecurrent() ? transpose(f.recurrentWeights(), size, size, "recurrentWeights") : null;
    int[][] rd = f.recurrentDelays();
    if (recurrent != null && rd != null) {
      checkShape(rd, size, size, "recurrentDelays");
      recurrentDelays = new int[size * size];
      for (int j = 0; j < size; j++) {
        for (int k = 0; k < size; k++) {
          recurrentDelays[k * size + j] = offset(rd[j][k], "recurrentDelays[" + j + "][" + k + "]");
        }
      }
    } else {
      recurrentDelays = null;
    }
  }

  /** The ring offset of a delay: {@code d mod R}, which selects the same slot as {@code d}. */
  private int offset(int delay, String what) {
    if (delay < 0) {
      throw invalid(what, "is negative (" + delay + ")");
    }
    return delay % ring;
  }

  /** {@code m[post][pre]} to a flat pre-major array. */
  private double[] transpose(double[][] m, int pre, int post, String field) {
    checkShape(m, post, pre, field);
    double[] t = new double[pre * post];
    for (int j = 0; j < post; j++) {
      double[] row = m[j];
      for (int i = 0; i < pre; i++) {
        t[i * post + j] = row[i];
      }
    }
    return t;
  }

  private void checkShape(Object[] m, int rows, int cols, String field) {
    if (m.length != rows) {
      throw invalid(field, "has " + m.length + " rows, expected " + rows);
    }
    for (int j = 0; j < rows; j++) {
      int len = m[j] instanceof int[] a ? a.length : ((double[]) m[j]).length;
      if (len != cols) {
        throw invalid(field + "[" + j + "]", "has " + len + " entries, expected " + cols);
      }
    }
  }

  private IllegalArgumentException invalid(String field, String problem) {
    return new IllegalArgumentException("layer '" + layer.name() + "': " + field + " " + problem);
  }
}
