package dev.spikeforge.golden.spec.hw;

import dev.spikeforge.golden.numerics.Fx;
import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.ReadoutMode;
import dev.spikeforge.golden.spec.SpecException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The hardware spec of a desire-backpropagation learning unit (docs/learning.md §3–4, the unit's
 * design in docs/hardware.md "Desire learning unit"): every width and constant of the integer rule
 * that the unit's datapath and memories are elaborated from, for the core {@code core}. Like {@link
 * HwCore}, it holds no weights; the shadow weights live in the core's weight memories, one {@code
 * B + E}-bit word per synapse, and the forward weight is derived on every read as {@code
 * sat_B(shr_E^HALF_UP(sh))}.
 *
 * <p>The per-epoch learning-rate exponent s(e) is a register written by the host; everything else
 * here is fixed at elaboration.
 *
 * @param shadowBits E_l per layer, extra fraction bits of layer l's shadow weights, 0..15
 * @param roundingBits K, LFSR bits of the stochastic rounding of each update (docs/learning.md §3.6,
 *     §4.2), 0 = floor, 1..{@value #MAX_ROUNDING_BITS}
 * @param traceFracBits F, fraction bits of the presynaptic traces (a spike adds 2^F), 0..12
 * @param leakShift k of the traces and membranes, 1..15
 * @param layerDelay D, the axonal delay of every layer after the first, 0..{@link #MAX_LAYER_DELAY}
 * @param thresholdShifts q_l per layer: layer l's threshold is 2^q_l
 * @param errorScales T_eff per layer: the error normaliser of its neurons, 1..T
 * @param outputDesireThreshold D_out, in spike counts, 0..T−1
 * @param hiddenDesireThresholds D_l per layer; entry 0 is unused (0), entries 1.. are the thresholds of
 *     the desire sums carried by layer l's weights (decide the desire of layer l−1's neurons)
 * @param dropoutThresholds P per dropout group: entry 0 the input channels, entry l the neurons of
 *     hidden layer l−1; a unit is dropped iff its 8-bit draw is below P (0 = no dropout, no draws)
 * @param dropoutScales S per dropout group (the same groups as {@code dropoutThresholds}): the rescale
 *     {@code I' = shr_8^HALF_UP(S·I)} of the current of the layer those units feed (entry l rescales layer
 *     l's input current), unsigned {@value #DROPOUT_SCALE_WIDTH} bits with {@value #DROPOUT_SCALE_FRAC_BITS}
 *     fraction bits, {@code round_half_up(256/(1−p))}: {@value #UNIT_DROPOUT_SCALE} (p = 0) ..
 *     {@value #MAX_DROPOUT_SCALE} (p ≤ 0.75). Applied in training samples only, whatever P
 * @param rateExponentWidth bits of the learning-rate exponent register s
 */
public record HwDesireLearning(
    int[] shadowBits,
    int roundingBits,
    int traceFracBits,
    int leakShift,
    int layerDelay,
    int[] thresholdShifts,
    int[] errorScales,
    int outputDesireThreshold,
    long[] hiddenDesireThresholds,
    int[] dropoutThresholds,
    int[] dropoutScales,
    int rateExponentWidth) implements HwLearning {

  /** Largest T: the unit keeps one T-bit spike history per neuron (the trainer's limit). */
  public static final int MAX_TIMESTEPS = 64;
  /** Most LFSR bits per stochastically rounded update (the trainer takes its limit from here). */
  public static final int MAX_ROUNDING_BITS = 32;
  /** Most extra fraction bits of a shadow weight (the trainer takes its limit from here). */
  public static final int MAX_SHADOW_BITS = 15;
  /** Widest shadow word B + E (the trainer keeps shadows in an {@code int}). */
  public static final int MAX_SHADOW_WIDTH = 31;
  /** Largest inter-layer delay D the unit replays. */
  public static final int MAX_LAYER_DELAY = 15;
  /** Bits of one dropout draw ({@code Lfsr.nextBits(8)}, docs/learning.md §4). */
  public static final int DROPOUT_DRAW_BITS = 8;
  /** Bits of a dropout rescale factor S (unsigned). */
  public static final int DROPOUT_SCALE_WIDTH = 12;
  /** Fraction bits of S. */
  public static final int DROPOUT_SCALE_FRAC_BITS = 8;
  /** S of a group without dropout: 1.0. */
  public static final int UNIT_DROPOUT_SCALE = 1 << DROPOUT_SCALE_FRAC_BITS;
  /** Largest S: 2^12 − 1 (p ≤ 0.75 gives at most 1024). */
  public static final int MAX_DROPOUT_SCALE = (1 << DROPOUT_SCALE_WIDTH) - 1;

  public HwDesireLearning {
    SpecException.inRange(roundingBits, 0, MAX_ROUNDING_BITS, "roundingBits", "LFSR bits per update, 0 = floor");
    SpecException.inRange(traceFracBits, 0, 12, "traceFracBits", "fraction bits of the traces");
    SpecException.inRange(leakShift, 1, 15, "leakShift", "trace and membrane leak v − (v >> k)");
    SpecException.inRange(layerDelay, 0, MAX_LAYER_DELAY, "layerDelay", "steps between layers");
    SpecException.check(thresholdShifts != null && thresholdShifts.length > 0, "thresholdShifts", "one per layer");
    int layers = thresholdShifts.length;
    SpecException.check(errorScales != null && errorScales.length == layers, "errorScales", "one per layer");
    SpecException.check(hiddenDesireThresholds != null && hiddenDesireThresholds.length == layers,
        "hiddenDesireThresholds", "one per layer (entry 0 unused)");
    SpecException.check(dropoutThresholds != null && dropoutThresholds.length == layers, "dropoutThresholds",
        "one per dropout group: the inputs, then each hidden layer");
    SpecException.check(dropoutScales != null && dropoutScales.length == layers, "dropoutScales",
        "one per dropout group: the inputs, then each hidden layer");
    SpecException.check(shadowBits != null && shadowBits.length == layers, "shadowBits", "one per layer");
    dropoutScales = dropoutScales.clone();
    shadowBits = shadowBits.clone();
    thresholdShifts = thresholdShifts.clone();
    errorScales = errorScales.clone();
    hiddenDesireThresholds = hiddenDesireThresholds.clone();
    dropoutThresholds = dropoutThresholds.clone();
    for (int l = 0; l < layers; l++) {
      SpecException.inRange(shadowBits[l], 0, MAX_SHADOW_BITS, "shadowBits[" + l + "]",
          "extra fraction bits of the shadow weights");
      SpecException.inRange(thresholdShifts[l], 0, 30, "thresholdShifts[" + l + "]", "threshold 2^q");
      SpecException.inRange(errorScales[l], 1, MAX_TIMESTEPS, "errorScales[" + l + "]", "T_eff");
      SpecException.inRange(dropoutThresholds[l], 0, (1 << DROPOUT_DRAW_BITS) - 1, "dropoutThresholds[" + l + "]",
          "compared with an 8-bit draw");
      SpecException.inRange(dropoutScales[l], UNIT_DROPOUT_SCALE, MAX_DROPOUT_SCALE, "dropoutScales[" + l + "]",
          "round_half_up(256/(1−p)) with 8 fraction bits, 256 for p = 0");
      if (l == 0) {
        SpecException.check(hiddenDesireThresholds[0] == 0, "hiddenDesireThresholds[0]",
            "is unused (layer 0's inputs have no desire) and must be 0, got " + hiddenDesireThresholds[0]);
      } else {
        SpecException.check(hiddenDesireThresholds[l] >= 1, "hiddenDesireThresholds[" + l + "]",
            hiddenDesireThresholds[l] + " must be at least 1");
      }
    }
    SpecException.inRange(outputDesireThreshold, 0, MAX_TIMESTEPS - 1, "outputDesireThreshold", "in spike counts");
    SpecException.inRange(rateExponentWidth, 1, 8, "rateExponentWidth", "bits of the learning-rate exponent register");
  }

  /**
   * Whether some dropout group draws (P &gt; 0): the unit then takes the dropout LFSR's start state with
   * every training sample (the one definition of the training command's {@code dropoutState} field).
   */
  public boolean drawsDropout() {
    for (int p : dropoutThresholds) {
      if (p > 0) {
        return true;
      }
    }
    return false;
  }

  /** Layers the unit learns (all of the core's). */
  public int layers() {
    return thresholdShifts.length;
  }

  /**
   * Checks that {@code core} is a network this unit can learn and that this spec belongs to it;
   * each refusal names the layer, what it has and what the unit needs. {@link HwCore} runs it when a
   * core with a learning spec is built.
   *
   * @throws SpecException otherwise
   */
  @Override
  public void checkLearnable(HwCore core) {
    checkLearnable(core.timesteps(), core.readoutMode(), core.layers());
  }

  /** The layer with this spec's shadow bits and current scale ({@link HwLayer#withLearning}). */
  @Override
  public HwLayer learningLayer(int l, HwLayer plain) {
    return plain.withLearning(shadowBits[l], inputScale(l));
  }

  /** The layer's own feedforward synapses: its lane word's weight field is the B + E_l-bit shadow. */
  @Override
  public HwSynapses storedSynapses(HwLayer layer) {
    return layer.feedforward();
  }

  /** The layer's own axonal word: the desire unit does not learn delays. */
  @Override
  public HwWordLayout storedAxonalWord(HwLayer layer) {
    return layer.axonalWord();
  }

  /** {@link #checkLearnable(HwCore)} on the parts of a core (its constructor calls this before it exists). */
  void checkLearnable(int timesteps, ReadoutMode readoutMode, List<HwLayer> layerList) {
    SpecException.check(layerList.size() == layers(), "thresholdShifts",
        layers() + " entries for a core of " + layerList.size() + " layers");
    SpecException.check(timesteps <= MAX_TIMESTEPS, "timesteps",
        "the desire learning unit keeps a spike history of T bits per neuron, T ≤ " + MAX_TIMESTEPS
            + "; the core runs " + timesteps + " steps");
    SpecException.check(readoutMode == ReadoutMode.SPIKE_COUNT, "readoutMode",
        "is " + readoutMode + "; the desire learning unit learns from the spike counts of all T steps and does not"
            + " exit early: compile a SPIKE_COUNT network (train without --early-exit)");
    for (int l = 0; l < layerList.size(); l++) {
      HwLayer h = layerList.get(l);
      String at = "layers[" + l + "]";
      SpecException.check(h.kind() == LayerKind.DENSE, at + ".kind",
          "is BINARIZED; the desire learning unit learns DENSE layers only"
              + " (train the binarized network in the golden model)");
      SpecException.check(!h.recurrent(), at + ".recurrent",
          "has recurrent synapses; desire backpropagation learns feed-forward layers only");
      DelayMode expected = l == 0 || layerDelay == 0 ? DelayMode.NONE : DelayMode.AXONAL;
      SpecException.check(h.delayMode() == expected, at + ".delayMode", "is " + h.delayMode()
          + "; the desire learning unit needs " + expected + (l == 0 ? " (no delays on the first layer)"
              : " (the uniform inter-layer delay D = " + layerDelay + ")"));
      int maxDelay = l == 0 ? 0 : layerDelay;
      SpecException.check(h.maxDelay() == maxDelay, at + ".maxDelay", "is " + h.maxDelay()
          + "; the desire learning unit needs " + maxDelay + (l == 0 ? " (no delays on the first layer)"
              : " (the uniform inter-layer delay D)"));
      SpecException.check(errorScales[l] <= timesteps, "errorScales[" + l + "]",
          errorScales[l] + " exceeds T = " + timesteps);
      SpecException.check(thresholdShifts[l] <= h.membraneWidth() - 2, "thresholdShifts[" + l + "]",
          "threshold 2^" + thresholdShifts[l] + " does not fit the signed " + h.membraneWidth() + "-bit membrane of "
              + at);
      SpecException.check(h.weightWidth() + shadowBits[l] <= MAX_SHADOW_WIDTH, "shadowBits[" + l + "]",
          "B + E = " + h.weightWidth() + " + " + shadowBits[l] + " exceeds " + MAX_SHADOW_WIDTH + " bits");
    }
  }

  /** B + E_l: bits of layer l's shadow weight (and of its weight-memory field) for B-bit forward weights. */
  public int shadowWidth(int l, int weightWidth) {
    return weightWidth + shadowBits[l];
  }

  /** Bits of a presynaptic trace: F + k + 1 (its maximum is 2^(F+k)). */
  public int traceWidth() {
    return traceFracBits + leakShift + 1;
  }

  /** Bits of a trace sum U over at most T spikes: {@code traceWidth + ceil(log2 T)}. */
  public int traceSumWidth(int timesteps) {
    return Fx.unsignedWidthFor((long) timesteps << (traceFracBits + leakShift));
  }

  /** Bits of a spike count 0..T. */
  public static int countWidth(int timesteps) {
    return Fx.unsignedWidthFor(timesteps);
  }

  /** Bits of the scaled error ε' of layer l: 0..max(T_eff, T). */
  public int errorWidth(int l, int timesteps) {
    return Fx.unsignedWidthFor(Math.max(errorScales[l], timesteps));
  }

  /** Bits of the signed desire term g = d·ε' of layer l. */
  public int desireTermWidth(int l, int timesteps) {
    return errorWidth(l, timesteps) + 1;
  }

  /**
   * Bits of layer l's desire sum {@code A_i = Σ_j w_ji·g_j} (exact) for B-bit weights and a layer of
   * {@code size} neurons.
   */
  public int desireSumWidth(int l, int weightWidth, int size, int timesteps) {
    long maxW = 1L << (weightWidth - 1);
    long maxG = (1L << errorWidth(l, timesteps)) - 1;
    long bound = maxW * maxG * size;
    return Fx.signedWidthFor(-bound, bound);
  }

  /** Bits of the signed update shift R_l = s + F − q_l − E_l, for every layer and every s the register holds. */
  public int updateShiftWidth() {
    long lo = 0;
    for (int l = 0; l < layers(); l++) {
      lo = Math.min(lo, -(long) thresholdShifts[l] - shadowBits[l]);
    }
    long hi = ((1L << rateExponentWidth) - 1) + traceFracBits;
    return Fx.signedWidthFor(lo, hi);
  }

  /**
   * The bits the unit adds to an inference core of {@code core}, by memory: the shadow bits of every
   * weight (E_l per synapse of layer l; the forward weight is derived), the spike histories (T bits
   * per input and neuron), and the per-neuron desire terms. For fit checks and cost tables.
   */
  public List<Storage> storage(HwCore core) {
    List<Storage> s = new ArrayList<>();
    for (int l = 0; l < core.layers().size(); l++) {
      HwLayer h = core.layers().get(l);
      s.add(new Storage("layer " + l + " shadow bits", (long) h.inputSize() * h.size(), shadowBits[l]));
    }
    long units = core.inputSize();
    for (HwLayer h : core.layers()) {
      units += h.size();
    }
    s.add(new Storage("spike histories", units, core.timesteps()));
    long neurons = 0;
    int termWidth = 0;
    for (int l = 0; l < core.layers().size(); l++) {
      neurons += core.layers().get(l).size();
      termWidth = Math.max(termWidth, desireTermWidth(l, core.timesteps()));
    }
    s.add(new Storage("desire terms", neurons, termWidth));
    return s;
  }

  /** {@code items} entries of {@code bits} bits each, for {@code what}. */
  public record Storage(String what, long items, int bits) {
    /** items · bits. */
    public long totalBits() {
      return items * bits;
    }
  }

  @Override
  public int[] shadowBits() {
    return shadowBits.clone();
  }

  @Override
  public int[] thresholdShifts() {
    return thresholdShifts.clone();
  }

  @Override
  public int[] errorScales() {
    return errorScales.clone();
  }

  @Override
  public long[] hiddenDesireThresholds() {
    return hiddenDesireThresholds.clone();
  }

  @Override
  public int[] dropoutThresholds() {
    return dropoutThresholds.clone();
  }

  @Override
  public int[] dropoutScales() {
    return dropoutScales.clone();
  }

  /** S of layer l's input current: {@code dropoutScales[l]}. */
  public int inputScale(int l) {
    return dropoutScales[l];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HwDesireLearning x && Arrays.equals(x.shadowBits, shadowBits)
        && x.roundingBits == roundingBits && x.traceFracBits == traceFracBits
        && x.leakShift == leakShift && x.layerDelay == layerDelay && Arrays.equals(x.thresholdShifts, thresholdShifts)
        && Arrays.equals(x.errorScales, errorScales) && x.outputDesireThreshold == outputDesireThreshold
        && Arrays.equals(x.hiddenDesireThresholds, hiddenDesireThresholds)
        && Arrays.equals(x.dropoutThresholds, dropoutThresholds) && Arrays.equals(x.dropoutScales, dropoutScales)
        && x.rateExponentWidth == rateExponentWidth;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(new Object[] {Arrays.hashCode(shadowBits), roundingBits, traceFracBits, leakShift,
        layerDelay, Arrays.hashCode(thresholdShifts), Arrays.hashCode(errorScales), outputDesireThreshold,
        Arrays.hashCode(hiddenDesireThresholds), Arrays.hashCode(dropoutThresholds), Arrays.hashCode(dropoutScales),
        rateExponentWidth});
  }

  @Override
  public String toString() {
    return "HwDesireLearning[E=" + Arrays.toString(shadowBits) + ", K=" + roundingBits + ", F=" + traceFracBits
        + ", k=" + leakShift + ", D=" + layerDelay + ", q=" + Arrays.toString(thresholdShifts) + ", T_eff="
        + Arrays.toString(errorScales) + ", D_out=" + outputDesireThreshold + ", D_l="
        + Arrays.toString(hiddenDesireThresholds) + ", P=" + Arrays.toString(dropoutThresholds) + ", S=" + Arrays.toString(dropoutScales)
        + ", s bits="
        + rateExponentWidth + "]";
  }
}
