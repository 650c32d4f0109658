package dev.spikeforge.golden.sim;

import dev.spikeforge.golden.network.FloatNetwork;

/**
 * A float network prepared once for event-driven simulation (weights transposed source-major,
 * delays as ring offsets); immutable, shared by any number of {@link FloatSimulator}s, one per
 * thread.
 */
public final class CompiledFloatNetwork {
  final FloatNetwork net;
  final CompiledFloatLayer[] layers;

  /**
   * Compiles {@code net}.
   *
   * @throws IllegalArgumentException if a weight or delay array has the wrong shape or a delay is
   *     negative (naming the layer and the field)
   */
  public CompiledFloatNetwork(FloatNetwork net) {
    this.net = net;
    this.layers = net.layers().stream().map(CompiledFloatLayer::new).toArray(CompiledFloatLayer[]::new);
  }

  public FloatNetwork network() {
    return net;
  }

  /**
   * Whether {@link FloatSimulator} adds the first layer's input by spike-train groups (same bits as
   * one row per spike: the layer's currents are exact in any order, see {@code
   * CompiledFloatLayer.exactCurrents}).
   */
  public boolean firstLayerGroupable() {
    return FloatSimulator.groupable(this);
  }
}
