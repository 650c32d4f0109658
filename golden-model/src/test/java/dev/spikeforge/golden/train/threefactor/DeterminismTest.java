package dev.spikeforge.golden.train.threefactor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.learning.threefactor.FeedbackMode;
import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.spec.hw.DelayMode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Same config, same bits: two runs give identical networks and metrics; another seed gives another network. */
@Tag("unit")
class DeterminismTest {
  @Test
  void integerTrainingIsBitExactlyRepeatable() throws Exception {
    ThreeFactorConfig c = TinyNets.config(6, true, DelayMode.SYNAPTIC, NumericForm.INT, FeedbackMode.RANDOM);
    TrainingResult a = ThreeFactorTraining.run(c, TrainingListener.NONE);
    TrainingResult b = ThreeFactorTraining.run(c, TrainingListener.NONE);
    assertEquals(NetworkJson.contentHash(a.spec()), NetworkJson.contentHash(b.spec()));
    assertEquals(a.spec(), b.spec());
    assertEquals(a.epochs().size(), b.epochs().size());
    for (int e = 0; e < a.epochs().size(); e++) {
      assertEquals(a.epochs().get(e).trainLoss(), b.epochs().get(e).trainLoss(), 0);
      assertEquals(a.epochs().get(e).testAccuracy(), b.epochs().get(e).testAccuracy(), 0);
    }
    assertArrayEquals(a.finalTest().predictions(), b.finalTest().predictions());
    TrainingResult other = ThreeFactorTraining.run(c.withSeed(12), TrainingListener.NONE);
    assertNotEquals(a.spec(), other.spec());
  }

  @Test
  void floatTrainingIsRepeatable() {
    ThreeFactorConfig c = TinyNets.config(6, false, DelayMode.AXONAL, NumericForm.FLOAT, FeedbackMode.SYMMETRIC);
    TrainingResult a = ThreeFactorTraining.run(c, TrainingListener.NONE);
    TrainingResult b = ThreeFactorTraining.run(c, TrainingListener.NONE);
    for (int l = 0; l < 2; l++) {
      FloatLayer x = a.floatNetwork().layers().get(l);
      FloatLayer y = b.floatNetwork().layers().get(l);
      assertTrue(java.util.Arrays.deepEquals(x.weights(), y.weights()));
      assertArrayEquals(x.axonalDelays(), y.axonalDelays());
    }
    assertArrayEquals(a.finalTest().predictions(), b.finalTest().predictions());
  }
}
