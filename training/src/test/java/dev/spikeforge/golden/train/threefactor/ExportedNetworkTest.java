package dev.spikeforge.golden.train.threefactor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.DelayPatternTask;
import dev.spikeforge.golden.learning.threefactor.FeedbackMode;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.sim.FloatSimulator;
import dev.spikeforge.golden.sim.IntSimulator;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.sim.Trace;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.hw.DelayMode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The trainers' forward passes are the simulators': after some training (so weights and delays
 * have moved), the integer trainer's spikes equal {@code IntSimulator}'s on the exported {@code
 * NetworkSpec}, and the float trainer's equal {@code FloatSimulator}'s on the exported {@code
 * FloatNetwork}, step by step and layer by layer.
 */
@Tag("unit")
class ExportedNetworkTest {
  @ParameterizedTest
  @CsvSource({"NONE,false", "AXONAL,false", "SYNAPTIC,false", "NONE,true", "AXONAL,true", "SYNAPTIC,true"})
  void integerTrainerForwardEqualsIntSimulator(DelayMode mode, boolean recurrent) {
    IntThreeFactorModel m = IntThreeFactorModel.create(
        TinyNets.config(6, recurrent, mode, NumericForm.INT, FeedbackMode.SYMMETRIC), 6, 3, TinyNets.TASK.steps());
    Dataset train = new DelayPatternTask(TinyNets.TASK).trainSet(60);
    for (int s = 0; s < train.size(); s++) {
      m.train(train.raster(s), train.label(s));
    }
    NetworkSpec spec = m.export();
    assertEquals(mode == DelayMode.SYNAPTIC, spec.layers().get(0).synapticDelays() != null);
    assertEquals(mode == DelayMode.AXONAL, spec.layers().get(0).axonalDelays() != null);
    assertEquals(recurrent, spec.layers().get(0).isRecurrent());
    IntSimulator sim = new IntSimulator(spec);
    int spikes = 0;
    for (int s = 0; s < 20; s++) {
      SpikeRaster x = s < 10 ? train.raster(s) : TinyNets.randomRaster(6, TinyNets.TASK.steps(), 0.2, s);
      SpikeRaster[] mine = m.forward(x);
      Trace trace = sim.runTraced(x, "");
      for (int t = 0; t < trace.steps().size(); t++) {
        for (int l = 0; l < 2; l++) {
          assertArrayEquals(trace.steps().get(t).spikes()[l], mine[l].at(t), "sample " + s + " step " + t + " layer " + l);
          spikes += mine[l].at(t).length;
        }
      }
    }
    assertTrue(spikes > 20, "the comparison saw spikes: " + spikes);
  }

  @ParameterizedTest
  @CsvSource({"NONE,false", "AXONAL,false", "SYNAPTIC,false", "NONE,true", "AXONAL,true", "SYNAPTIC,true"})
  void floatTrainerForwardEqualsFloatSimulator(DelayMode mode, boolean recurrent) {
    FloatThreeFactorModel m = FloatThreeFactorModel.create(
        TinyNets.config(6, recurrent, mode, NumericForm.FLOAT, FeedbackMode.RANDOM), 6, 3, TinyNets.TASK.steps());
    Dataset train = new DelayPatternTask(TinyNets.TASK).trainSet(60);
    for (int s = 0; s < train.size(); s++) {
      m.train(train.raster(s), train.label(s));
    }
    FloatNetwork net = m.export();
    FloatSimulator sim = new FloatSimulator(net);
    int spikes = 0;
    for (int s = 0; s < 20; s++) {
      SpikeRaster x = s < 10 ? train.raster(s) : TinyNets.randomRaster(6, TinyNets.TASK.steps(), 0.2, s);
      SpikeRaster[] mine = m.forward(x);
      SpikeRaster[] ref = sim.runRasters(x);
      assertEquals(ref[0], mine[0], "hidden, sample " + s);
      assertEquals(ref[1], mine[1], "output, sample " + s);
      spikes += (int) (mine[0].spikeCount() + mine[1].spikeCount());
    }
    assertTrue(spikes > 20, "the comparison saw spikes: " + spikes);
  }
}
