package dev.spikeforge.golden.spec.hw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.ReadoutMode;
import dev.spikeforge.golden.spec.SpecException;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The desire learning unit's spec: its widths (docs/learning.md §3.1), what it refuses, what it stores. */
@Tag("unit")
class HwDesireLearningTest {
  /** 784-128-10, 4-bit weights, 16-bit membranes, T = 16, D = 1 between the layers. */
  static HwCore fashionCore(boolean recurrentHidden, LayerKind hiddenKind) {
    HwLayer hidden = new HwLayer(hiddenKind, 784, 128, 4, hiddenKind == LayerKind.DENSE ? 4 : 1, 16, 0, DelayMode.NONE,
        recurrentHidden, false, SynapseMode.EVENT, 8, SynapseMode.EVENT);
    HwLayer out = new HwLayer(LayerKind.DENSE, 128, 10, 2, 4, 16, 1, DelayMode.AXONAL, false, false, SynapseMode.EVENT,
        4, SynapseMode.EVENT);
    return new HwCore(784, 8, 16, ReadoutMode.SPIKE_COUNT, 1, List.of(hidden, out));
  }

  static HwDesireLearning spec(int shadowBits) {
    return new HwDesireLearning(new int[] {shadowBits, shadowBits}, 16, 6, 2, 1, new int[] {6, 5},
        new int[] {16, 16}, 4, new long[] {0, 410}, new int[] {13, 102}, new int[] {269, 427}, 6);
  }

  @Test
  void widthsFollowTheIntegerRule() {
    HwDesireLearning s = spec(4);
    assertEquals(8, s.shadowWidth(0, 4));
    assertEquals(9, s.traceWidth(), "F + k + 1");
    // U ≤ T · 2^(F+k) = 16 · 256 = 4096: 13 bits
    assertEquals(13, s.traceSumWidth(16));
    assertEquals(5, HwDesireLearning.countWidth(16));
    assertEquals(5, s.errorWidth(1, 16));
    assertEquals(6, s.desireTermWidth(1, 16), "signed d·ε'");
    // |A| ≤ 2^3 · 31 · 10 = 2,480 → 13 signed bits
    assertEquals(13, s.desireSumWidth(1, 4, 10, 16));
    // R = s + F − q − E ranges over [−(6 + 4), 63 + 6] → 8 signed bits
    assertEquals(8, s.updateShiftWidth());
  }

  @Test
  void storageOf784x128x10() {
    List<HwDesireLearning.Storage> st = spec(4).storage(fashionCore(false, LayerKind.DENSE));
    assertEquals(new HwDesireLearning.Storage("layer 0 shadow bits", 784 * 128, 4), st.get(0));
    assertEquals(new HwDesireLearning.Storage("layer 1 shadow bits", 128 * 10, 4), st.get(1));
    assertEquals(new HwDesireLearning.Storage("spike histories", 784 + 128 + 10, 16), st.get(2));
    assertEquals(401_408L, st.get(0).totalBits());
    // the chosen UP5K configuration (docs/learning.md §3.6): E = 0 for fc1 in SPRAM, 8 for fc2 in EBR
    HwDesireLearning chosen = new HwDesireLearning(new int[] {0, 8}, 16, 6, 2, 1, new int[] {6, 5},
        new int[] {16, 16}, 4, new long[] {0, 410}, new int[] {13, 102}, new int[] {269, 427}, 6);
    assertEquals(0, chosen.storage(fashionCore(false, LayerKind.DENSE)).get(0).totalBits());
    assertEquals(16, chosen.shadowWidth(1, 8));
  }

  @Test
  void aDenseFeedForwardCoreIsLearnable() {
    spec(4).checkLearnable(fashionCore(false, LayerKind.DENSE));
  }

  @Test
  void recurrentAndBinarizedLayersAreRefusedByName() {
    SpecException rec = assertThrows(SpecException.class,
        () -> spec(4).checkLearnable(fashionCore(true, LayerKind.DENSE)));
    assertTrue(rec.getMessage().contains("layers[0].recurrent") && rec.getMessage().contains("feed-forward"),
        rec.getMessage());
    SpecException bin = assertThrows(SpecException.class,
        () -> spec(4).checkLearnable(fashionCore(false, LayerKind.BINARIZED)));
    assertTrue(bin.getMessage().contains("layers[0].kind") && bin.getMessage().contains("BINARIZED"), bin.getMessage());
  }

  @Test
  void aSpecOfTheWrongShapeOrRangeIsRefused() {
    SpecException layers = assertThrows(SpecException.class, () -> new HwDesireLearning(new int[] {4, 4}, 0, 6, 2, 1,
        new int[] {6, 5}, new int[] {16}, 4, new long[] {0, 410}, new int[] {0, 0}, new int[] {256, 256}, 6));
    assertTrue(layers.getMessage().contains("errorScales"), layers.getMessage());
    SpecException p = assertThrows(SpecException.class, () -> new HwDesireLearning(new int[] {4, 4}, 0, 6, 2, 1,
        new int[] {6, 5}, new int[] {16, 16}, 4, new long[] {0, 410}, new int[] {0, 256}, new int[] {256, 256}, 6));
    assertTrue(p.getMessage().contains("dropoutThresholds[1]"), p.getMessage());
    HwDesireLearning longT = spec(4);
    HwCore core = fashionCore(false, LayerKind.DENSE);
    HwCore slow = new HwCore(core.inputSize(), core.inputWordWidth(), 100, core.readoutMode(), 1, core.layers());
    SpecException t = assertThrows(SpecException.class, () -> longT.checkLearnable(slow));
    assertTrue(t.getMessage().contains("timesteps"), t.getMessage());
  }
}
