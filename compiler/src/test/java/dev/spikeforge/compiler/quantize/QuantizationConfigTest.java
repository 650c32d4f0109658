package dev.spikeforge.compiler.quantize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.numerics.Rounding;
import dev.spikeforge.golden.spec.SpecException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class QuantizationConfigTest {

  @Test
  void presets() {
    QuantizationConfig c = QuantizationConfig.w4m16();
    assertEquals(4, c.weightWidth());
    assertEquals(MembraneWidth.fixed(16), c.membraneWidth());
    assertEquals(Rounding.HALF_EVEN, c.weightRounding());
    assertEquals(Rounding.HALF_EVEN, c.thresholdRounding());
    assertEquals(ScaleStrategy.maxAbs(), c.scaleStrategy());
    assertEquals(8, QuantizationConfig.w8m16().weightWidth());
    assertEquals(MembraneWidth.auto(), QuantizationConfig.w8auto().membraneWidth());
  }

  @Test
  void withersReturnNewConfigsAndOverridesResolvePerLayer() {
    QuantizationConfig base = QuantizationConfig.w8m16();
    QuantizationConfig c = base.withWeightWidth("a", 4).withMembraneWidth("a", MembraneWidth.auto())
        .withBinarizedAlpha("b", 0.5).withThresholdRounding(Rounding.HALF_UP);
    assertEquals(QuantizationConfig.w8m16(), base);
    assertEquals(4, c.weightWidthOf("a"));
    assertEquals(8, c.weightWidthOf("other"));
    assertEquals(MembraneWidth.auto(), c.membraneWidthOf("a"));
    assertEquals(MembraneWidth.fixed(16), c.membraneWidthOf("other"));
    assertEquals(OptionalDouble.of(0.5), c.binarizedAlphaOf("b"));
    assertEquals(OptionalDouble.empty(), c.binarizedAlphaOf("a"));
    assertEquals(Rounding.HALF_UP, c.thresholdRounding());
  }

  @Test
  void overrideMapsAreSortedCopies() {
    Map<String, Integer> m = new HashMap<>();
    m.put("zeta", 4);
    m.put("alpha", 6);
    m.put("mid", 3);
    QuantizationConfig c = new QuantizationConfig(8, m, MembraneWidth.auto(), Map.of(), Rounding.FLOOR,
        ScaleStrategy.maxAbs(), Rounding.FLOOR, Map.of());
    m.put("late", 5);
    assertEquals(List.of("alpha", "mid", "zeta"), List.copyOf(c.weightWidthOverrides().keySet()));
    assertThrows(UnsupportedOperationException.class, () -> c.weightWidthOverrides().put("x", 2));
  }

  @Test
  void invalidValuesNameTheirField() {
    assertEquals("weightWidth", assertThrows(SpecException.class, () -> QuantizationConfig.of(1)).field());
    assertEquals("weightWidth", assertThrows(SpecException.class, () -> QuantizationConfig.of(17)).field());
    assertEquals("weightWidthOverrides.a",
        assertThrows(SpecException.class, () -> QuantizationConfig.of(8).withWeightWidth("a", 20)).field());
    assertEquals("weightWidthOverrides",
        assertThrows(SpecException.class, () -> QuantizationConfig.of(8).withWeightWidth("1a", 4)).field());
    assertEquals("binarizedAlphas.b",
        assertThrows(SpecException.class, () -> QuantizationConfig.of(8).withBinarizedAlpha("b", 0)).field());
    assertEquals("binarizedAlphas.b", assertThrows(SpecException.class,
        () -> QuantizationConfig.of(8).withBinarizedAlpha("b", Double.POSITIVE_INFINITY)).field());
    assertEquals("membraneWidth", assertThrows(SpecException.class, () -> MembraneWidth.fixed(1)).field());
    assertEquals("membraneWidth", assertThrows(SpecException.class, () -> MembraneWidth.fixed(33)).field());
    assertEquals("membraneWidth", assertThrows(SpecException.class, () -> new MembraneWidth(true, 8)).field());
    assertEquals("scaleStrategy.percentile",
        assertThrows(SpecException.class, () -> ScaleStrategy.percentile(0)).field());
    assertEquals("scaleStrategy.percentile",
        assertThrows(SpecException.class, () -> ScaleStrategy.percentile(100.5)).field());
    assertEquals("scaleStrategy.percentile", assertThrows(SpecException.class,
        () -> new ScaleStrategy(ScaleStrategy.Kind.MAX_ABS, 99)).field());
    SpecException e = assertThrows(SpecException.class, () -> QuantizationConfig.of(8).withWeightRounding(null));
    assertEquals("weightRounding", e.field());
    assertTrue(e.getMessage().contains("HALF_EVEN"), e.getMessage());
  }

  @Test
  void scaleStrategies() {
    double[] mags = {0.1, 0.2, 0.3, 0.4, 0.5, 4.0};
    assertEquals(127 / 4.0, ScaleStrategy.maxAbs().scale(mags, 8));
    assertEquals(16.0, ScaleStrategy.powerOfTwo().scale(mags, 8)); // 31.75 -> 16
    assertEquals(7 / 0.5, ScaleStrategy.percentile(80).scale(mags, 4));
    assertEquals(7 / 4.0, ScaleStrategy.percentile(100).scale(mags, 4));
    assertEquals(7 / 0.1, ScaleStrategy.percentile(1).scale(mags, 4));
    assertEquals(0.5, ScaleStrategy.powerOfTwo().scale(new double[] {8.0}, 4)); // 7/8 -> 1/2
    assertEquals(1.0, ScaleStrategy.powerOfTwo().scale(new double[] {7.0}, 4));
    assertEquals("PERCENTILE(99.9)", ScaleStrategy.percentile(99.9).toString());
  }
}
