package dev.spikeforge.golden.spec.hw;

import dev.spikeforge.golden.numerics.Fx;
import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.ReadoutMode;
import dev.spikeforge.golden.spec.SpecException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The hardware spec of a three-factor (e-prop) learning unit that learns weights and delays in the
 * hardware form of docs/learning.md Part II §9: every width, table and shift of the integer rule that
 * the unit's datapath and memories are elaborated from. Like {@link HwCore} it holds no weights or
 * delays. The unit keeps no per-synapse learning state: per synapse only the extra fraction bits of
 * the shadow weight (F_w) and of the shadow delay (F_d) beside the core's forward weight and delay
 * fields; per neuron a T-entry history of surrogate-table codes; per presynaptic unit a T-bit spike
 * history. After a sample it replays each synapse's traces and eligibilities from those histories
 * and updates it at once ({@link #storage}).
 *
 * <p>The network is one hidden layer (feedforward or recurrent, delays NONE, AXONAL or SYNAPTIC;
 * recurrent delays learned with SYNAPTIC only) and an output layer without delays or recurrence, read
 * out by spike count ({@link #checkLearnable}).
 *
 * @param weightFracBits F_w, extra fraction bits of every shadow weight (shadow word B + F_w), 0..{@value #MAX_FRAC_BITS}
 * @param delayFracBits F_d, fraction bits of every shadow delay (shadow word: the core's delay field + F_d), 0..{@value #MAX_FRAC_BITS}
 * @param roundingBits K, LFSR bits of each stochastically rounded update; 0 = HALF_EVEN, 1..{@value #MAX_ROUNDING_BITS}
 * @param traceFracBits F_x, fraction bits of the presynaptic traces (a spike adds 2^F_x), 0..16
 * @param psiShift the surrogate table's bin width 2^psiShift membrane units, 0..30
 * @param psiFracBits P_ψ, fraction bits of a surrogate entry (ψ = 1 ↦ 2^P_ψ), 1..16
 * @param psiTable the surrogate entries, index {@code q + half} for {@code q = (v2 − θ) >> psiShift}, an even
 *     number 2..2048 of them, each unsigned P_ψ + 1 bits
 * @param derivFracBits P_g, fraction bits of a FIR tap, 1..16
 * @param derivTaps the FIR taps of the smoothed spike-train derivative, offsets −R..R (an odd number 3..63 of
 *     them), each signed P_g + 4 bits
 * @param eligibilityWidth A, signed width of the replay accumulator (saturating), 16..62
 * @param kappaShift κ = 1 − 2^−kappaShift of the eligibility and readout filter (0: κ = 1), 0..15
 * @param outputFracBits F_y, fraction bits of the output estimate π (0 when κ = 1: a spike count), 0..16
 * @param targetOn π the label output must reach, in spikes, 1..T
 * @param targetOff π no other output may exceed, 0..targetOn − 1
 * @param randomFeedback whether the learning signal comes through a fixed random matrix (else the output weights)
 * @param feedbackWidth signed bits of a random feedback entry, 2..16 (unused with symmetric feedback)
 * @param hiddenWeightShift s_W of the hidden feedforward weights, 0..62
 * @param recurrentWeightShift s_W of the recurrent weights, 0..62
 * @param outputWeightShift s_W of the output weights, 0..62
 * @param delayShift s_d of every learned delay, 0..62
 */
public record HwThreeFactorLearning(
    int weightFracBits,
    int delayFracBits,
    int roundingBits,
    int traceFracBits,
    int psiShift,
    int psiFracBits,
    int[] psiTable,
    int derivFracBits,
    int[] derivTaps,
    int eligibilityWidth,
    int kappaShift,
    int outputFracBits,
    int targetOn,
    int targetOff,
    boolean randomFeedback,
    int feedbackWidth,
    int hiddenWeightShift,
    int recurrentWeightShift,
    int outputWeightShift,
    int delayShift) implements HwLearning {

  /** Most extra fraction bits of a shadow weight or delay. */
  public static final int MAX_FRAC_BITS = 15;
  /** Most LFSR bits per stochastically rounded update. */
  public static final int MAX_ROUNDING_BITS = 32;
  /** Widest shadow delay word (delay field + F_d): one 16-bit SPRAM or EBR word. */
  public static final int MAX_SHADOW_DELAY_WIDTH = 16;
  /** Largest T: the unit keeps T surrogate codes per neuron and T spike bits per presynaptic unit. */
  public static final int MAX_TIMESTEPS = 1024;

  public HwThreeFactorLearning {
    SpecException.inRange(weightFracBits, 0, MAX_FRAC_BITS, "weightFracBits", "extra fraction bits of a shadow weight");
    SpecException.inRange(delayFracBits, 0, MAX_FRAC_BITS, "delayFracBits", "fraction bits of a shadow delay");
    SpecException.inRange(roundingBits, 0, MAX_ROUNDING_BITS, "roundingBits", "LFSR bits per update, 0 = HALF_EVEN");
    SpecException.inRange(traceFracBits, 0, 16, "traceFracBits", "fraction bits of the presynaptic traces");
    SpecException.inRange(psiShift, 0, 30, "psiShift", "surrogate bin width 2^psiShift");
    SpecException.inRange(psiFracBits, 1, 16, "psiFracBits", "fraction bits of a surrogate entry");
    SpecException.check(psiTable != null && psiTable.length >= 2 && psiTable.length <= 2048 && psiTable.length % 2 == 0,
        "psiTable", "an even number 2..2048 of entries, half on each side of the threshold");
    SpecException.inRange(derivFracBits, 1, 16, "derivFracBits", "fraction bits of a FIR tap");
    SpecException.check(derivTaps != null && derivTaps.length >= 3 && derivTaps.length <= 63
        && derivTaps.length % 2 == 1, "derivTaps", "an odd number 3..63 of taps, offsets −R..R");
    psiTable = psiTable.clone();
    derivTaps = derivTaps.clone();
    for (int q = 0; q < psiTable.length; q++) {
      SpecException.check(Fx.fits(psiTable[q], psiFracBits + 1, false), "psiTable[" + q + "]",
          psiTable[q] + " does not fit " + (psiFracBits + 1) + " unsigned bits (P_ψ + 1)");
    }
    for (int d = 0; d < derivTaps.length; d++) {
      SpecException.check(Fx.fits(derivTaps[d], derivFracBits + 4, true), "derivTaps[" + d + "]",
          derivTaps[d] + " does not fit " + (derivFracBits + 4) + " signed bits (P_g + 4)");
    }
    SpecException.inRange(eligibilityWidth, 16, Fx.MAX_WIDTH, "eligibilityWidth", "signed replay accumulator A");
    SpecException.inRange(kappaShift, 0, 15, "kappaShift", "κ = 1 − 2^−kappaShift, 0 = 1");
    SpecException.inRange(outputFracBits, 0, 16, "outputFracBits", "fraction bits of π");
    SpecException.inRange(targetOn, 1, MAX_TIMESTEPS, "targetOn", "spikes the label output must reach");
    SpecException.inRange(targetOff, 0, targetOn - 1, "targetOff", "below targetOn");
    SpecException.inRange(feedbackWidth, 2, 16, "feedbackWidth", "signed bits of a random feedback entry");
    SpecException.inRange(hiddenWeightShift, 0, 62, "hiddenWeightShift", "s_W = F_y + P_ψ + F_x − F_w − lr");
    SpecException.inRange(recurrentWeightShift, 0, 62, "recurrentWeightShift", "s_W = F_y + P_ψ + F_x − F_w − lr");
    SpecException.inRange(outputWeightShift, 0, 62, "outputWeightShift", "s_W = F_y + P_ψ + F_x − F_w − lr");
    SpecException.inRange(delayShift, 0, 62, "delayShift", "s_d = F_y + P_ψ + P_g − F_d − lr");
  }

  /**
   * Checks that {@code core} is a network this unit can learn; each refusal names the layer and field,
   * what it has and what the unit needs.
   *
   * @throws SpecException otherwise
   */
  @Override
  public void checkLearnable(HwCore core) {
    List<HwLayer> layers = core.layers();
    SpecException.check(layers.size() == 2, "layers", "the three-factor unit learns one hidden layer and an output"
        + " layer (INPUTS-HIDDEN-CLASSES); the core has " + layers.size() + " layers");
    SpecException.inRange(core.timesteps(), 1, MAX_TIMESTEPS, "timesteps",
        "the unit keeps T surrogate codes per neuron and T spike bits per presynaptic unit");
    SpecException.check(core.readoutMode() == ReadoutMode.SPIKE_COUNT, "readoutMode", "is " + core.readoutMode()
        + "; the three-factor unit learns from the spike counts of all T steps: compile a SPIKE_COUNT network");
    SpecException.check(targetOn <= core.timesteps(), "targetOn",
        targetOn + " spikes cannot be reached in T = " + core.timesteps() + " steps");
    HwLayer h = layers.get(0);
    SpecException.check(h.kind() == LayerKind.DENSE, "layers[0].kind",
        "is " + h.kind() + "; the three-factor unit learns DENSE layers only");
    if (h.delayMode() != DelayMode.NONE) {
      SpecException.check(h.maxDelay() < core.timesteps(), "layers[0].maxDelay", h.maxDelay()
          + " is not below T = " + core.timesteps() + ": a spike delayed that long never arrives within the sample");
      int word = h.delayWidth() + delayFracBits;
      SpecException.check(word <= MAX_SHADOW_DELAY_WIDTH, "layers[0].maxDelay", "delays 0.." + h.maxDelay()
          + " take " + h.delayWidth() + " bits, with F_d = " + delayFracBits + " fraction bits a shadow delay of "
          + word + " bits, more than the " + MAX_SHADOW_DELAY_WIDTH + "-bit delay word: lower --max-delay or F_d");
    }
    SpecException.check(!h.recurrentDelays() || h.delayMode() == DelayMode.SYNAPTIC, "layers[0].recurrentDelays",
        "the unit learns recurrent delays only with SYNAPTIC feedforward delays; with " + h.delayMode()
            + " the recurrent delays are 1");
    SpecException.check(!h.recurrent() || h.delayMode() != DelayMode.SYNAPTIC || h.recurrentDelays(),
        "layers[0].recurrentDelays", "a recurrent layer with SYNAPTIC delays learns its recurrent delays too: the core"
            + " needs per-synapse recurrent delays");
    HwLayer o = layers.get(1);
    SpecException.check(o.kind() == LayerKind.DENSE, "layers[1].kind",
        "is " + o.kind() + "; the three-factor unit learns DENSE layers only");
    SpecException.check(o.delayMode() == DelayMode.NONE && o.maxDelay() == 0, "layers[1].delayMode",
        "is " + o.delayMode() + " with maxDelay " + o.maxDelay() + "; the output layer learns weights only (NONE, 0)");
    SpecException.check(!o.recurrent(), "layers[1].recurrent",
        "has recurrent synapses; the three-factor unit's output layer is feedforward");
  }

  /** Entries of the surrogate table on each side of the threshold. */
  public int psiHalf() {
    return psiTable.length / 2;
  }

  /** R, the FIR radius: taps at offsets −R..R. */
  public int radius() {
    return derivTaps.length / 2;
  }

  /** Bits of a surrogate entry ψ: P_ψ + 1 (unsigned). */
  public int psiWidth() {
    return psiFracBits + 1;
  }

  /** Bits of a surrogate code: 0..2·half, 2·half meaning "outside the table" (ψ = 0). */
  public int psiCodeWidth() {
    return Fx.unsignedWidthFor(psiTable.length);
  }

  /** Bits of a FIR tap: P_g + 4 (signed). */
  public int tapWidth() {
    return derivFracBits + 4;
  }

  /**
   * The largest value of a trace {@code x ← leak_k(x) + s} that starts at 0 and takes inputs {@code |s| ≤ 1}
   * for {@code timesteps} steps: {@code min(2^k, T)}, and T for k = 0 ({@code Fx.leak} with k = 0 does not
   * leak). For k ≥ 1 the bound holds because {@code x − ⌊x·2^−k⌋ + 1} is non-decreasing in x and equals
   * {@code 2^k} at {@code x = 2^k − 1} and at {@code x = 2^k}.
   */
  public static long traceGain(int leakShift, int timesteps) {
    if (leakShift < 0 || timesteps < 1) {
      throw new IllegalArgumentException("leak shift ≥ 0 and T ≥ 1, got " + leakShift + ", " + timesteps);
    }
    return leakShift == 0 || leakShift >= 31 ? timesteps : Math.min(1L << leakShift, timesteps);
  }

  /** Bits of a presynaptic trace x̄ under leak shift k over T steps: unsigned, its maximum is 2^F_x·{@link #traceGain}. */
  public int traceWidth(int leakShift, int timesteps) {
    return Fx.unsignedWidthFor(traceGain(leakShift, timesteps) << traceFracBits);
  }

  /** Bits of a delay trace ȳ under leak shift k over T steps: signed, |ȳ| ≤ Σ|tap|·{@link #traceGain}. */
  public int delayTraceWidth(int leakShift, int timesteps) {
    return Fx.signedWidthFor(-maxFirSum() * traceGain(leakShift, timesteps), maxFirSum() * traceGain(leakShift,
        timesteps));
  }

  /** Σ|tap|: the largest magnitude of one FIR sum. */
  public long maxFirSum() {
    long sum = 0;
    for (int t : derivTaps) {
      sum += Math.abs(t);
    }
    return sum;
  }

  /** Bits of a shadow weight word for B-bit forward weights: B + F_w. */
  public int shadowWeightWidth(int weightWidth) {
    return weightWidth + weightFracBits;
  }

  /** Bits of a shadow delay word of {@code layer}: its delay field + F_d (0 without learned delays). */
  public int shadowDelayWidth(HwLayer layer) {
    return layer.delayMode() == DelayMode.NONE ? 0 : layer.delayWidth() + delayFracBits;
  }

  /** The plain layer: the unit's shadow words widen the memory words ({@link #storedSynapses}), not the layer. */
  @Override
  public HwLayer learningLayer(int l, HwLayer plain) {
    return plain;
  }

  /** {@link #learningSynapses}. */
  @Override
  public HwSynapses storedSynapses(HwLayer layer) {
    return learningSynapses(layer);
  }

  /** {@link #learningRecurrentSynapses}: the unit learns a recurrent hidden layer's recurrent synapses. */
  @Override
  public HwSynapses storedRecurrentSynapses(HwLayer layer) {
    return learningRecurrentSynapses(layer);
  }

  /** {@link #axonalShadowWord}. */
  @Override
  public HwWordLayout storedAxonalWord(HwLayer layer) {
    return axonalShadowWord(layer);
  }

  /**
   * The feedforward synapses of {@code layer} in a three-factor learning core: the layer's own memory
   * geometry (rows, groups, lanes), but each lane holds the synapse's shadow words, a signed {@code weight}
   * field of B + F_w bits ({@link #shadowWeightWidth}) and, with SYNAPTIC delays, an unsigned {@code delay}
   * field of delay field + F_d bits ({@link #shadowDelayWidth}). The core derives the forward weight
   * {@code sat_B(shr^HALF_UP_F_w(w̃))} and delay {@code shr^HALF_UP_F_d(d̃)} from them on every read, as the
   * trainer does, so nothing is stored twice (docs/hardware.md §7.2).
   */
  public HwSynapses learningSynapses(HwLayer layer) {
    HwSynapses plain = layer.feedforward();
    int delay = layer.delayMode() == DelayMode.SYNAPTIC ? shadowDelayWidth(layer) : 0;
    return new HwSynapses(false, plain.mode(), plain.kind(), plain.sources(), plain.edgeWidth(), plain.lanes(),
        plain.groups(), shadowWeightWidth(layer.weightWidth()), delay, plain.constantDelay());
  }

  /** Bits of a recurrent shadow delay word of {@code layer}: its recurrent delay field + F_d (0 without recurrent delays). */
  public int shadowRecurrentDelayWidth(HwLayer layer) {
    return layer.recurrentDelays() ? layer.recurrentDelayWidth() + delayFracBits : 0;
  }

  /**
   * The recurrent synapses of {@code layer} in a three-factor learning core: the layer's own recurrent memory
   * geometry ({@link HwLayer#recurrentSynapses}: row k = presynaptic hidden neuron k, word {@code k·G + g}, lane p
   * = neuron {@code g·P + p}), but each lane holds the synapse's shadow words, a signed {@code weight} field of B +
   * F_w bits and, with recurrent delays (SYNAPTIC layers), an unsigned {@code delay} field of recurrent delay
   * field + F_d bits ({@link #shadowRecurrentDelayWidth}); without recurrent delays every recurrent delay is 1
   * and not stored. As in the feedforward memory, the core derives the forward weight and delay from the
   * shadows on every read (docs/hardware.md §7.2).
   *
   * @throws IllegalArgumentException if the layer is not recurrent
   */
  public HwSynapses learningRecurrentSynapses(HwLayer layer) {
    HwSynapses plain = layer.recurrentSynapses();
    if (plain == null) {
      throw new IllegalArgumentException("the layer has no recurrent synapses");
    }
    return new HwSynapses(true, plain.mode(), plain.kind(), plain.sources(), plain.edgeWidth(), plain.lanes(),
        plain.groups(), shadowWeightWidth(layer.weightWidth()), shadowRecurrentDelayWidth(layer),
        plain.constantDelay());
  }

  /**
   * The axonal-delay word of {@code layer} (AXONAL) in a three-factor learning core: the input's shadow
   * delay, an unsigned {@code delay} field of delay field + F_d bits.
   *
   * @throws IllegalArgumentException if the layer has no axonal delays
   */
  public HwWordLayout axonalShadowWord(HwLayer layer) {
    if (layer.delayMode() != DelayMode.AXONAL) {
      throw new IllegalArgumentException("the layer's delays are " + layer.delayMode() + ", not AXONAL");
    }
    return HwWordLayout.sequential("axonal shadow delay",
        new HwWordLayout.Def("delay", shadowDelayWidth(layer), false));
  }

  /** Bits of an output error δ: signed, |δ| ≤ max(targetOn, T − targetOff)·2^F_y. */
  public int errorWidth(int timesteps) {
    long max = (long) Math.max(targetOn, timesteps - targetOff) << outputFracBits;
    return Fx.signedWidthFor(-max, max);
  }

  /**
   * Bits of a hidden neuron's learning signal {@code L_j = Σ_k B_jk δ_k} over {@code classes} outputs
   * (B: random entries of {@link #feedbackWidth} bits, or the output layer's B-bit weights), exact.
   */
  public int learningSignalWidth(HwCore core) {
    HwLayer o = core.outputLayer();
    long maxB = 1L << ((randomFeedback ? feedbackWidth : o.weightWidth()) - 1);
    long maxD = (long) Math.max(targetOn, core.timesteps() - targetOff) << outputFracBits;
    long bound = maxB * maxD * o.size();
    return Fx.signedWidthFor(-bound, bound);
  }

  /** Learned feedforward synapses of the hidden layer that carry their own delay (SYNAPTIC), else 0. */
  private static long delaysOf(HwLayer h) {
    return switch (h.delayMode()) {
      case NONE -> 0;
      case AXONAL -> h.inputSize();
      case SYNAPTIC -> (long) h.inputSize() * h.size() + (h.recurrentDelays() ? (long) h.size() * h.size() : 0);
    };
  }

  /**
   * The bits the unit adds to the inference core of {@code core}, by memory: the shadow fraction bits of
   * every weight and learned delay (F_w, F_d: the forward weight and delay fields are the core's), the
   * surrogate codes (T per neuron, hidden and output), the spike histories (T bits per input and per
   * hidden neuron), the random feedback matrix if any, the two tables, and the per-neuron learning
   * signals. Entries of 0 bits are left out.
   */
  public List<Storage> storage(HwCore core) {
    checkLearnable(core);
    HwLayer h = core.layers().get(0);
    HwLayer o = core.outputLayer();
    int t = core.timesteps();
    List<Storage> s = new ArrayList<>();
    long hiddenWeights = (long) h.inputSize() * h.size() + (h.recurrent() ? (long) h.size() * h.size() : 0);
    add(s, new Storage("hidden shadow-weight fraction bits", hiddenWeights, weightFracBits));
    add(s, new Storage("output shadow-weight fraction bits", (long) o.inputSize() * o.size(), weightFracBits));
    add(s, new Storage("shadow-delay fraction bits", delaysOf(h), delayFracBits));
    add(s, new Storage("surrogate codes", (long) (h.size() + o.size()) * t, psiCodeWidth()));
    add(s, new Storage("spike histories", (long) h.inputSize() + h.size(), t));
    if (randomFeedback) {
      add(s, new Storage("random feedback matrix", (long) h.size() * o.size(), feedbackWidth));
    }
    add(s, new Storage("surrogate table", psiTable.length, psiWidth()));
    add(s, new Storage("FIR taps", derivTaps.length, tapWidth()));
    add(s, new Storage("learning signals", h.size(), learningSignalWidth(core)));
    add(s, new Storage("output errors", o.size(), errorWidth(t)));
    return s;
  }

  /** Sum of {@link #storage}. */
  public long storageBits(HwCore core) {
    long sum = 0;
    for (Storage x : storage(core)) {
      sum += x.totalBits();
    }
    return sum;
  }

  private static void add(List<Storage> s, Storage x) {
    if (x.totalBits() > 0) {
      s.add(x);
    }
  }

  /** {@code items} entries of {@code bits} bits each, for {@code what}. */
  public record Storage(String what, long items, int bits) {
    /** items · bits. */
    public long totalBits() {
      return items * bits;
    }
  }

  @Override
  public int[] psiTable() {
    return psiTable.clone();
  }

  @Override
  public int[] derivTaps() {
    return derivTaps.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HwThreeFactorLearning x && x.weightFracBits == weightFracBits
        && x.delayFracBits == delayFracBits && x.roundingBits == roundingBits && x.traceFracBits == traceFracBits
        && x.psiShift == psiShift && x.psiFracBits == psiFracBits && Arrays.equals(x.psiTable, psiTable)
        && x.derivFracBits == derivFracBits && Arrays.equals(x.derivTaps, derivTaps)
        && x.eligibilityWidth == eligibilityWidth && x.kappaShift == kappaShift && x.outputFracBits == outputFracBits
        && x.targetOn == targetOn && x.targetOff == targetOff && x.randomFeedback == randomFeedback
        && x.feedbackWidth == feedbackWidth && x.hiddenWeightShift == hiddenWeightShift
        && x.recurrentWeightShift == recurrentWeightShift && x.outputWeightShift == outputWeightShift
        && x.delayShift == delayShift;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(new Object[] {weightFracBits, delayFracBits, roundingBits, traceFracBits, psiShift,
        psiFracBits, Arrays.hashCode(psiTable), derivFracBits, Arrays.hashCode(derivTaps), eligibilityWidth,
        kappaShift, outputFracBits, targetOn, targetOff, randomFeedback, feedbackWidth, hiddenWeightShift,
        recurrentWeightShift, outputWeightShift, delayShift});
  }

  @Override
  public String toString() {
    return "HwThreeFactorLearning[F_w=" + weightFracBits + ", F_d=" + delayFracBits + ", K=" + roundingBits + ", F_x="
        + traceFracBits + ", psi=2^" + psiShift + " bins " + Arrays.toString(psiTable) + " P=" + psiFracBits
        + ", taps=" + Arrays.toString(derivTaps) + " P_g=" + derivFracBits + ", A=" + eligibilityWidth + ", kappa="
        + kappaShift + ", F_y=" + outputFracBits + ", targets=" + targetOn + "/" + targetOff + ", feedback="
        + (randomFeedback ? "random " + feedbackWidth + " bits" : "symmetric") + ", shifts W=" + hiddenWeightShift
        + " R=" + recurrentWeightShift + " O=" + outputWeightShift + " d=" + delayShift + "]";
  }
}
