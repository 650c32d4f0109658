package dev.spikeforge.golden.train.threefactor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.DelayPatternTask;
import dev.spikeforge.golden.learning.threefactor.FeedbackMode;
import dev.spikeforge.golden.learning.threefactor.UpdateRounding;
import dev.spikeforge.golden.numerics.Lfsr;
import dev.spikeforge.golden.sim.IntSimulator;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.ReadoutMode;
import dev.spikeforge.golden.spec.ReadoutSpec;
import dev.spikeforge.golden.spec.SpecException;
import dev.spikeforge.golden.spec.hw.DelayMode;
import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.golden.spec.hw.HwLayer;
import dev.spikeforge.golden.spec.hw.HwWordLayout;
import dev.spikeforge.golden.spec.hw.SynapseMode;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opentest4j.AssertionFailedError;

/**
 * The golden reference of a three-factor learning core is the hardware-form trainer seen through the core's
 * memories (docs/hardware.md §7.2): it starts from the network the core was compiled from, trains exactly as
 * the trainer after every sample (shadow weights and delays read back from its memory words by the layouts'
 * own unpacking, against the trainer's recorded shadows), reports the counts of the forward pass the
 * simulator computes, and refuses a configuration, network or core that do not belong together.
 */
@Tag("unit")
class ThreeFactorLearningReferenceTest {
  private static final int SAMPLES = 20;

  /** A hardware-form config of the shared tiny task (6 inputs, 3 classes, T = 24, delays 0..5). */
  private static ThreeFactorConfig config(DelayMode mode, boolean recurrent, FeedbackMode fb) {
    return TinyNets.config(7, recurrent, mode, NumericForm.HARDWARE, fb);
  }

  private static IntThreeFactorModel trainer(ThreeFactorConfig c) {
    return IntThreeFactorModel.create(c, TinyNets.TASK.channels(), TinyNets.TASK.classes(), TinyNets.TASK.steps());
  }

  /** The inference core of {@code net}: layer 0 with {@code lanes} lanes (a partial last group), layer 1 with 2. */
  static HwCore core(NetworkSpec net, int lanes, ReadoutMode readout) {
    LayerSpec h = net.layers().get(0);
    LayerSpec o = net.layers().get(1);
    DelayMode mode = h.axonalDelays() != null ? DelayMode.AXONAL
        : h.synapticDelays() != null ? DelayMode.SYNAPTIC : DelayMode.NONE;
    HwLayer l0 = new HwLayer(h.kind(), h.inputSize(), h.size(), lanes, h.weightWidth(), h.neuron().membraneWidth(),
        h.maxDelay(), mode, h.isRecurrent(), h.recurrentDelays() != null, SynapseMode.EVENT, 1, SynapseMode.EVENT);
    HwLayer l1 = new HwLayer(o.kind(), o.inputSize(), o.size(), 2, o.weightWidth(), o.neuron().membraneWidth(), 0,
        DelayMode.NONE, false, false, SynapseMode.EVENT, lanes, SynapseMode.EVENT);
    return new HwCore(net.inputSize(), 1, net.timesteps(), readout, 1, List.of(l0, l1));
  }

  /** Field {@code name} of every synapse (i → j) in memory words of {@code layout}-wide lanes: {@code [j][i]}. */
  private static long[][] unpack(BigInteger[] words, HwWordLayout layout, String name, int in, int size, int lanes) {
    int groups = (size + lanes - 1) / lanes;
    BigInteger mask = BigInteger.ONE.shiftLeft(layout.width()).subtract(BigInteger.ONE);
    long[][] v = new long[size][in];
    for (int i = 0; i < in; i++) {
      for (int j = 0; j < size; j++) {
        BigInteger lane = words[i * groups + j / lanes].shiftRight((j % lanes) * layout.width()).and(mask);
        v[j][i] = layout.unpack(lane, name);
      }
    }
    return v;
  }

