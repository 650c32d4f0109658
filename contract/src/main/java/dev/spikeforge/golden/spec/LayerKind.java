package dev.spikeforge.golden.spec;

/** The synapse arithmetic of a layer. */
public enum LayerKind {
  /** Multi-bit signed weights; the input current is the exact sum of the weights of the inputs that spiked. */
  DENSE,
  /**
   * 1-bit weights b in {0,1} standing for {-1,+1}: the input current is {@code 2·popcount(s AND b) -
   * popcount(s)}; any real scale factor is folded into the threshold.
   */
  BINARIZED
}
