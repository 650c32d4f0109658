package dev.spikeforge.golden.spec.hw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.numerics.Fx;
import dev.spikeforge.golden.numerics.Rounding;
import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.ReadoutMode;
import dev.spikeforge.golden.spec.SpecException;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A core with a desire learning unit ({@link HwCore#learning()}): its feedforward memories hold the
 * B + E-bit shadow words, its neurons integrate the rescaled current, and everything the unit cannot
 * learn is refused by field.
 */
@Tag("unit")
class HwLearningCoreTest {
  /** The chosen UP5K configuration: B = 8, E = (0, 8), K = 16, dropout 0.05 / 0.4. */
  static HwDesireLearning chosen() {
    return new HwDesireLearning(new int[] {0, 8}, 16, 6, 2, 1, new int[] {6, 5}, new int[] {16, 16}, 4,
        new long[] {0, 410}, new int[] {13, 102}, new int[] {269, 427}, 6);
  }

  static HwCore inference(int weightWidth) {
    HwLayer hidden = new HwLayer(LayerKind.DENSE, 784, 160, 4, weightWidth, 16, 0, DelayMode.NONE, false, false,
        SynapseMode.EVENT, 1, SynapseMode.EVENT);
    HwLayer out = new HwLayer(LayerKind.DENSE, 160, 10, 2, weightWidth, 16, 1, DelayMode.AXONAL, false, false,
        SynapseMode.EVENT, 4, SynapseMode.EVENT);
    return new HwCore(784, 1, 16, ReadoutMode.SPIKE_COUNT, 1, List.of(hidden, out));
  }

  @Test
  void anInferenceCoreHasNoLearningAndPlainLayers() {
    HwCore c = inference(8);
    assertNull(c.learning());
    assertTrue(c.layers().stream().allMatch(HwLayer::plain));
    assertEquals(8, c.layers().get(1).feedforward().weightWidth());
    assertEquals(c.layers().get(1).currentWidth(), c.layers().get(1).neuron().currentWidth());
  }

  @Test
  void feedforwardMemoriesHoldTheShadowWords() {
    HwCore c = inference(8).withLearning(chosen());
    assertEquals(chosen(), c.learning());
    HwLayer l1 = c.layers().get(1);
    assertEquals(8, l1.weightWidth(), "B, the forward weight, stays");
    assertEquals(8, l1.shadowBits());
    assertEquals(16, l1.storedWeightWidth());
    assertEquals(16, l1.feedforward().weightWidth());
    assertEquals(16, l1.feedforward().laneWord().field("weight").width());
    assertTrue(l1.feedforward().laneWord().field("weight").signed());
    HwMemory ff1 = c.memory(1, MemoryRole.FEEDFORWARD);
    assertEquals(2 * 16, ff1.width(), "2 lanes of 16-bit shadow words");
    assertEquals(4 * 8, c.memory(0, MemoryRole.FEEDFORWARD).width(), "E = 0: the shadow is the forward weight");
    // C (pending currents) is computed from B
    assertEquals(inference(8).layers().get(1).currentWidth(), l1.currentWidth());
  }

  @Test
  void theNeuronIntegratesTheRescaledCurrent() {
    HwCore c = inference(8).withLearning(chosen());
    for (int l = 0; l < 2; l++) {
      HwLayer h = c.layers().get(l);
      int scale = chosen().dropoutScales()[l];
      assertEquals(scale, h.currentScale());
      long bound = 128L * h.inputSize();
      long hi = Fx.shiftRight(bound * scale, 8, Rounding.HALF_UP);
      long lo = Fx.shiftRight(-bound * scale, 8, Rounding.HALF_UP);
      assertEquals(Fx.signedWidthFor(lo, hi), h.neuron().currentWidth());
      assertTrue(h.neuron().currentWidth() >= h.currentWidth(), "S > 256 never narrows the neuron input");
    }
    // fc2: |I| ≤ 128 · 160 = 20,480 (16 signed bits); 427/256 · 20,480 = 34,160 needs 17
    assertEquals(16, c.layers().get(1).currentWidth());
    assertEquals(17, c.layers().get(1).neuron().currentWidth());
  }

  @Test
  void learningIsPartOfEqualityAndWithLearningIsIdempotent() {
    HwCore a = inference(8).withLearning(chosen());
    HwCore b = a.withLearning(chosen());
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(inference(8), a);
    assertEquals(inference(8), a.withLearning(null));
    assertEquals(a, a.withLayers(a.layers()));
  }

  @Test
  void layersThatCarryOtherLearningFieldsAreRefused() {
    HwCore c = inference(8);
    HwLayer shadowed = c.layers().get(0).withLearning(3, 256);
    SpecException none = assertThrows(SpecException.class, () -> new HwCore(784, 1, 16, ReadoutMode.SPIKE_COUNT, 1,
        List.of(shadowed, c.layers().get(1))));
    assertTrue(none.getMessage().contains("layers[0].shadowBits") && none.getMessage().contains("no learning spec"),
        none.getMessage());
    SpecException other = assertThrows(SpecException.class, () -> new HwCore(784, 1, 16, ReadoutMode.SPIKE_COUNT, 1,
        List.of(shadowed, c.layers().get(1)), chosen()));
    assertTrue(other.getMessage().contains("layers[0].shadowBits"), other.getMessage());
  }

  @Test
  void whatTheUnitCannotLearnIsRefusedWhenTheCoreIsBuilt() {
    HwCore c = inference(8);
    SpecException ftf = assertThrows(SpecException.class, () -> new HwCore(784, 1, 16, ReadoutMode.FIRST_TO_FIRE, 3,
        c.layers(), chosen()));
    assertTrue(ftf.getMessage().contains("learning.readoutMode") && ftf.getMessage().contains("FIRST_TO_FIRE"),
        ftf.getMessage());
    HwLayer noDelay = new HwLayer(LayerKind.DENSE, 160, 10, 2, 8, 16, 0, DelayMode.NONE, false, false,
        SynapseMode.EVENT, 4, SynapseMode.EVENT);
    SpecException d = assertThrows(SpecException.class, () -> new HwCore(784, 1, 16, ReadoutMode.SPIKE_COUNT, 1,
        List.of(c.layers().get(0), noDelay), chosen()));
    assertTrue(d.getMessage().contains("layers[1].delayMode") && d.getMessage().contains("AXONAL"), d.getMessage());
    HwLayer delay3 = new HwLayer(LayerKind.DENSE, 160, 10, 2, 8, 16, 3, DelayMode.AXONAL, false, false,
        SynapseMode.EVENT, 4, SynapseMode.EVENT);
    SpecException m = assertThrows(SpecException.class, () -> new HwCore(784, 1, 16, ReadoutMode.SPIKE_COUNT, 1,
        List.of(c.layers().get(0), delay3), chosen()));
    assertTrue(m.getMessage().contains("layers[1].maxDelay"), m.getMessage());
  }

  @Test
  void dropoutScalesAreCheckedAndCopied() {
    int[] s = {269, 427};
    HwDesireLearning a = new HwDesireLearning(new int[] {0, 8}, 16, 6, 2, 1, new int[] {6, 5}, new int[] {16, 16}, 4,
        new long[] {0, 410}, new int[] {13, 102}, s, 6);
    s[0] = 300;
    assertEquals(269, a.dropoutScales()[0]);
    assertEquals(427, a.inputScale(1));
    SpecException low = assertThrows(SpecException.class, () -> new HwDesireLearning(new int[] {0, 8}, 16, 6, 2, 1,
        new int[] {6, 5}, new int[] {16, 16}, 4, new long[] {0, 410}, new int[] {13, 102}, new int[] {255, 427}, 6));
    assertTrue(low.getMessage().contains("dropoutScales[0]"), low.getMessage());
    SpecException high = assertThrows(SpecException.class, () -> new HwDesireLearning(new int[] {0, 8}, 16, 6, 2, 1,
        new int[] {6, 5}, new int[] {16, 16}, 4, new long[] {0, 410}, new int[] {13, 102}, new int[] {256, 4096}, 6));
    assertTrue(high.getMessage().contains("dropoutScales[1]"), high.getMessage());
    assertNotEquals(a, new HwDesireLearning(new int[] {0, 8}, 16, 6, 2, 1, new int[] {6, 5}, new int[] {16, 16}, 4,
        new long[] {0, 410}, new int[] {13, 102}, new int[] {269, 428}, 6));
  }
}
