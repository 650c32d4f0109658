package dev.spikeforge.compiler.quantize;

import dev.spikeforge.golden.numerics.Rounding;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.SpecException;
import java.util.Collections;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * What the {@link Quantizer} does to each layer. Immutable and validated; the override maps are
 * copied into sorted, unmodifiable maps (so iteration order, and anything written from them, is
 * deterministic). Layer names in the overrides are checked against the network when it is
 * quantized: a name that matches no layer is an error, not a silent no-op.
 *
 * @param weightWidth signed weight width of every DENSE layer without an override, 2..16
 * @param weightWidthOverrides per-layer weight widths by layer name (DENSE layers only), 2..16
 * @param membraneWidth membrane width of every layer without an override: fixed bits or auto
 * @param membraneWidthOverrides per-layer membrane widths by layer name
 * @param weightRounding rounding of {@code s · w} to the integer weight (DENSE layers)
 * @param scaleStrategy how each DENSE layer's scale {@code s} is chosen
 * @param thresholdRounding rounding of {@code s · threshold} to the integer threshold
 * @param binarizedAlphas per-layer magnitude {@code alpha} of BINARIZED layers by layer name; a
 *     BINARIZED layer without an entry uses the mean {@code |w|} of its weights
 */
public record QuantizationConfig(
    int weightWidth,
    Map<String, Integer> weightWidthOverrides,
    MembraneWidth membraneWidth,
    Map<String, MembraneWidth> membraneWidthOverrides,
    Rounding weightRounding,
    ScaleStrategy scaleStrategy,
    Rounding thresholdRounding,
    Map<String, Double> binarizedAlphas) {

  public QuantizationConfig {
    checkWeightWidth(weightWidth, "weightWidth");
    weightWidthOverrides = sortedCopy(weightWidthOverrides, "weightWidthOverrides",
        (e) -> checkWeightWidth(e.getValue(), "weightWidthOverrides." + e.getKey()));
    SpecException.check(membraneWidth != null, "membraneWidth", "missing; a bit count or auto");
    membraneWidthOverrides = sortedCopy(membraneWidthOverrides, "membraneWidthOverrides",
        (e) -> SpecException.check(e.getValue() != null, "membraneWidthOverrides." + e.getKey(), "missing"));
    SpecException.check(weightRounding != null, "weightRounding", "missing; one of " + roundings());
    SpecException.check(scaleStrategy != null, "scaleStrategy", "missing");
    SpecException.check(thresholdRounding != null, "thresholdRounding", "missing; one of " + roundings());
    binarizedAlphas = sortedCopy(binarizedAlphas, "binarizedAlphas", (e) -> SpecException.check(
        e.getValue() != null && e.getValue() > 0 && Double.isFinite(e.getValue()), "binarizedAlphas." + e.getKey(),
        e.getValue() + " must be a positive, finite magnitude"));
  }

  /**
   * {@code width}-bit weights, auto membrane width, round half to even, MAX_ABS scale: the
   * general-purpose starting point.
   */
  public static QuantizationConfig of(int width) {
    return new QuantizationConfig(width, Map.of(), MembraneWidth.auto(), Map.of(), Rounding.HALF_EVEN,
        ScaleStrategy.maxAbs(), Rounding.HALF_EVEN, Map.of());
  }

  /** Preset: 4-bit weights, 16-bit membranes, HALF_EVEN rounding, MAX_ABS scale. */
  public static QuantizationConfig w4m16() {
    return of(4).withMembraneWidth(MembraneWidth.fixed(16));
  }

  /** Preset: 8-bit weights, 16-bit membranes, HALF_EVEN rounding, MAX_ABS scale. */
  public static QuantizationConfig w8m16() {
    return of(8).withMembraneWidth(MembraneWidth.fixed(16));
  }

  /** Preset: 8-bit weights, automatic membrane widths, HALF_EVEN rounding, MAX_ABS scale. */
  public static QuantizationConfig w8auto() {
    return of(8);
  }

  /** Weight width of the DENSE layer {@code layer}. */
  public int weightWidthOf(String layer) {
    return weightWidthOverrides.getOrDefault(layer, weightWidth);
  }

  /** Membrane width setting of the layer {@code layer}. */
  public MembraneWidth membraneWidthOf(String layer) {
    return membraneWidthOverrides.getOrDefault(layer, membraneWidth);
  }

  /** The given alpha of the BINARIZED layer {@code layer}, if any. */
  public OptionalDouble binarizedAlphaOf(String layer) {
    Double a = binarizedAlphas.get(layer);
    return a == null ? OptionalDouble.empty() : OptionalDouble.of(a);
  }

  public QuantizationConfig withWeightWidth(int width) {
    return new QuantizationConfig(width, weightWidthOverrides, membraneWidth, membraneWidthOverrides,
        weightRounding, scaleStrategy, thresholdRounding, binarizedAlphas);
  }

  public QuantizationConfig withWeightWidth(String layer, int width) {
    return new QuantizationConfig(weightWidth, with(weightWidthOverrides, layer, width), membraneWidth,
        membraneWidthOverrides, weightRounding, scaleStrategy, thresholdRounding, binarizedAlphas);
  }

  public QuantizationConfig withMembraneWidth(MembraneWidth width) {
    return new QuantizationConfig(weightWidth, weightWidthOverrides, width, membraneWidthOverrides,
        weightRounding, scaleStrategy, thresholdRounding, binarizedAlphas);
  }

  public QuantizationConfig withMembraneWidth(String layer, MembraneWidth width) {
    return new QuantizationConfig(weightWidth, weightWidthOverrides, membraneWidth,
        with(membraneWidthOverrides, layer, width), weightRounding, scaleStrategy, thresholdRounding, binarizedAlphas);
  }

  public QuantizationConfig withWeightRounding(Rounding rounding) {
    return new QuantizationConfig(weightWidth, weightWidthOverrides, membraneWidth, membraneWidthOverrides,
        rounding, scaleStrategy, thresholdRounding, binarizedAlphas);
  }

  public QuantizationConfig withScaleStrategy(ScaleStrategy strategy) {
    return new QuantizationConfig(weightWidth, weightWidthOverrides, membraneWidth, membraneWidthOverrides,
        weightRounding, strategy, thresholdRounding, binarizedAlphas);
  }

  public QuantizationConfig withThresholdRounding(Rounding rounding) {
    return new QuantizationConfig(weightWidth, weightWidthOverrides, membraneWidth, membraneWidthOverrides,
        weightRounding, scaleStrategy, rounding, binarizedAlphas);
  }

  public QuantizationConfig withBinarizedAlpha(String layer, double alpha) {
    return new QuantizationConfig(weightWidth, weightWidthOverrides, membraneWidth, membraneWidthOverrides,
        weightRounding, scaleStrategy, thresholdRounding, with(binarizedAlphas, layer, alpha));
  }

  private static void checkWeightWidth(Integer width, String field) {
    SpecException.check(width != null, field, "missing");
    SpecException.inRange(width, 2, LayerSpec.MAX_WEIGHT_WIDTH, field, "signed DENSE weight bits");
  }

  private static <V> SortedMap<String, V> sortedCopy(
      Map<String, V> map, String field, Consumer<Map.Entry<String, V>> check) {
    SpecException.check(map != null, field, "missing; use an empty map for no overrides");
    TreeMap<String, V> copy = new TreeMap<>();
    for (Map.Entry<String, V> e : map.entrySet()) {
      SpecException.check(
          e.getKey() != null && e.getKey().matches("[A-Za-z][A-Za-z0-9_]*"), field,
          "'" + e.getKey() + "' is not a layer name");
      check.accept(e);
      copy.put(e.getKey(), e.getValue());
    }
    return Collections.unmodifiableSortedMap(copy);
  }

  private static <V> Map<String, V> with(Map<String, V> map, String key, V value) {
    TreeMap<String, V> copy = new TreeMap<>(map);
    copy.put(key, value);
    return copy;
  }

  private static String roundings() {
    return java.util.Arrays.toString(Rounding.values());
  }
}
