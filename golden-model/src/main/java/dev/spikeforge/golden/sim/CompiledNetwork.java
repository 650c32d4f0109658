package dev.spikeforge.golden.sim;

import dev.spikeforge.golden.spec.NetworkSpec;

/** A network prepared once for event-driven simulation; shared by any number of simulators. */
public final class CompiledNetwork {
  final NetworkSpec spec;
  final CompiledLayer[] layers;

  public CompiledNetwork(NetworkSpec spec) {
    this.spec = spec;
    this.layers = spec.layers().stream().map(CompiledLayer::new).toArray(CompiledLayer[]::new);
  }

  public NetworkSpec spec() {
    return spec;
  }
}
