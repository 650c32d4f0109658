package dev.spikeforge.golden.train.threefactor;

/**
 * Learned parameters of a network: weights (feedforward, recurrent, output) and delays (axonal:
 * one per input; synaptic: one per input synapse and, if recurrent, per recurrent synapse).
 */
public record ParameterCount(long weights, long delays) {
  public long total() {
    return weights + delays;
  }

  /** Counts for a shape with {@code inputs} channels and {@code classes} outputs. */
  public static ParameterCount of(NetworkShape s, int inputs, int classes) {
    long h = s.hidden();
    long w = h * inputs + (s.recurrent() ? h * h : 0) + h * classes;
    long d = switch (s.delayMode()) {
      case NONE -> 0;
      case AXONAL -> inputs;
      case SYNAPTIC -> h * inputs + (s.recurrent() ? h * h : 0);
    };
    return new ParameterCount(w, d);
  }
}
