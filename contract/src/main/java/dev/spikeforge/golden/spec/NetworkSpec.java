package dev.spikeforge.golden.spec;

import dev.spikeforge.golden.numerics.NumericsContract;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An integer spiking network: the hardware-facing contract. Layers run in order within each time
 * step; layer {@code l} reads layer {@code l-1}'s spikes of the same step (delay 0) or older ones
 * through its delays.
 *
 * @param name identifier of the network
 * @param numericsVersion the {@link NumericsContract#VERSION} the network was made for
 * @param inputSize number of input channels
 * @param timesteps T, steps per sample, 1..65535
 * @param layers at least one; the last one is the output layer
 * @param readout how the output layer's spikes become a decision
 * @param encoder the spike encoder of the network's input ({@link EncoderSpec#DEFAULT}, plain rate coding, when
 *     the file has none): the hardware sees only spikes, so the model carries how they are made
 */
public record NetworkSpec(String name, int numericsVersion, int inputSize, int timesteps, List<LayerSpec> layers,
    ReadoutSpec readout, EncoderSpec encoder) {

  /** Most layers a network may have (a cap that keeps a malformed file from exhausting memory). */
  public static final int MAX_LAYERS = 1024;

  public NetworkSpec {
    SpecException.check(
        name != null && name.matches("[A-Za-z][A-Za-z0-9_]*"), "name",
        "'" + name + "' must start with a letter and hold only letters, digits and '_'");
    SpecException.check(
        numericsVersion == NumericsContract.VERSION, "numericsVersion",
        numericsVersion + " is not supported; this spikeforge implements numerics contract version "
            + NumericsContract.VERSION);
    SpecException.inRange(inputSize, 1, LayerSpec.MAX_NEURONS, "inputSize", "");
    SpecException.inRange(timesteps, 1, 65535, "timesteps", "");
    SpecException.check(layers != null && !layers.isEmpty(), "layers", "at least one layer is required");
    SpecException.check(layers.size() <= MAX_LAYERS, "layers", layers.size() + " layers; at most " + MAX_LAYERS);
    layers = List.copyOf(layers);
    Map<String, Integer> names = new HashMap<>();
    int expected = inputSize;
    for (int l = 0; l < layers.size(); l++) {
      LayerSpec layer = layers.get(l);
      SpecException.check(
          layer.inputSize() == expected, "layers[" + l + "].inputSize",
          layer.inputSize() + " does not match the " + (l == 0 ? "network inputSize" : "size of layers[" + (l - 1) + "]")
              + " = " + expected);
      Integer first = names.putIfAbsent(layer.name(), l);
      SpecException.check(first == null, "layers[" + l + "].name",
          "'" + layer.name() + "' is used twice (also layers[" + first + "].name)");
      expected = layer.size();
    }
    SpecException.check(readout != null, "readout", "missing");
    SpecException.check(encoder != null, "encoder", "missing; " + EncoderSpec.DEFAULT + " is the default");
  }

  /** A network coded with {@link EncoderSpec#DEFAULT} (rate coding). */
  public NetworkSpec(
      String name, int numericsVersion, int inputSize, int timesteps, List<LayerSpec> layers, ReadoutSpec readout) {
    this(name, numericsVersion, inputSize, timesteps, layers, readout, EncoderSpec.DEFAULT);
  }

  /** The same network with input encoder {@code e}. */
  public NetworkSpec withEncoder(EncoderSpec e) {
    return new NetworkSpec(name, numericsVersion, inputSize, timesteps, layers, readout, e);
  }

  public LayerSpec outputLayer() {
    return layers.get(layers.size() - 1);
  }

  public int outputSize() {
    return outputLayer().size();
  }

  /** Total number of weights. */
  public long weightCount() {
    return layers.stream().mapToLong(LayerSpec::weightCount).sum();
  }

  /** Total weight storage in bits. */
  public long weightBits() {
    return layers.stream().mapToLong(LayerSpec::weightBits).sum();
  }
}
