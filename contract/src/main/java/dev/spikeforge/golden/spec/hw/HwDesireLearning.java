package dev.spikeforge.golden.spec.hw;

import dev.spikeforge.golden.numerics.Fx;
import dev.spikeforge.golden.spec.LayerKind;
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
 * @param shadowBits E, extra fraction bits of the shadow weights, 0..15
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
 * @param rateExponentWidth bits of the learning-rate exponent register s
 */
public record HwDesireLearning(
    int shadowBits,
    int traceFracBits,
    int leakShift,
    int layerDelay,
    int[] thresholdShifts,
    int[] errorScales,
    int outputDesireThreshold,
    long[] hiddenDesireThresholds,
    int[] dropoutThresholds,
    int rateExponentWidth) {

  /** Largest T: the unit keeps one T-bit spike history per neuron (the trainer's limit). */
  public static final int MAX_TIMESTEPS = 64;
  /** Largest inter-layer delay D the unit replays. */
  public static final int MAX_LAYER_DELAY = 15;
  /** Bits of one dropout draw ({@code Lfsr.nextBits(8)}, docs/learning.md §4). */
  public static final int DROPOUT_DRAW_BITS = 8;

  public HwDesireLearning {
    SpecException.inRange(shadowBits, 0, 15, "shadowBits", "extra fraction bits of the shadow weights");
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
    thresholdShifts = thresholdShifts.clone();
    errorScales = errorScales.clone();
    hiddenDesireThresholds = hiddenDesireThresholds.clone();
    dropoutThresholds = dropoutThresholds.clone();
    for (int l = 0; l < layers; l++) {
      SpecException.inRange(thresholdShifts[l], 0, 30, "thresholdShifts[" + l + "]", "threshold 2^q");
      SpecException.inRange(errorScales[l], 1, MAX_TIMESTEPS, "errorScales[" + l + "]", "T_eff");
      SpecException.inRange(dropoutThresholds[l], 0, (1 << DROPOUT_DRAW_BITS) - 1, "dropoutThresholds[" + l + "]",
          "compared with an 8-bit draw");
      if (l > 0) {
        SpecException.check(hiddenDesireThresholds[l] >= 1, "hiddenDesireThresholds[" + l + "]",
            hiddenDesireThresholds[l] + " must be at least 1");
      }
    }
    SpecException.inRange(outputDesireThreshold, 0, MAX_TIMESTEPS - 1, "outputDesireThreshold", "in spike counts");
    SpecException.inRange(rateExponentWidth, 1, 8, "rateExponentWidth", "bits of the learning-rate exponent register");
  }

  /** Layers the unit learns (all of the core's). */
  public int layers() {
    return thresholdShifts.length;
  }

  /**
   * Checks that {@code core} is a network this unit can learn and that this spec belongs to it;
   * each refusal names the layer, what it has and what the unit needs.
   *
   * @throws SpecException otherwise
   */
  public void checkLearnable(HwCore core) {
    SpecException.check(core.layers().size() == layers(), "thresholdShifts",
        layers() + " entries for a core of " + core.layers().size() + " layers");
    SpecException.check(core.timesteps() <= MAX_TIMESTEPS, "timesteps",
        "the desire learning unit keeps a spike history of T bits per neuron, T ≤ " + MAX_TIMESTEPS
            + "; the core runs " + core.timesteps() + " steps");
    for (int l = 0; l < core.layers().size(); l++) {
      HwLayer h = core.layers().get(l);
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
      SpecException.check(errorScales[l] <= core.timesteps(), "errorScales[" + l + "]",
          errorScales[l] + " exceeds T = " + core.timesteps());
      SpecException.check(thresholdShifts[l] <= h.membraneWidth() - 2, "thresholdShifts[" + l + "]",
          "threshold 2^" + thresholdShifts[l] + " does not fit the signed " + h.membraneWidth() + "-bit membrane of "
              + at);
    }
  }

  /** B + E: bits of a shadow weight (and of its weight-memory field) for B-bit forward weights. */
  public int shadowWidth(int weightWidth) {
    return weightWidth + shadowBits;
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

  /** Bits of the signed update shift R = s + F − q − E, for every s the register holds. */
  public int updateShiftWidth() {
    int maxQ = Arrays.stream(thresholdShifts).max().orElseThrow();
    long hi = ((1L << rateExponentWidth) - 1) + traceFracBits;
    long lo = -(long) maxQ - shadowBits;
    return Fx.signedWidthFor(lo, hi);
  }

  /**
   * The bits the unit adds to an inference core of {@code core}, by memory: the shadow bits of every
   * weight (E per synapse; the forward weight is derived), the spike histories (T bits per input and
   * neuron), and the per-neuron desire terms. For fit checks and cost tables.
   */
  public List<Storage> storage(HwCore core) {
    List<Storage> s = new ArrayList<>();
    long synapses = 0;
    for (HwLayer h : core.layers()) {
      synapses += (long) h.inputSize() * h.size();
    }
    s.add(new Storage("shadow bits", synapses, shadowBits));
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
  public boolean equals(Object o) {
    return o instanceof HwDesireLearning x && x.shadowBits == shadowBits && x.traceFracBits == traceFracBits
        && x.leakShift == leakShift && x.layerDelay == layerDelay && Arrays.equals(x.thresholdShifts, thresholdShifts)
        && Arrays.equals(x.errorScales, errorScales) && x.outputDesireThreshold == outputDesireThreshold
        && Arrays.equals(x.hiddenDesireThresholds, hiddenDesireThresholds)
        && Arrays.equals(x.dropoutThresholds, dropoutThresholds) && x.rateExponentWidth == rateExponentWidth;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(new Object[] {shadowBits, traceFracBits, leakShift, layerDelay,
        Arrays.hashCode(thresholdShifts), Arrays.hashCode(errorScales), outputDesireThreshold,
        Arrays.hashCode(hiddenDesireThresholds), Arrays.hashCode(dropoutThresholds), rateExponentWidth});
  }

  @Override
  public String toString() {
    return "HwDesireLearning[E=" + shadowBits + ", F=" + traceFracBits + ", k=" + leakShift + ", D=" + layerDelay
        + ", q=" + Arrays.toString(thresholdShifts) + ", T_eff=" + Arrays.toString(errorScales) + ", D_out="
        + outputDesireThreshold + ", D_l=" + Arrays.toString(hiddenDesireThresholds) + ", P="
        + Arrays.toString(dropoutThresholds) + ", s bits=" + rateExponentWidth + "]";
  }
}