  @ParameterizedTest
  @CsvSource({"NONE", "AXONAL", "SYNAPTIC"})
  void startsFromTheNetworkItWasCompiledFrom(DelayMode mode) {
    ThreeFactorConfig c = config(mode, false, FeedbackMode.SYMMETRIC);
    Dataset train = new DelayPatternTask(c.task()).trainSet(4);
    IntThreeFactorModel m = trainer(c);
    for (int k = 0; k < train.size(); k++) {
      m.train(train.raster(k), train.label(k), 0, k);
    }
    NetworkSpec net = m.export();
    ThreeFactorLearningReference ref = ThreeFactorLearningReference.of(c, core(net, 3, ReadoutMode.SPIKE_COUNT), net);
    assertEquals(net, ref.network());
    int fw = c.intFormat().weightFracBits();
    int fd = c.intFormat().delayFracBits();
    for (int l = 0; l < 2; l++) {
      LayerSpec s = net.layers().get(l);
      HwLayer h = ref.core().layers().get(l);
      HwWordLayout lane = ref.spec().learningSynapses(h).laneWord();
      long[][] w = unpack(ref.memoryWords(l), lane, "weight", s.inputSize(), s.size(), h.lanes());
      for (int j = 0; j < s.size(); j++) {
        for (int i = 0; i < s.inputSize(); i++) {
          assertEquals((long) s.weight(j, i) << fw, w[j][i], "layer " + l + " shadow weight " + i + "→" + j);
          if (s.synapticDelays() != null) {
            assertEquals((long) s.synapticDelays()[j][i] << fd,
                unpack(ref.memoryWords(l), lane, "delay", s.inputSize(), s.size(), h.lanes())[j][i]);
          }
        }
      }
    }
    BigInteger[] ax = ref.delayWords(0);
    if (mode == DelayMode.AXONAL) {
      for (int i = 0; i < ax.length; i++) {
        assertEquals(BigInteger.valueOf((long) net.layers().get(0).axonalDelays()[i] << fd), ax[i]);
      }
    } else {
      assertNull(ax);
    }
    assertNull(ref.delayWords(1));
  }

  /**
   * From a trainer's exact state, the reference and the trainer learn the same 20 samples: after each, every
   * shadow weight and delay unpacked from the reference's memory words equals the trainer's recorded shadows,
   * the learning signals are the trainer's, and the counts are those of the simulator on the network the sample
   * started from (the forward pass of the core).
   */
  @ParameterizedTest
  @CsvSource({"NONE,SYMMETRIC", "AXONAL,RANDOM", "SYNAPTIC,SYMMETRIC", "SYNAPTIC,RANDOM"})
  void learnsExactlyAsTheTrainerAfterEverySample(DelayMode mode, FeedbackMode fb) {
    learnsAsTheTrainer(mode, false, fb, Tamper.NONE);
  }

  /**
   * A recurrent hidden layer: as above, and after every sample the recurrent shadow weights (and with SYNAPTIC
   * delays the recurrent shadow delays) unpacked from the reference's recurrent memory words equal the trainer's
   * recorded recurrent shadows, and the 20 samples change some of them.
   */
  @ParameterizedTest
  @CsvSource({"NONE,SYMMETRIC", "AXONAL,RANDOM", "SYNAPTIC,SYMMETRIC", "SYNAPTIC,RANDOM"})
  void recurrentLayersLearnExactlyAsTheTrainerAfterEverySample(DelayMode mode, FeedbackMode fb) {
    learnsAsTheTrainer(mode, true, fb, Tamper.NONE);
  }

  /**
   * A deliberate mistake in what the reference reports (the mutants of {@link #deliberateMistakesFailTheChecks}):
   * the checks read the reference through it. The reference itself wraps the trainer, so the checks' independent
   * parts are the layouts' unpacking, the IntSimulator counts and the LFSR draws.
   */
  interface Tamper {
    Tamper NONE = new Tamper() {};

    default BigInteger[] words(int layer, BigInteger[] words) {
      return words;
    }

    default BigInteger[] recurrentWords(BigInteger[] words) {
      return words;
    }

    default int[] counts(ThreeFactorLearningReference ref, SpikeRaster x, int[] counts) {
      return counts;
    }

    default int streamLayer(int layer) {
      return layer;
    }
  }

