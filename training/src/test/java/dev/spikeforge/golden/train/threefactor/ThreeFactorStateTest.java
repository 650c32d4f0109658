package dev.spikeforge.golden.train.threefactor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.DelayPatternTask;
import dev.spikeforge.golden.learning.threefactor.FeedbackMode;
import dev.spikeforge.golden.spec.hw.DelayMode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The checkpoint state of the three-factor models (weights and shadow delays of both layers): a
 * fresh model restored from a trained model's state continues bit for bit, in every delay mode,
 * feedforward and recurrent, float and integer; a state of another shape is refused.
 */
@Tag("unit")
class ThreeFactorStateTest {
  @Test
  void restoredModelContinuesBitForBit() {
    for (NumericForm form : NumericForm.values()) {
      for (DelayMode mode : DelayMode.values()) {
        for (boolean rec : new boolean[] {false, true}) {
          ThreeFactorConfig c = TinyNets.config(6, rec, mode, form, FeedbackMode.SYMMETRIC);
          Dataset d = new DelayPatternTask(c.task()).trainSet(24);
          int inputs = d.shape()[0];
          int steps = d.shape()[1];
          ThreeFactorModel a = ThreeFactorTraining.create(c, inputs, d.classes(), steps);
          byte[] initial = a.state();
          for (int s = 0; s < 12; s++) {
            a.train(d.raster(s), d.label(s));
          }
          byte[] mid = a.state();
          String what = form + " " + mode + (rec ? " recurrent" : "");
          assertFalse(java.util.Arrays.equals(initial, mid), what + ": training should change the state");
          ThreeFactorModel b = ThreeFactorTraining.create(c, inputs, d.classes(), steps);
          b.restore(mid);
          assertArrayEquals(mid, b.state(), what);
          for (int s = 12; s < 24; s++) {
            a.train(d.raster(s), d.label(s));
            b.train(d.raster(s), d.label(s));
          }
          assertArrayEquals(a.state(), b.state(), what + ": continued training diverged");
          ThreeFactorModel other = ThreeFactorTraining.create(c.withShape(c.shape().withHidden(7)), inputs, d.classes(),
              steps);
          assertThrows(IllegalArgumentException.class, () -> other.restore(mid), what);
        }
      }
    }
  }
}
