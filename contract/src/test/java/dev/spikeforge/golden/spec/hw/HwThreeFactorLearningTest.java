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
import org.junit.jupiter.api.function.Executable;

/** The three-factor learning unit's spec: widths and storage against hand-computed sizes, and its refusals. */
@Tag("unit")
class HwThreeFactorLearningTest {
  static final int[] PSI = {2, 9, 28, 69, 133, 202, 245, 245, 202, 133, 69, 28, 9, 2, 0, 0};
  static final int[] TAPS = {2, 17, 39, 0, -39, -17, -2};

  static HwThreeFactorLearning spec(int fw, int fd, boolean random) {
    return new HwThreeFactorLearning(fw, fd, 16, 8, 3, 8, PSI, 6, TAPS, 24, 0, 0, 3, 0, random, 5, 16, 16, 14, 14);
  }

  /** The delay task's network: 9 inputs, H hidden (k = 1), 4 outputs, 8-bit weights, T = 64, delays 0..16. */
  static HwCore core(int hidden, boolean recurrent, DelayMode mode, int maxDelay, int steps) {
    HwLayer h = new HwLayer(LayerKind.DENSE, 9, hidden, 1, 8, 16, mode == DelayMode.NONE ? 0 : maxDelay, mode,
        recurrent, recurrent && mode == DelayMode.SYNAPTIC, SynapseMode.EVENT, 1, SynapseMode.EVENT);
    HwLayer o = new HwLayer(LayerKind.DENSE, hidden, 4, 1, 8, 16, 0, DelayMode.NONE, false, false, SynapseMode.EVENT,
        1, SynapseMode.EVENT);
    return new HwCore(9, 1, steps, ReadoutMode.SPIKE_COUNT, 1, List.of(h, o));
  }

  @Test
  void widthsFollowTheIntegerRule() {
    HwThreeFactorLearning s = spec(2, 4, false);
    HwCore c = core(16, false, DelayMode.SYNAPTIC, 16, 64);
    assertEquals(8, s.psiHalf());
    assertEquals(3, s.radius());
    assertEquals(9, s.psiWidth(), "P_ψ + 1");
    assertEquals(5, s.psiCodeWidth(), "codes 0..16");
    assertEquals(10, s.tapWidth(), "P_g + 4");
    assertEquals(10, s.traceWidth(1, 64), "F_x + k + 1: at most 2^(F_x+k)");
    assertEquals(15, s.traceWidth(0, 64), "k = 0 does not leak: up to T·2^F_x = 2^14");
    assertEquals(11, s.traceWidth(7, 5), "T = 5 < 2^k: up to 5·2^8");
    // Σ|tap| = 116, ·2^1 = 232 → 9 signed bits
    assertEquals(9, s.delayTraceWidth(1, 64));
    assertEquals(14, s.delayTraceWidth(0, 64), "116·64 = 7424 → 14 signed bits");
    assertEquals(10, s.shadowWeightWidth(8));
    assertEquals(9, s.shadowDelayWidth(c.layers().get(0)), "5-bit delay field 0..16 + F_d");
    assertEquals(0, s.shadowDelayWidth(c.layers().get(1)));
    // |δ| ≤ 64 → 8 signed bits; |L| ≤ 128 · 64 · 4 = 32,768 → 17 signed bits
    assertEquals(8, s.errorWidth(64));
    assertEquals(17, s.learningSignalWidth(c));
    // random 5-bit feedback: 16 · 64 · 4 = 4,096 → 14 bits
    assertEquals(14, spec(2, 4, true).learningSignalWidth(c));
  }

