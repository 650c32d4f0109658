package dev.spikeforge.golden.network;

import dev.spikeforge.golden.spec.EncoderSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.ReadoutSpec;
import dev.spikeforge.golden.spec.SpecException;
import java.util.List;

/**
 * The floating-point reference model of a network (see {@link FloatLayer}); {@code encoder} is its input coding,
 * as in {@link NetworkSpec#encoder}.
 */
public record FloatNetwork(String name, int inputSize, int timesteps, List<FloatLayer> layers, ReadoutSpec readout,
    EncoderSpec encoder) {
  public FloatNetwork {
    SpecException.check(layers != null && !layers.isEmpty(), "layers", "at least one layer is required");
    layers = List.copyOf(layers);
    int expected = inputSize;
    for (int l = 0; l < layers.size(); l++) {
      SpecException.check(layers.get(l).inputSize() == expected, "layers[" + l + "].inputSize",
          layers.get(l).inputSize() + " does not match " + expected);
      expected = layers.get(l).size();
    }
    SpecException.check(timesteps >= 1, "timesteps", "must be positive");
    SpecException.check(readout != null, "readout", "missing");
    SpecException.check(encoder != null, "encoder", "missing; " + EncoderSpec.DEFAULT + " is the default");
  }

  /** A network coded with {@link EncoderSpec#DEFAULT} (rate coding). */
  public FloatNetwork(String name, int inputSize, int timesteps, List<FloatLayer> layers, ReadoutSpec readout) {
    this(name, inputSize, timesteps, layers, readout, EncoderSpec.DEFAULT);
  }

  /** The same network with input encoder {@code e}. */
  public FloatNetwork withEncoder(EncoderSpec e) {
    return new FloatNetwork(name, inputSize, timesteps, layers, readout, e);
  }

  /** The real-valued twin of an integer network. */
  public static FloatNetwork of(NetworkSpec net) {
    return new FloatNetwork(net.name(), net.inputSize(), net.timesteps(),
        net.layers().stream().map(FloatLayer::of).toList(), net.readout(), net.encoder());
  }

  public int outputSize() {
    return layers.get(layers.size() - 1).size();
  }
}
