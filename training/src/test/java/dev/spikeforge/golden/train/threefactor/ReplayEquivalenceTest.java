package dev.spikeforge.golden.train.threefactor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.spikeforge.golden.learning.threefactor.FeedbackMode;
import dev.spikeforge.golden.learning.threefactor.IntLearningFormat;
import dev.spikeforge.golden.spec.hw.DelayMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Tag;

/**
 * The hardware form's replay computes the integer form's eligibilities exactly: with the integer
 * form's widths and HALF_EVEN updates (K = 0) a HARDWARE run ends bit-identical to an INT run, in every
 * delay mode, feedforward and recurrent (docs/learning.md Part II §9.2). With the hardware widths it
 * does not (the test would pass trivially if the form were ignored).
 */
@Tag("unit")
class ReplayEquivalenceTest {
  @ParameterizedTest
  @CsvSource({"NONE,false,SYMMETRIC", "AXONAL,false,RANDOM", "SYNAPTIC,false,SYMMETRIC", "NONE,true,RANDOM",
      "AXONAL,true,SYMMETRIC", "SYNAPTIC,true,RANDOM"})
  void replayWithTheIntegerWidthsIsTheIntegerForm(DelayMode mode, boolean recurrent, FeedbackMode fb) {
    ThreeFactorConfig intCfg = TinyNets.config(5, recurrent, mode, NumericForm.INT, fb);
    TinyNets.Trained a = TinyNets.train(intCfg);
    TinyNets.Trained b = TinyNets.train(intCfg.withForm(NumericForm.HARDWARE));
    assertArrayEquals(a.engine().state(), b.engine().state());
    assertEquals(a.engine().intNetwork(), b.engine().intNetwork());
    assertEquals(a.result().epochs(), b.result().epochs());
    TinyNets.Trained c = TinyNets.train(intCfg.withForm(NumericForm.HARDWARE)
        .withIntFormat(IntLearningFormat.HARDWARE));
    assertNotEquals(a.engine().intNetwork(), c.engine().intNetwork());
  }
}