  /**
   * A core carrying the three-factor unit ({@code HwCore.learningUnit}): its layers stay plain, its feedforward and
   * axonal memories hold the unit's shadow words, it is neither a desire core nor inference-only, and a core the
   * unit cannot learn is refused under {@code learning}.
   */
  @Test
  void aCoreCarriesTheUnitAndStoresItsShadowWords() {
    HwThreeFactorLearning s = spec(8, 4, true);
    for (DelayMode mode : List.of(DelayMode.SYNAPTIC, DelayMode.AXONAL)) {
      HwCore plain = core(16, false, mode, 8, 64);
      HwCore c = plain.withLearning(s);
      assertTrue(c.learns());
      assertEquals(s, c.threeFactorLearning());
      assertEquals(null, c.learning(), "not a desire core");
      assertEquals(plain.layers(), c.layers(), "the layers stay plain");
      HwMemory ff = c.memory(0, MemoryRole.FEEDFORWARD);
      assertEquals(s.learningSynapses(plain.layers().get(0)).laneWord(), ff.laneWord());
      assertEquals(mode == DelayMode.SYNAPTIC ? 16 + 8 : 16, ff.width(), "shadow weight (+ shadow delay) per lane");
      if (mode == DelayMode.AXONAL) {
        assertEquals(s.axonalShadowWord(plain.layers().get(0)), c.memory(0, MemoryRole.AXONAL).laneWord());
      }
      assertEquals(plain.memory(0, MemoryRole.PARAMS), c.memory(0, MemoryRole.PARAMS));
    }
    SpecException e = assertThrows(SpecException.class,
        () -> core(16, false, DelayMode.SYNAPTIC, 70, 64).withLearning(s));
    assertEquals("learning.layers[0].maxDelay", e.field(), e.getMessage());
  }

  /**
   * The recurrent memory of a learning core's hidden layer holds, per lane, a shadow weight of B + F_w bits and
   * with SYNAPTIC delays a shadow recurrent delay of its delay field + F_d bits; rows and groups are the plain
   * recurrent memory's; a feedforward layer has none.
   */
  @Test
  void recurrentLanesHoldShadowWeightsAndDelays() {
    HwThreeFactorLearning s = spec(2, 4, false);
    HwLayer syn = core(16, true, DelayMode.SYNAPTIC, 16, 64).layers().get(0);
    HwSynapses r = s.learningRecurrentSynapses(syn);
    assertTrue(r.recurrent());
    assertEquals(syn.recurrentSynapses().depth(), r.depth(), "one row per presynaptic hidden neuron");
    assertEquals(10, r.weightWidth(), "B + F_w");
    assertEquals(9, r.delayWidth(), "5-bit recurrent delay field 1..16 + F_d");
    assertEquals(9, s.shadowRecurrentDelayWidth(syn));
    assertEquals(19, r.laneWord().width());
    HwLayer none = core(16, true, DelayMode.NONE, 0, 64).layers().get(0);
    HwSynapses w = s.learningRecurrentSynapses(none);
    assertEquals(0, w.delayWidth(), "recurrent delays are 1, not stored");
    assertEquals(1, w.constantDelay());
    assertEquals(10, w.laneWord().width());
    assertThrows(IllegalArgumentException.class,
        () -> s.learningRecurrentSynapses(core(16, false, DelayMode.NONE, 0, 64).layers().get(0)));
  }

  /**
   * A three-factor learning core's RECURRENT memory ({@code HwCore.memories()}) has the recurrent shadow layout
   * ({@link HwLearning#storedRecurrentSynapses}), beside its feedforward shadow memory; the inference core of the
   * same network keeps the plain recurrent lane word.
   */
  @Test
  void aLearningCoresRecurrentMemoryHoldsTheRecurrentShadows() {
    HwThreeFactorLearning s = spec(2, 4, false);
    for (DelayMode mode : DelayMode.values()) {
      HwCore plain = core(16, true, mode, mode == DelayMode.NONE ? 0 : 16, 64);
      HwCore learning = plain.withLearning(s);
      HwLayer h = learning.layers().get(0);
      HwMemory rec = learning.memory(0, MemoryRole.RECURRENT);
      assertEquals(s.learningRecurrentSynapses(h).laneWord(), rec.laneWord(), mode.name());
      assertEquals(Math.max(HwCore.MIN_DEPTH, s.learningRecurrentSynapses(h).depth()), rec.depth(), mode.name());
      assertEquals(plain.layers().get(0).recurrentSynapses().laneWord(), plain.memory(0, MemoryRole.RECURRENT).laneWord(),
          mode.name());
      assertEquals(mode == DelayMode.SYNAPTIC ? 19 : 10, rec.width(), mode + ": B + F_w (+ recurrent delay + F_d)");
    }
  }