  /**
   * Three deliberate mistakes each fail the checks above: one delay bit flipped in the packed words, the counts
   * of the network after the update (not the forward pass before it), the other layer's rounding stream.
   */
  @Test
  void deliberateMistakesFailTheChecks() {
    Tamper flipped = new Tamper() {
      @Override
      public BigInteger[] words(int layer, BigInteger[] words) {
        if (layer != 0) {
          return words;
        }
        BigInteger[] w = words.clone();
        w[0] = w[0].flipBit(delayBit());
        return w;
      }
    };
    assertThrows(AssertionFailedError.class, () -> learnsAsTheTrainer(DelayMode.SYNAPTIC, false,
        FeedbackMode.SYMMETRIC, flipped));
    for (String field : List.of("weight", "delay")) {
      Tamper recurrentFlipped = new Tamper() {
        @Override
        public BigInteger[] recurrentWords(BigInteger[] words) {
          BigInteger[] w = words.clone();
          w[words.length - 1] = w[words.length - 1].flipBit(recurrentBit(field));
          return w;
        }
      };
      assertThrows(AssertionFailedError.class, () -> learnsAsTheTrainer(DelayMode.SYNAPTIC, true,
          FeedbackMode.SYMMETRIC, recurrentFlipped), "recurrent " + field + " bit flipped");
    }
    Tamper late = new Tamper() {
      @Override
      public int[] counts(ThreeFactorLearningReference ref, SpikeRaster x, int[] counts) {
        return new IntSimulator(ref.network()).run(x).outputCounts();
      }
    };
    assertThrows(AssertionFailedError.class, () -> learnsAsTheTrainer(DelayMode.SYNAPTIC, false,
        FeedbackMode.SYMMETRIC, late));
    Tamper otherStream = new Tamper() {
      @Override
      public int streamLayer(int layer) {
        return 1 - layer;
      }
    };
    assertThrows(AssertionFailedError.class, () -> roundingStatesStartTheStreams(otherStream));
  }

  /** The lowest bit of lane 0's delay field in layer 0's words of the SYNAPTIC test core. */
  private static int delayBit() {
    ThreeFactorConfig c = config(DelayMode.SYNAPTIC, false, FeedbackMode.SYMMETRIC);
    NetworkSpec net = trainer(c).export();
    ThreeFactorLearningReference ref = ThreeFactorLearningReference.of(c, core(net, 3, ReadoutMode.SPIKE_COUNT), net);
    return ref.spec().learningSynapses(ref.core().layers().get(0)).laneWord().field("delay").offset();
  }

  /** The lowest bit of lane 0's {@code field} in layer 0's recurrent words of the recurrent SYNAPTIC test core. */
  private static int recurrentBit(String field) {
    ThreeFactorConfig c = config(DelayMode.SYNAPTIC, true, FeedbackMode.SYMMETRIC);
    NetworkSpec net = trainer(c).export();
    ThreeFactorLearningReference ref = ThreeFactorLearningReference.of(c, core(net, 3, ReadoutMode.SPIKE_COUNT), net);
    return ref.spec().learningRecurrentSynapses(ref.core().layers().get(0)).laneWord().field(field).offset();
  }

