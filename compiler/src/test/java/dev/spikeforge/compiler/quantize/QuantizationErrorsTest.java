package dev.spikeforge.compiler.quantize;

import static dev.spikeforge.compiler.quantize.TestNets.binarized;
import static dev.spikeforge.compiler.quantize.TestNets.dense;
import static dev.spikeforge.compiler.quantize.TestNets.network;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.ResetMode;
import dev.spikeforge.golden.spec.SpecException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every error names the field or layer and says what would fix it. */
@Tag("unit")
class QuantizationErrorsTest {
  static final double[][] W = QuantizerExamplesTest.W;

  private static SpecException fails(Executable e) {
    return assertThrows(SpecException.class, e);
  }

  private static void assertMentions(SpecException e, String... parts) {
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), "'" + p + "' missing from: " + e.getMessage());
    }
  }

  @Test
  void allZeroWeightsHaveNoScale() {
    FloatNetwork net = network(dense("input", W, 1.0, 1.0), dense("dead", new double[2][2], 1.0, 1.0));
    SpecException e = fails(() -> Quantizer.quantize(net, QuantizationConfig.w8m16()));
    assertEquals("layers[1].weights", e.field());
    assertMentions(e, "layer 'dead'", "all its weights are zero", "remove it");
  }

  @Test
  void allZeroBinarizedWeightsSuggestAGivenAlpha() {
    FloatNetwork net = network(binarized("bin", new double[2][3], 1.0, 1.0));
    SpecException e = fails(() -> Quantizer.quantize(net, QuantizationConfig.w8m16()));
    assertEquals("layers[0].weights", e.field());
    assertMentions(e, "layer 'bin'", "alpha", "binarizedAlphas");
  }

  @Test
  void thresholdTooBigForTheFixedMembraneSaysByHowMuch() {
    // s = 127, threshold 1000 -> 127000 needs 18 bits; 16-bit membrane max 32767
    FloatNetwork net = network(dense("hidden", W, 1000.0, 1.0));
    SpecException e = fails(() -> Quantizer.quantize(net, QuantizationConfig.w8m16()));
    assertEquals("layers[0].neuron.threshold", e.field());
    assertMentions(e, "layer 'hidden'", "127000", "18-bit", "membrane width is 16", "2 bit(s) short",
        "by 94233", "18 or more", "auto", "lower this layer's weight width");
    // the fixes work
    Quantizer.quantize(net, QuantizationConfig.w8m16().withMembraneWidth("hidden", MembraneWidth.fixed(18)));
    Quantizer.quantize(net, QuantizationConfig.w8auto());
  }

  @Test
  void thresholdTooBigForAnyMembrane() {
    FloatNetwork net = network(dense("hidden", W, 1e9, 1.0));
    SpecException e = fails(() -> Quantizer.quantize(net, QuantizationConfig.of(16)));
    assertEquals("layers[0].neuron.threshold", e.field());
    assertMentions(e, "layer 'hidden'", "widest membrane (32 bits)");
  }

  @Test
  void binarizedThresholdTooBigSuggestsALargerAlpha() {
    FloatNetwork net = network(binarized("bin", W, 1e6, 1.0));
    SpecException e = fails(() -> Quantizer.quantize(net, QuantizationConfig.w8m16()));
    assertMentions(e, "layer 'bin'", "larger alpha");
  }

  @Test
  void overrideForAnUnknownLayer() {
    FloatNetwork net = network(dense("hidden", W, 1.0, 1.0));
    SpecException e = fails(() -> Quantizer.quantize(net, QuantizationConfig.w8m16().withWeightWidth("hiden", 4)));
    assertEquals("weightWidthOverrides.hiden", e.field());
    assertMentions(e, "no layer named 'hiden'", "[hidden]");
    e = fails(() -> Quantizer.quantize(net, QuantizationConfig.w8m16().withMembraneWidth("x", MembraneWidth.auto())));
    assertEquals("membraneWidthOverrides.x", e.field());
    e = fails(() -> Quantizer.quantize(net, QuantizationConfig.w8m16().withBinarizedAlpha("y", 1)));
    assertEquals("binarizedAlphas.y", e.field());
  }

  @Test
  void overridesOfTheWrongKind() {
    FloatNetwork net = network(dense("d", W, 1.0, 1.0), binarized("b", new double[][] {{1, -1}}, 1.0, 1.0));
    SpecException e = fails(() -> Quantizer.quantize(net, QuantizationConfig.w8m16().withWeightWidth("b", 4)));
    assertEquals("weightWidthOverrides.b", e.field());
    assertMentions(e, "BINARIZED", "remove this override");
    e = fails(() -> Quantizer.quantize(net, QuantizationConfig.w8m16().withBinarizedAlpha("d", 0.5)));
    assertEquals("binarizedAlphas.d", e.field());
    assertMentions(e, "DENSE");
  }

  /** A non-finite weight never reaches the quantizer: the float layer refuses it, naming it. */
  @Test
  void nonFiniteWeightIsNamed() {
    double[][] w = {{0.5, -0.25, 0.125}, {-1.0, 0.3125, Double.NaN}};
    SpecException e = fails(() -> Quantizer.quantize(network(dense("hidden", w, 1.0, 1.0)), QuantizationConfig.w8m16()));
    assertEquals("weights[1][2]", e.field());
    assertMentions(e, "NaN", "finite");
  }

  @Test
  void tinyWeightsHaveNoFiniteScale() {
    double[][] w = {{Double.MIN_VALUE, 0, 0}};
    SpecException e = fails(() -> Quantizer.quantize(network(dense("tiny", w, 1.0, 1.0)), QuantizationConfig.w8m16()));
    assertEquals("layers[0].weights", e.field());
    assertMentions(e, "layer 'tiny'", "too small");
  }

  @Test
  void specValidationErrorsAreRootedAtTheLayer() {
    // 65,535 inputs + 2 recurrent synapses x 16-bit weights can overflow a 32-bit synaptic sum (65,536
    // feed-forward ones fit exactly): LayerSpec refuses it, naming the recurrent weights
    int inputs = 65535;
    double[][] w = new double[2][inputs];
    w[0][0] = 1;
    FloatLayer wide = new FloatLayer("wide", LayerKind.DENSE, inputs, 2, 1.0, 1.0, ResetMode.SUBTRACT, w, 0, null,
        null, new double[][] {{0, 1}, {1, 0}}, null);
    SpecException e = fails(() -> Quantizer.quantize(network(wide), QuantizationConfig.of(16)));
    assertEquals("layers[0].recurrentWeights", e.field());
    assertMentions(e, "layer 'wide'", "32-bit synaptic sum");
  }
}