  @Test
  void storageOfTheFeedforwardDelayNetwork() {
    List<HwThreeFactorLearning.Storage> st = spec(2, 4, false).storage(core(16, false, DelayMode.SYNAPTIC, 16, 64));
    assertEquals(List.of(
        new HwThreeFactorLearning.Storage("hidden shadow-weight fraction bits", 144, 2),
        new HwThreeFactorLearning.Storage("output shadow-weight fraction bits", 64, 2),
        new HwThreeFactorLearning.Storage("shadow-delay fraction bits", 144, 4),
        new HwThreeFactorLearning.Storage("surrogate codes", 20 * 64, 5),
        new HwThreeFactorLearning.Storage("spike histories", 25, 64),
        new HwThreeFactorLearning.Storage("surrogate table", 16, 9),
        new HwThreeFactorLearning.Storage("FIR taps", 7, 10),
        new HwThreeFactorLearning.Storage("learning signals", 16, 17),
        new HwThreeFactorLearning.Storage("output errors", 4, 8)), st);
    assertEquals(288 + 128 + 576 + 6400 + 1600 + 144 + 70 + 272 + 32,
        spec(2, 4, false).storageBits(core(16, false, DelayMode.SYNAPTIC, 16, 64)));
  }

  @Test
  void storageOfTheRecurrentAxonalAndWeightsOnlyNetworks() {
    // recurrent 9-12-4, synaptic: 108 + 144 hidden weights, as many delays
    HwCore rec = core(12, true, DelayMode.SYNAPTIC, 16, 64);
    assertEquals(504 + 96 + 1008 + 16 * 64 * 5 + 21 * 64 + 144 + 70 + 12 * 17 + 32, spec(2, 4, false).storageBits(rec));
    // axonal: one delay per input
    List<HwThreeFactorLearning.Storage> ax = spec(2, 4, true).storage(core(16, false, DelayMode.AXONAL, 16, 64));
    assertEquals(new HwThreeFactorLearning.Storage("shadow-delay fraction bits", 9, 4), ax.get(2));
    assertTrue(ax.contains(new HwThreeFactorLearning.Storage("random feedback matrix", 64, 5)), ax.toString());
    // weights only, F_w = 0: no shadow bits at all, only histories, codes and the small tables and registers
    List<HwThreeFactorLearning.Storage> none = spec(0, 4, false).storage(core(27, false, DelayMode.NONE, 0, 64));
    assertEquals("surrogate codes", none.get(0).what());
    assertEquals(31 * 64 * 5, none.get(0).totalBits());
  }