  private static void learnsAsTheTrainer(DelayMode mode, boolean recurrent, FeedbackMode fb, Tamper tamper) {
    ThreeFactorConfig c = config(mode, recurrent, fb);
    Dataset train = new DelayPatternTask(c.task()).trainSet(SAMPLES);
    IntThreeFactorModel m = trainer(c);
    NetworkSpec start = m.export();
    ThreeFactorLearningReference ref = ThreeFactorLearningReference.of(c, core(start, 3, ReadoutMode.SPIKE_COUNT),
        start, m.state());
    int epoch = 2;
    long changed = 0;
    long recChanged = 0;
    long recDelayChanged = 0;
    long[][] before = ref.shadowWeights(0);
    for (int k = 0; k < SAMPLES; k++) {
      NetworkSpec forward = ref.network();
      int[] counts = tamper.counts(ref, train.raster(k), ref.learn(train.raster(k), train.label(k), epoch, 100 + k));
      SampleReplay rec = m.trainRecorded(train.raster(k), train.label(k), epoch, 100 + k);
      assertArrayEquals(new IntSimulator(forward).run(train.raster(k)).outputCounts(), counts, "counts of sample " + k);
      assertArrayEquals(rec.hidden().signals(), ref.learningSignals(), "L of sample " + k);
      assertArrayEquals(rec.output().signals(), ref.outputErrors(), "δ of sample " + k);
      LayerReplay[] layers = {rec.hidden(), rec.output()};
      for (int l = 0; l < 2; l++) {
        HwLayer h = ref.core().layers().get(l);
        HwWordLayout lane = ref.spec().learningSynapses(h).laneWord();
        BigInteger[] words = tamper.words(l, ref.memoryWords(l));
        assertArrayEquals(layers[l].shadowWeightsAfter(), unpack(words, lane, "weight", h.inputSize(), h.size(),
            h.lanes()), "layer " + l + " shadow weights after sample " + k);
        if (mode == DelayMode.SYNAPTIC && l == 0) {
          assertArrayEquals(layers[l].shadowDelaysAfter(), unpack(words, lane, "delay", h.inputSize(), h.size(),
              h.lanes()), "shadow delays after sample " + k);
        }
      }
      if (recurrent) {
        HwLayer h = ref.core().layers().get(0);
        HwWordLayout lane = ref.spec().learningRecurrentSynapses(h).laneWord();
        BigInteger[] words = tamper.recurrentWords(ref.recurrentWords(0));
        assertArrayEquals(rec.recurrent().weightsAfter(), unpack(words, lane, "weight", h.size(), h.size(),
            h.lanes()), "recurrent shadow weights after sample " + k);
        if (mode == DelayMode.SYNAPTIC) {
          assertArrayEquals(rec.recurrent().delaysAfter(), unpack(words, lane, "delay", h.size(), h.size(),
              h.lanes()), "recurrent shadow delays after sample " + k);
        } else {
          assertNull(rec.recurrent().delaysAfter());
        }
        recChanged += changed(rec.recurrent().weightsBefore(), rec.recurrent().weightsAfter());
        recDelayChanged += mode == DelayMode.SYNAPTIC
            ? changed(rec.recurrent().delaysBefore(), rec.recurrent().delaysAfter()) : 0;
      } else {
        assertNull(rec.recurrent());
        assertNull(ref.recurrentWords(0));
      }
      assertNull(ref.recurrentWords(1), "the output layer is feedforward");
      if (mode == DelayMode.AXONAL) {
        BigInteger[] ax = ref.delayWords(0);
        for (int i = 0; i < ax.length; i++) {
          assertEquals(rec.hidden().shadowDelaysAfter()[0][i], ax[i].longValueExact(), "axonal delay " + i);
        }
      }
    }
    long[][] after = ref.shadowWeights(0);
    for (int j = 0; j < after.length; j++) {
      for (int i = 0; i < after[j].length; i++) {
        changed += after[j][i] != before[j][i] ? 1 : 0;
      }
    }
    assertTrue(changed > 0, "20 samples changed no hidden shadow weight: the comparison would prove nothing");
    if (recurrent) {
      assertTrue(recChanged > 0, "20 samples changed no recurrent shadow weight: the comparison would prove nothing");
      assertTrue(mode != DelayMode.SYNAPTIC || recDelayChanged > 0, "20 samples changed no recurrent shadow delay");
    }
  }

  private static long changed(long[][] a, long[][] b) {
    long n = 0;
    for (int j = 0; j < a.length; j++) {
      for (int i = 0; i < a[j].length; i++) {
        n += a[j][i] != b[j][i] ? 1 : 0;
      }
    }
    return n;
  }

  /**
   * The state the host sends starts the stream the trainer draws from: an update {@code ⌊(v + r)·2^−16⌋} of the
   * trainer's rounder equals the one with {@code r} drawn from an LFSR at that state, draw by draw, for values v
   * chosen so that the result depends on r.
   */
  @Test
  void roundingStatesStartTheTrainersStreams() {
    roundingStatesStartTheStreams(Tamper.NONE);
  }

