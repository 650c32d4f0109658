package dev.spikeforge.compiler.map;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spikeforge.golden.numerics.NumericsContract;
import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.NeuronSpec;
import dev.spikeforge.golden.spec.ReadoutSpec;
import dev.spikeforge.golden.spec.ResetMode;
import dev.spikeforge.golden.spec.hw.HwCore;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Regression: the hardware spec kept the old load check after the model's was fixed, so a layer of
 * fan-in 65,536 with 16-bit weights loaded (its exact sum fits 32 bits, docs/numerics.md §1) but
 * could not be mapped to hardware.
 */
@Tag("unit")
class FanInBoundMappingTest {
  @Test
  void fanIn65536With16BitWeightsMaps() {
    int n = LayerSpec.MAX_NEURONS;
    LayerSpec l = new LayerSpec("wide", LayerKind.DENSE, n, 2, 16, new NeuronSpec(32, 1000, 0, ResetMode.ZERO),
        new int[2][n], 0, null, null, null, null);
    NetworkSpec net = new NetworkSpec("wide", NumericsContract.VERSION, n, 1, List.of(l), ReadoutSpec.spikeCount());
    HwCore core = HwMapper.map(net, MappingOptions.lanes(2));
    // the hardware sizes C symmetrically, from ±2^15 · 65,536 = ±2^31: one bit more than the exact range needs
    assertEquals(33, core.layers().get(0).currentWidth());
  }
}