  @Test
  void unlearnableCoresAreRefusedByField() {
    HwThreeFactorLearning s = spec(2, 4, false);
    refused(() -> s.checkLearnable(core(16, false, DelayMode.SYNAPTIC, 64, 64)), "layers[0].maxDelay", "never arrives");
    // 255 takes 8 bits, + F_d = 12 → 20 > 16 (and T = 300 holds it)
    refused(() -> spec(2, 12, false).checkLearnable(core(16, false, DelayMode.SYNAPTIC, 255, 300)),
        "layers[0].maxDelay", "16-bit delay word");
    refused(() -> s.checkLearnable(core(16, false, DelayMode.SYNAPTIC, 16, 2000)), "timesteps", "1024");
    HwCore c = core(16, false, DelayMode.SYNAPTIC, 16, 64);
    HwLayer delayedOut = new HwLayer(LayerKind.DENSE, 16, 4, 1, 8, 16, 2, DelayMode.AXONAL, false, false,
        SynapseMode.EVENT, 1, SynapseMode.EVENT);
    refused(() -> s.checkLearnable(c.withLayers(List.of(c.layers().get(0), delayedOut))), "layers[1].delayMode",
        "weights only");
    refused(() -> s.checkLearnable(c.withLayers(List.of(c.layers().get(0)))), "layers", "one hidden layer");
    HwLayer recAxonalWithDelays = new HwLayer(LayerKind.DENSE, 9, 16, 1, 8, 16, 16, DelayMode.AXONAL, true, true,
        SynapseMode.EVENT, 1, SynapseMode.EVENT);
    refused(() -> s.checkLearnable(c.withLayers(List.of(recAxonalWithDelays, c.layers().get(1)))),
        "layers[0].recurrentDelays", "SYNAPTIC");
    HwLayer binarized = new HwLayer(LayerKind.BINARIZED, 9, 16, 1, 1, 16, 0, DelayMode.NONE, false, false,
        SynapseMode.EVENT, 1, SynapseMode.EVENT);
    refused(() -> s.checkLearnable(c.withLayers(List.of(binarized, c.layers().get(1)))), "layers[0].kind", "DENSE");
    HwLayer recurrentOut = new HwLayer(LayerKind.DENSE, 16, 4, 1, 8, 16, 0, DelayMode.NONE, true, false,
        SynapseMode.EVENT, 1, SynapseMode.EVENT);
    refused(() -> s.checkLearnable(c.withLayers(List.of(c.layers().get(0), recurrentOut))), "layers[1].recurrent",
        "feedforward");
    // a one-neuron recurrent layer: its recurrent memory's padding word is guarded in the unit (ThreeFactorUnit)
    s.checkLearnable(core(1, true, DelayMode.NONE, 0, 64));
    s.checkLearnable(core(2, true, DelayMode.NONE, 0, 64));
    s.checkLearnable(core(1, false, DelayMode.NONE, 0, 64));
    HwCore firstToFire = new HwCore(9, 1, 64, ReadoutMode.FIRST_TO_FIRE, 1, c.layers());
    refused(() -> s.checkLearnable(firstToFire), "readoutMode", "SPIKE_COUNT");
    refused(() -> new HwThreeFactorLearning(2, 4, 16, 8, 3, 8, PSI, 6, TAPS, 24, 0, 0, 3, 3, false, 5, 16, 16, 14, 14),
        "targetOff", "below targetOn");
    int[] badPsi = PSI.clone();
    badPsi[3] = 512;
    refused(() -> new HwThreeFactorLearning(2, 4, 16, 8, 3, 8, badPsi, 6, TAPS, 24, 0, 0, 3, 0, false, 5, 16, 16, 14,
        14), "psiTable[3]", "9 unsigned bits");
    refused(() -> new HwThreeFactorLearning(2, 4, 33, 8, 3, 8, PSI, 6, TAPS, 24, 0, 0, 3, 0, false, 5, 16, 16, 14, 14),
        "roundingBits", "0..32");
  }

  @Test
  void tablesAreCopiedAndCompared() {
    int[] psi = PSI.clone();
    HwThreeFactorLearning s = new HwThreeFactorLearning(2, 4, 16, 8, 3, 8, psi, 6, TAPS, 24, 0, 0, 3, 0, false, 5, 16,
        16, 14, 14);
    psi[0] = 7;
    assertEquals(spec(2, 4, false), s);
    assertEquals(spec(2, 4, false).hashCode(), s.hashCode());
    s.psiTable()[0] = 7;
    assertEquals(2, s.psiTable()[0]);
  }

  private static void refused(Executable e, String field, String fragment) {
    SpecException x = assertThrows(SpecException.class, e);
    assertEquals(field, x.field(), x.getMessage());
    assertTrue(x.getMessage().contains(fragment), x.getMessage());
  }

  /** The trace bound of the widths is the largest trace an always-spiking input reaches (k = 0: no leak). */
  @Test
  void traceGainIsTheLargestTraceOfAnAlwaysSpikingInput() {
    for (int k = 0; k <= 8; k++) {
      for (int t = 1; t <= 300; t++) {
        long x = 0;
        long max = 0;
        for (int s = 0; s < t; s++) {
          x = dev.spikeforge.golden.numerics.Fx.leak(x, k) + 1;
          max = Math.max(max, x);
        }
        assertEquals(max, HwThreeFactorLearning.traceGain(k, t), "k = " + k + ", T = " + t);
      }
    }
  }
}
