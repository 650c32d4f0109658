package dev.spikeforge.cli;

import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;

/** The one-line shape of a network that several commands print, e.g. {@code 784-128-10, SPIKE_COUNT}. */
final class NetworkPrinter {
  private NetworkPrinter() {}

  /** Input size, layer sizes and readout mode of an integer network. */
  static String describe(NetworkSpec net) {
    StringBuilder sb = new StringBuilder().append(net.inputSize());
    for (LayerSpec l : net.layers()) {
      sb.append('-').append(l.size());
    }
    return sb.append(", ").append(net.readout().mode()).toString();
  }

  /** The same for a float network. */
  static String describe(FloatNetwork fl) {
    StringBuilder sb = new StringBuilder().append(fl.inputSize());
    for (FloatLayer l : fl.layers()) {
      sb.append('-').append(l.size());
    }
    return sb.append(", ").append(fl.readout().mode()).toString();
  }
}
