package dev.spikeforge.golden.neuron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.spec.NeuronSpec;
import dev.spikeforge.golden.spec.ResetMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
@net.jqwik.api.Tag("unit")
class LifTest {
  private static final NeuronSpec SUB = new NeuronSpec(8, 100, 2, ResetMode.SUBTRACT);
  private static final NeuronSpec ZERO = new NeuronSpec(8, 100, 2, ResetMode.ZERO);

  @Test
  void handComputedSteps() {
    // 80 - (80 >> 2) = 60; 60 + 50 = 110 >= 100 -> spike, 110 - 100 = 10
    assertEquals(new Lif.LifState(10, true), Lif.step(SUB, 80, 50));
    assertEquals(new Lif.LifState(0, true), Lif.step(ZERO, 80, 50));
    // 80 -> 60, + 39 = 99 < 100
    assertEquals(new Lif.LifState(99, false), Lif.step(SUB, 80, 39));
    // exactly at threshold fires
    assertEquals(new Lif.LifState(0, true), Lif.step(SUB, 80, 40));
  }

  @Test
  void saturatesOnceAfterTheExactSum() {
    // 127 -> 96 (leak), +1000 -> saturate to 127 -> spike -> 27
    assertEquals(new Lif.LifState(27, true), Lif.step(SUB, 127, 1000));
    // -128 -> -96, -1000 -> -128, no spike
    assertEquals(new Lif.LifState(-128, false), Lif.step(SUB, -128, -1000));
    // a big positive and a big negative part of one sum cancel before saturation
    assertEquals(new Lif.LifState(-96 + 5, false), Lif.step(SUB, -128, 5));
  }

  @Test
  void noLeakWhenShiftIsZero() {
    NeuronSpec n = new NeuronSpec(8, 127, 0, ResetMode.SUBTRACT);
    assertEquals(new Lif.LifState(-7, false), Lif.step(n, -7, 0));
    assertEquals(new Lif.LifState(0, true), Lif.step(n, 120, 7));
  }

  @Property
  void exhaustiveRangeAndResetInvariants(@ForAll @IntRange(min = -128, max = 127) int v,
      @ForAll @IntRange(min = -512, max = 511) int current, @ForAll @IntRange(min = 0, max = 7) int k,
      @ForAll @IntRange(min = 1, max = 127) int threshold, @ForAll ResetMode reset) {
    NeuronSpec n = new NeuronSpec(8, threshold, k, reset);
    Lif.LifState s = Lif.step(n, v, current);
    assertTrue(s.membrane() >= -128 && s.membrane() <= 127);
    long integrated = Lif.integrate(n, v, current);
    assertEquals(integrated >= threshold, s.spike());
    if (s.spike()) {
      assertEquals(reset == ResetMode.ZERO ? 0 : integrated - threshold, s.membrane());
    } else {
      assertEquals(integrated, s.membrane());
      assertFalse(integrated >= threshold);
    }
  }
}
