package dev.spikeforge.golden.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.spec.SpecException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The float functions of desire backpropagation, with the reference code's numbers. */
@Tag("unit")
class DesireBackpropTest {
  @Test
  void outputDesireOfTheReference() {
    // T_eff = 16, threshold 0.30: the label neuron wants more until it has 12 spikes (1 − 11/16 = .3125)
    assertEquals(1, DesireBackprop.outputDesire(11, true, 16, 0.30));
    assertEquals(0, DesireBackprop.outputDesire(12, true, 16, 0.30));
    assertEquals(0, DesireBackprop.outputDesire(20, true, 16, 0.30));
    // any other neuron wants less from 5 spikes on (5/16 = .3125)
    assertEquals(0, DesireBackprop.outputDesire(4, false, 16, 0.30));
    assertEquals(-1, DesireBackprop.outputDesire(5, false, 16, 0.30));
  }

  @Test
  void hiddenDesireAndError() {
    assertEquals(0, DesireBackprop.hiddenDesire(0.0499, 0.05));
    assertEquals(1, DesireBackprop.hiddenDesire(0.05, 0.05));
    assertEquals(-1, DesireBackprop.hiddenDesire(-0.05, 0.05));
    assertEquals(0.25, DesireBackprop.error(12, 1, 16));
    assertEquals(0.25, DesireBackprop.error(20, 1, 16));
    assertEquals(0.75, DesireBackprop.error(12, -1, 16));
  }

  @Test
  void traceAndUpdate() {
    double x = 0;
    x = DesireBackprop.traceStep(x, 0.75, true);
    x = DesireBackprop.traceStep(x, 0.75, false);
    x = DesireBackprop.traceStep(x, 0.75, true);
    assertEquals(1.5625, x);
    assertEquals(0.5f + 0.25f, DesireBackprop.updatedWeight(0.5f, 0.5, 1, 0.5));
    assertEquals(0.5f - 0.25f, DesireBackprop.updatedWeight(0.5f, 0.5, -1, 0.5));
    assertEquals(1 / 0.6, DesireBackprop.dropoutScale(0.4));
    assertTrue(DesireBackprop.fires(1.0, true));
    assertFalse(DesireBackprop.fires(1.0, false));
    assertEquals(0.25, DesireBackprop.membraneAfter(1.25, true));
  }

  @Test
  void parameters() {
    DesireParams p = DesireParams.fashionMnist();
    assertEquals(16, p.tEff());
    assertEquals(0.75, p.leak());
    assertEquals(1e-5, p.learningRate(0));
    assertEquals(1e-5 * Math.exp(-0.4), p.learningRate(10), 1e-20);
    assertEquals(1, p.layerDelay());
    SpecException e = assertThrows(SpecException.class, () -> p.withTimesteps(65));
    assertTrue(e.getMessage().startsWith("timesteps: 65 is outside"), e.getMessage());
    assertThrows(SpecException.class, () -> p.withDropout(0.9, 0.1));
    assertThrows(SpecException.class, () -> p.withErrorMargin(20));
  }
}
