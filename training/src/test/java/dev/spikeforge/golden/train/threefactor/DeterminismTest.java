package dev.spikeforge.golden.train.threefactor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.learning.threefactor.FeedbackMode;
import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.hw.DelayMode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Same config, same bits: two runs give identical networks and metrics; another seed gives another network. */
@Tag("unit")
class DeterminismTest {
  @Test
  void integerTrainingIsBitExactlyRepeatable() {
    ThreeFactorConfig c = TinyNets.config(6, true, DelayMode.SYNAPTIC, NumericForm.INT, FeedbackMode.RANDOM);
    TinyNets.Trained a = TinyNets.train(c);
    TinyNets.Trained b = TinyNets.train(c);
    NetworkSpec sa = a.engine().intNetwork();
    assertEquals(NetworkJson.contentHash(sa), NetworkJson.contentHash(b.engine().intNetwork()));
    assertEquals(sa, b.engine().intNetwork());
    assertEquals(c.epochs(), a.result().epochs().size());
    assertEquals(a.result().epochs(), b.result().epochs());
    assertArrayEquals(a.testPredictions(), b.testPredictions());
    assertNotEquals(sa, TinyNets.train(c.withSeed(12)).engine().intNetwork());
  }

  @Test
  void hardwareTrainingIsBitExactlyRepeatable() {
    ThreeFactorConfig c = TinyNets.config(6, true, DelayMode.SYNAPTIC, NumericForm.HARDWARE, FeedbackMode.RANDOM);
    TinyNets.Trained a = TinyNets.train(c);
    TinyNets.Trained b = TinyNets.train(c);
    assertEquals(NetworkJson.contentHash(a.engine().intNetwork()), NetworkJson.contentHash(b.engine().intNetwork()));
    assertArrayEquals(a.engine().state(), b.engine().state());
    assertEquals(a.result().epochs(), b.result().epochs());
    assertNotEquals(a.engine().intNetwork(), TinyNets.train(c.withSeed(12)).engine().intNetwork());
  }

  @Test
  void floatTrainingIsRepeatable() {
    ThreeFactorConfig c = TinyNets.config(6, false, DelayMode.AXONAL, NumericForm.FLOAT, FeedbackMode.SYMMETRIC);
    TinyNets.Trained a = TinyNets.train(c);
    TinyNets.Trained b = TinyNets.train(c);
    assertNull(a.engine().intNetwork());
    for (int l = 0; l < 2; l++) {
      FloatLayer x = a.engine().floatNetwork().layers().get(l);
      FloatLayer y = b.engine().floatNetwork().layers().get(l);
      assertTrue(java.util.Arrays.deepEquals(x.weights(), y.weights()));
      assertArrayEquals(x.axonalDelays(), y.axonalDelays());
    }
    assertArrayEquals(a.testPredictions(), b.testPredictions());
  }
}