  private static void roundingStatesStartTheStreams(Tamper tamper) {
    ThreeFactorConfig c = config(DelayMode.SYNAPTIC, false, FeedbackMode.SYMMETRIC);
    NetworkSpec net = trainer(c).export();
    ThreeFactorLearningReference ref = ThreeFactorLearningReference.of(c, core(net, 1, ReadoutMode.SPIKE_COUNT), net);
    int k = c.intFormat().roundingBits();
    java.util.SplittableRandom values = new java.util.SplittableRandom(5);
    for (int l = 0; l < 2; l++) {
      Lfsr host = new Lfsr(ref.roundingState(tamper.streamLayer(l), 3, 77));
      UpdateRounding trainer = UpdateRounding.forSample(k, c.seed(), l, 3, 77);
      int differ = 0;
      for (int d = 0; d < 200; d++) {
        long v = values.nextLong(1L << k);
        long want = Math.floorDiv(v + host.nextBits(k), 1L << k);
        differ += want == 1 ? 1 : 0;
        assertEquals(want, trainer.shift(v, k), "layer " + l + " draw " + d);
      }
      assertTrue(differ > 20 && differ < 180, "the draws decide the rounding");
    }
    assertEquals(0, ref.dropoutState(0, 0));
    assertEquals(0, ref.rateExponent(0));
  }

  @Test
  void refusesWhatDoesNotBelongTogether() {
    ThreeFactorConfig c = config(DelayMode.SYNAPTIC, false, FeedbackMode.SYMMETRIC);
    NetworkSpec net = trainer(c).export();
    HwCore core = core(net, 1, ReadoutMode.SPIKE_COUNT);
    assertField("form", () -> ThreeFactorLearningReference.of(c.withForm(NumericForm.INT), core, net));
    ThreeFactorConfig wider = c.withShape(new NetworkShape(8, false, DelayMode.SYNAPTIC, 5,
        c.shape().hiddenNeuron(), c.shape().outputNeuron()));
    assertField("layers[0]", () -> ThreeFactorLearningReference.of(wider, core, net));
    ThreeFactorConfig axonal = config(DelayMode.AXONAL, false, FeedbackMode.SYMMETRIC);
    assertField("layers[0].maxDelay", () -> ThreeFactorLearningReference.of(axonal, core, net));
    assertField("core.readoutMode", () -> ThreeFactorLearningReference.of(c, core(net, 1, ReadoutMode.FIRST_TO_FIRE),
        net));
    NetworkSpec ftf = new NetworkSpec(net.name(), net.numericsVersion(), net.inputSize(), net.timesteps(), net.layers(),
        ReadoutSpec.firstToFire(1), net.encoder());
    assertField("readout", () -> ThreeFactorLearningReference.of(c, core, ftf));
    // delays the sample cannot deliver: maxDelay 30 at T = 24
    ThreeFactorConfig far = c.withShape(new NetworkShape(7, false, DelayMode.SYNAPTIC, 30, c.shape().hiddenNeuron(),
        c.shape().outputNeuron()));
    NetworkSpec farNet = trainer(far).export();
    assertField("core.layers[0].maxDelay", () -> ThreeFactorLearningReference.of(far,
        core(farNet, 1, ReadoutMode.SPIKE_COUNT), farNet));
    HwCore other = core(trainer(config(DelayMode.NONE, false, FeedbackMode.SYMMETRIC)).export(), 1,
        ReadoutMode.SPIKE_COUNT);
    assertField("core.layers[0]", () -> ThreeFactorLearningReference.of(c, other, net));
    // a recurrent configuration against the feedforward network (and its core), and the other way round
    ThreeFactorConfig rec = config(DelayMode.SYNAPTIC, true, FeedbackMode.SYMMETRIC);
    NetworkSpec recNet = trainer(rec).export();
    assertField("layers[0].recurrentWeights", () -> ThreeFactorLearningReference.of(rec, core, net));
    assertField("core.layers[0]", () -> ThreeFactorLearningReference.of(rec, core, recNet));
    assertField("layers[0].recurrentWeights", () -> ThreeFactorLearningReference.of(c,
        core(recNet, 1, ReadoutMode.SPIKE_COUNT), recNet));
  }

  private static void assertField(String field, Runnable r) {
    SpecException e = assertThrows(SpecException.class, r::run);
    assertEquals(field, e.field(), e.getMessage());
  }
}
