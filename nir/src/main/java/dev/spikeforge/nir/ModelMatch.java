package dev.spikeforge.nir;

import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.network.FloatNetwork;

/**
 * Whether the spikeforge network carried in a NIR file's metadata computes what the file's graph
 * says (read with the same discretisation): same layers and sizes, same reset, leaks, thresholds
 * and weights within a relative {@value #TOLERANCE} (the rounding of tau and r through the file),
 * and the same total delay on every synapse with a non-zero weight. Only then is the metadata's
 * exact network used; the graph always decides what is computed.
 */
final class ModelMatch {
  static final double TOLERANCE = 1e-9;

  private ModelMatch() {}

  /** Null when they match, else the first difference. */
  static String difference(FloatNetwork meta, FloatNetwork graph) {
    if (meta.inputSize() != graph.inputSize()) {
      return "inputSize " + meta.inputSize() + " vs " + graph.inputSize();
    }
    if (meta.layers().size() != graph.layers().size()) {
      return meta.layers().size() + " layers vs " + graph.layers().size();
    }
    for (int l = 0; l < meta.layers().size(); l++) {
      String d = difference(meta.layers().get(l), graph.layers().get(l));
      if (d != null) {
        return "layer '" + meta.layers().get(l).name() + "': " + d;
      }
    }
    return null;
  }

  private static String difference(FloatLayer a, FloatLayer b) {
    if (a.size() != b.size() || a.inputSize() != b.inputSize()) {
      return "shape " + a.size() + "x" + a.inputSize() + " vs " + b.size() + "x" + b.inputSize();
    }
    if (a.reset() != b.reset()) {
      return "reset " + a.reset() + " vs " + b.reset();
    }
    if (!close(a.leak(), b.leak())) {
      return "leak " + a.leak() + " vs " + b.leak();
    }
    if (!close(a.threshold(), b.threshold())) {
      return "threshold " + a.threshold() + " vs " + b.threshold();
    }
    for (int j = 0; j < a.size(); j++) {
      for (int i = 0; i < a.inputSize(); i++) {
        double wa = a.weights()[j][i];
        if (!close(wa, b.weights()[j][i])) {
          return "weights[" + j + "][" + i + "] " + wa + " vs " + b.weights()[j][i];
        }
        if (wa != 0 && a.delay(j, i) != b.delay(j, i)) {
          return "delay of synapse [" + j + "][" + i + "] " + a.delay(j, i) + " vs " + b.delay(j, i);
        }
      }
    }
    if (a.isRecurrent() != b.isRecurrent()) {
      return a.isRecurrent() ? "recurrent vs not" : "not recurrent vs recurrent";
    }
    if (a.isRecurrent()) {
      for (int j = 0; j < a.size(); j++) {
        for (int k = 0; k < a.size(); k++) {
          double wa = a.recurrentWeights()[j][k];
          if (!close(wa, b.recurrentWeights()[j][k])) {
            return "recurrentWeights[" + j + "][" + k + "] " + wa + " vs " + b.recurrentWeights()[j][k];
          }
          if (wa != 0 && a.recurrentDelay(j, k) != b.recurrentDelay(j, k)) {
            return "recurrent delay [" + j + "][" + k + "] " + a.recurrentDelay(j, k) + " vs " + b.recurrentDelay(j, k);
          }
        }
      }
    }
    return null;
  }

  private static boolean close(double a, double b) {
    return Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
  }
}
