package dev.spikeforge.compiler.quantize;

import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The read-only analysis of a quantization: per layer the scale, weight format, threshold before
 * and after, weight errors, clipped weights, leak error and membrane width, and the total weight
 * memory. Integers are read from the quantized network itself; the scales are recomputed from the
 * float network and the config by the same function the {@link Quantizer} uses.
 *
 * @param network network name
 * @param config the config the network was quantized with
 * @param layers one row per layer, in network order
 * @param totalWeightBits weight memory of the whole network in bits
 */
public record QuantizationReport(
    String network, QuantizationConfig config, List<LayerQuantization> layers, long totalWeightBits) {

  public QuantizationReport {
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(config, "config");
    layers = List.copyOf(layers);
  }

  /**
   * Measures {@code quantized} against {@code original}.
   *
   * @throws IllegalArgumentException if {@code quantized} does not have the layers (names, kinds,
   *     shapes) of {@code original}
   * @throws dev.spikeforge.golden.spec.SpecException as {@link Quantizer#quantize} does, if a scale
   *     cannot be computed (then {@code quantized} cannot have come from this config)
   */
  public static QuantizationReport analyze(FloatNetwork original, NetworkSpec quantized, QuantizationConfig config) {
    Objects.requireNonNull(original, "original");
    Objects.requireNonNull(quantized, "quantized");
    Objects.requireNonNull(config, "config");
    if (original.layers().size() != quantized.layers().size()) {
      throw new IllegalArgumentException("the quantized network has " + quantized.layers().size()
          + " layers, the float network " + original.layers().size());
    }
    List<LayerQuantization> rows = new ArrayList<>();
    for (int l = 0; l < original.layers().size(); l++) {
      FloatLayer f = original.layers().get(l);
      LayerSpec q = quantized.layers().get(l);
      if (!f.name().equals(q.name()) || f.kind() != q.kind() || f.inputSize() != q.inputSize()
          || f.size() != q.size() || f.isRecurrent() != q.isRecurrent()) {
        throw new IllegalArgumentException("layers[" + l + "]: quantized layer " + q + " does not match float layer '"
            + f.name() + "' (" + f.kind() + " " + f.inputSize() + "->" + f.size() + ")");
      }
      rows.add(LayerAnalysis.measure(f, q, LayerScale.of(l, f, config), config));
    }
    return new QuantizationReport(original.name(), config, rows, quantized.weightBits());
  }

  /** The largest relative RMS weight error of any layer. */
  public double maxWeightRelRmsError() {
    return layers.stream().mapToDouble(LayerQuantization::weightRelRmsError).max().orElse(0);
  }

  /** A fixed-width plain-text table of the report (locale-independent, deterministic). */
  public String toTable() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "quantization of '%s': %d layers, %d weight bits%n",
        network, layers.size(), totalWeightBits));
    sb.append(String.format(Locale.ROOT, "%-16s %-9s %12s %-7s %10s %10s %7s %12s %9s %10s %9s %4s %5s %9s%n",
        "layer", "kind", "scale", "format", "relRMS", "maxAbs", "clipped", "theta", "thetaInt", "thetaErr",
        "leakErr", "k", "M", "bits"));
    for (LayerQuantization r : layers) {
      sb.append(String.format(Locale.ROOT,
          "%-16s %-9s %12.6g %-7s %10.3e %10.3e %7d %12.6g %9d %10.3e %9.2e %4d %5s %9d%n",
          r.name(), r.kind(), r.scale(), r.weightFormat().shortName(), r.weightRelRmsError(),
          r.weightMaxAbsError(), r.clippedWeights(), r.threshold(), r.thresholdInt(), r.thresholdRelError(),
          r.leakError(), r.leakShift(), r.membraneWidth() + (r.membraneAuto() ? "a" : ""), r.weightBits()));
    }
    return sb.toString();
  }
}
