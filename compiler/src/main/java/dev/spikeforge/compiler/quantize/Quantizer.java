package dev.spikeforge.compiler.quantize;

import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.numerics.NumericsContract;
import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.SpecException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The quantization pass: float reference model in, integer hardware contract out. Contract: the
 * result has the float network's name, input size, time steps, readout, layer names, kinds, shapes,
 * reset modes and delays; each layer {@code l} gets its own real scale {@code s_l} with integer
 * weights {@code Q(s_l · w)} (BINARIZED: {@code sign(w)} and {@code s_l = 1/alpha}), integer
 * threshold {@code max(1, Q(s_l · theta))}, the leak shift nearest its leak, and the configured or
 * automatic membrane width. Deterministic: the same inputs give an equal {@link NetworkSpec} (and
 * byte-identical JSON). The inputs are not modified. See {@code docs/quantization.md}; what the pass
 * cost is measured by {@link QuantizationReport#analyze}.
 */
public final class Quantizer {
  private Quantizer() {}

  /**
   * Quantizes {@code network} as {@code config} says.
   *
   * @throws SpecException naming the config field or the layer ({@code layers[i]}, and the layer's
   *     name in the message) when a layer cannot be represented, with what would fix it
   */
  public static NetworkSpec quantize(FloatNetwork network, QuantizationConfig config) {
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(config, "config");
    checkOverrides(network, config);
    List<LayerSpec> layers = new ArrayList<>(network.layers().size());
    for (int l = 0; l < network.layers().size(); l++) {
      layers.add(LayerQuantizer.quantize(l, network.layers().get(l), config));
    }
    return new NetworkSpec(
        network.name(), NumericsContract.VERSION, network.inputSize(), network.timesteps(), layers, network.readout(),
        network.encoder());
  }

  /** Every per-layer override must name a layer of the network, of a kind it applies to. */
  static void checkOverrides(FloatNetwork network, QuantizationConfig config) {
    List<String> names = network.layers().stream().map(FloatLayer::name).toList();
    for (String name : config.weightWidthOverrides().keySet()) {
      FloatLayer layer = find(network, names, "weightWidthOverrides", name);
      SpecException.check(layer.kind() == LayerKind.DENSE, "weightWidthOverrides." + name,
          "layer '" + name + "' is BINARIZED and stores 1-bit weights; remove this override");
    }
    for (String name : config.membraneWidthOverrides().keySet()) {
      find(network, names, "membraneWidthOverrides", name);
    }
    for (String name : config.binarizedAlphas().keySet()) {
      FloatLayer layer = find(network, names, "binarizedAlphas", name);
      SpecException.check(layer.kind() == LayerKind.BINARIZED, "binarizedAlphas." + name,
          "layer '" + name + "' is DENSE; alpha applies to BINARIZED layers only; remove this entry");
    }
  }

  private static FloatLayer find(FloatNetwork network, List<String> names, String field, String name) {
    int i = names.indexOf(name);
    if (i < 0) {
      throw new SpecException(field + "." + name,
          "no layer named '" + name + "' in network '" + network.name() + "'; its layers are " + names);
    }
    return network.layers().get(i);
  }
}
