package dev.spikeforge.nir;

/**
 * NIR's reference discretisation of a CubaLIF layer ({@code nir/paper/03_rnn/extras/debug_CubaLIF/
 * nir_reference_impl.py} in the NIR repository, forward Euler), transcribed for the tests:
 *
 * <pre>
 *   I' = I + dt/tau_syn (-I + w_in x);  v' = v + dt/tau_mem (v_leak - v + r I);  z = v' > thr;  v' -= z thr
 * </pre>
 *
 * (the membrane integrates the current of the previous step), with recurrent input {@code W_rec
 * z[t-1]}, as the Braille network runs it.
 */
final class CubaLifReference {
  final int n;
  final double dt;
  final double tauSyn;
  final double tauMem;
  final double r;
  final double wIn;
  final double threshold;
  final double[] current;
  final double[] v;
  boolean[] z;

  CubaLifReference(NirNode node, double dt) {
    n = node.param("v_threshold").size();
    this.dt = dt;
    tauSyn = node.param("tau_syn").data()[0];
    tauMem = node.param("tau_mem").data()[0];
    r = node.param("r").data()[0];
    wIn = node.has("w_in") ? node.param("w_in").data()[0] : 1;
    threshold = node.param("v_threshold").data()[0];
    current = new double[n];
    v = new double[n];
    z = new boolean[n];
  }

  /** One step on input currents {@code x}; returns the spikes. */
  boolean[] step(double[] x) {
    boolean[] out = new boolean[n];
    for (int j = 0; j < n; j++) {
      double last = current[j];
      current[j] = last + dt / tauSyn * (-last + wIn * x[j]);
      v[j] = v[j] + dt / tauMem * (0 - v[j] + r * last);
      out[j] = v[j] > threshold;
      if (out[j]) {
        v[j] -= threshold;
      }
    }
    z = out;
    return out;
  }

  /** {@code W s} for a weight node's matrix and a spike vector. */
  static double[] times(NirArray w, boolean[] s) {
    int rows = w.shape()[0];
    int cols = w.shape()[1];
    double[] out = new double[rows];
    for (int j = 0; j < rows; j++) {
      double sum = 0;
      for (int i = 0; i < cols; i++) {
        if (s[i]) {
          sum += w.at(j, i);
        }
      }
      out[j] = sum;
    }
    return out;
  }
}
