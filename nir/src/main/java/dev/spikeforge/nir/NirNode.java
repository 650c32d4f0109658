package dev.spikeforge.nir;

import java.util.Map;

/**
 * One node of a NIR graph: its name, its primitive type ({@code LIF}, {@code Linear}, ...), its
 * numeric parameters by field name and its metadata (strings and {@link NirArray}s).
 */
record NirNode(String name, String type, Map<String, NirArray> params, Map<String, Object> metadata) {
  NirNode {
    params = Map.copyOf(params);
    metadata = Map.copyOf(metadata);
  }

  boolean has(String field) {
    return params.containsKey(field);
  }

  NirArray param(String field) {
    NirArray a = params.get(field);
    if (a == null) {
      throw NirException.at(this, "the parameter '" + field + "' is missing");
    }
    return a;
  }

  /**
   * A per-neuron parameter as a vector of {@code n} values: a scalar or one-element array is
   * broadcast, any other length but {@code n} is an error naming the field.
   */
  double[] vector(String field, int n) {
    NirArray a = param(field);
    if (a.size() == n) {
      return a.data().clone();
    }
    if (a.size() == 1) {
      double[] v = new double[n];
      java.util.Arrays.fill(v, a.data()[0]);
      return v;
    }
    throw NirException.at(this, "'" + field + "' has shape " + a.shapeText() + ", expected " + n
        + " values (one per neuron) or one");
  }

  /** The parameter, or {@code fallback} broadcast to {@code n} values when it is absent. */
  double[] vectorOr(String field, int n, double fallback) {
    if (!has(field)) {
      double[] v = new double[n];
      java.util.Arrays.fill(v, fallback);
      return v;
    }
    return vector(field, n);
  }
}
