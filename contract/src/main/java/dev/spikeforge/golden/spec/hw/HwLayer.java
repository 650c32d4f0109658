package dev.spikeforge.golden.spec.hw;

import dev.spikeforge.golden.delay.DelayRing;
import dev.spikeforge.golden.numerics.Fx;
import dev.spikeforge.golden.numerics.Rounding;
import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NeuronSpec;
import dev.spikeforge.golden.spec.SpecException;

/**
 * The hardware structure of one layer of the neuron-array core: everything its RTL depends on.
 * Weights, delays and neuron parameters are not part of it; they live in memory images
 * ({@link HwCore#memories()}), so every network with the same structure runs on the same RTL.
 *
 * <p>Neurons are processed {@code lanes} at a time: neuron {@code j} belongs to group {@code j /
 * lanes} and lane {@code j % lanes}.
 *
 * @param kind DENSE or BINARIZED
 * @param inputSize presynaptic inputs (fan-in)
 * @param size neurons
 * @param lanes P, neurons updated (and weights read) per clock, 1..size
 * @param weightWidth signed weight bits (DENSE 2..16), 1 (BINARIZED)
 * @param membraneWidth signed membrane bits, 2..32
 * @param maxDelay largest delay, 0..255 (sets the number of pending-current slots)
 * @param delayMode which feedforward delays are implemented
 * @param recurrent whether the layer has recurrent synapses
 * @param recurrentDelays whether recurrent synapses have per-synapse delays (else all 1)
 * @param feedforwardMode EVENT or CHUNK (CHUNK: BINARIZED with delayMode NONE only)
 * @param feedforwardEdgeWidth spike bits per entry of the input edge: the previous layer's lanes, or
 *     the core's input word width for layer 0
 * @param recurrentMode EVENT or CHUNK (CHUNK: BINARIZED recurrent without recurrent delays only;
 *     EVENT when not recurrent)
 * @param feedforwardMemory where the feedforward weight memory lives (BLOCK_RAM or SPRAM)
 * @param recurrentMemory where the recurrent weight memory lives (BLOCK_RAM when not recurrent)
 * @param shadowBits E, extra fraction bits of the shadow word each feedforward synapse stores in a learning
 *     core ({@link HwCore#learning()}): the feedforward weight field is {@code B + E} bits and the RTL derives
 *     the forward weight {@code sat_B(shr_E^HALF_UP(sh))} on every read; 0 in an inference core
 * @param currentScale S, the dropout rescale of the layer's input current in training samples of a learning
 *     core, {@code I' = shr_8^HALF_UP(S·I)} (8 fraction bits; {@value HwDesireLearning#UNIT_DROPOUT_SCALE} = 1,
 *     also in every inference core); it widens the neuron's current input ({@link #neuron()}), not C
 */
public record HwLayer(
    LayerKind kind,
    int inputSize,
    int size,
    int lanes,
    int weightWidth,
    int membraneWidth,
    int maxDelay,
    DelayMode delayMode,
    boolean recurrent,
    boolean recurrentDelays,
    SynapseMode feedforwardMode,
    int feedforwardEdgeWidth,
    SynapseMode recurrentMode,
    MemoryKind feedforwardMemory,
    MemoryKind recurrentMemory,
    int shadowBits,
    int currentScale) {

  /** A layer with every weight memory in block RAM. */
  public HwLayer(LayerKind kind, int inputSize, int size, int lanes, int weightWidth, int membraneWidth, int maxDelay,
      DelayMode delayMode, boolean recurrent, boolean recurrentDelays, SynapseMode feedforwardMode,
      int feedforwardEdgeWidth, SynapseMode recurrentMode) {
    this(kind, inputSize, size, lanes, weightWidth, membraneWidth, maxDelay, delayMode, recurrent, recurrentDelays,
        feedforwardMode, feedforwardEdgeWidth, recurrentMode, MemoryKind.BLOCK_RAM, MemoryKind.BLOCK_RAM);
  }

  /** A layer of an inference core (no shadow bits, unit current scale) with its weight memories placed as given. */
  public HwLayer(LayerKind kind, int inputSize, int size, int lanes, int weightWidth, int membraneWidth, int maxDelay,
      DelayMode delayMode, boolean recurrent, boolean recurrentDelays, SynapseMode feedforwardMode,
      int feedforwardEdgeWidth, SynapseMode recurrentMode, MemoryKind feedforwardMemory, MemoryKind recurrentMemory) {
    this(kind, inputSize, size, lanes, weightWidth, membraneWidth, maxDelay, delayMode, recurrent, recurrentDelays,
        feedforwardMode, feedforwardEdgeWidth, recurrentMode, feedforwardMemory, recurrentMemory, 0,
        HwDesireLearning.UNIT_DROPOUT_SCALE);
  }

  /** The same layer with its weight memories placed as given. */
  public HwLayer withMemories(MemoryKind feedforward, MemoryKind recurrentKind) {
    return new HwLayer(kind, inputSize, size, lanes, weightWidth, membraneWidth, maxDelay, delayMode, recurrent,
        recurrentDelays, feedforwardMode, feedforwardEdgeWidth, recurrentMode, feedforward, recurrentKind, shadowBits,
        currentScale);
  }

  /**
   * The same layer with E shadow bits per feedforward synapse and current scale S, as a learning core
   * sets them from its {@link HwDesireLearning} ({@code 0, 256}: the inference layer).
   */
  public HwLayer withLearning(int shadowBits, int currentScale) {
    return new HwLayer(kind, inputSize, size, lanes, weightWidth, membraneWidth, maxDelay, delayMode, recurrent,
        recurrentDelays, feedforwardMode, feedforwardEdgeWidth, recurrentMode, feedforwardMemory, recurrentMemory,
        shadowBits, currentScale);
  }

  /** Whether the layer has the learning fields of an inference core: no shadow bits, unit current scale. */
  public boolean plain() {
    return shadowBits == 0 && currentScale == HwDesireLearning.UNIT_DROPOUT_SCALE;
  }

  public HwLayer {
    SpecException.check(kind != null, "kind", "missing");
    SpecException.inRange(inputSize, 1, LayerSpec.MAX_NEURONS, "inputSize", "");
    SpecException.inRange(size, 1, LayerSpec.MAX_NEURONS, "size", "");
    SpecException.inRange(lanes, 1, size, "lanes", "at least 1 and at most the layer size");
    if (kind == LayerKind.BINARIZED) {
      SpecException.inRange(weightWidth, 1, 1, "weightWidth", "binarized");
    } else {
      SpecException.inRange(weightWidth, 2, LayerSpec.MAX_WEIGHT_WIDTH, "weightWidth", "");
    }
    SpecException.inRange(membraneWidth, 2, NeuronSpec.MAX_MEMBRANE_WIDTH, "membraneWidth", "");
    SpecException.inRange(maxDelay, 0, LayerSpec.MAX_DELAY, "maxDelay", "");
    SpecException.check(delayMode != null, "delayMode", "missing");
    SpecException.check(!recurrentDelays || recurrent, "recurrentDelays", "only a recurrent layer has recurrent delays");
    SpecException.check(feedforwardMode != null && recurrentMode != null, "feedforwardMode", "missing");
    SpecException.check(
        feedforwardMode == SynapseMode.EVENT || (kind == LayerKind.BINARIZED && delayMode == DelayMode.NONE),
        "feedforwardMode", "CHUNK needs a BINARIZED layer without feedforward delays");
    SpecException.check(
        recurrentMode == SynapseMode.EVENT || (kind == LayerKind.BINARIZED && recurrent && !recurrentDelays),
        "recurrentMode", "CHUNK needs a recurrent BINARIZED layer without recurrent delays");
    SpecException.inRange(feedforwardEdgeWidth, 1, LayerSpec.MAX_NEURONS, "feedforwardEdgeWidth", "");
    SpecException.check(feedforwardMemory != null, "feedforwardMemory", "missing");
    SpecException.check(recurrentMemory != null, "recurrentMemory", "missing");
    SpecException.check(recurrent || recurrentMemory == MemoryKind.BLOCK_RAM, "recurrentMemory",
        "must be BLOCK_RAM for a layer without recurrent synapses");
    LayerSpec.checkSynapticSumFits(kind, inputSize, recurrent ? size : 0, weightWidth);
    SpecException.inRange(shadowBits, 0, HwDesireLearning.MAX_SHADOW_BITS, "shadowBits",
        "extra fraction bits of the shadow words (0 in an inference core)");
    SpecException.check(shadowBits == 0 || kind == LayerKind.DENSE, "shadowBits", "only DENSE layers store shadow words");
    SpecException.check(weightWidth + shadowBits <= HwDesireLearning.MAX_SHADOW_WIDTH, "shadowBits",
        "B + E = " + weightWidth + " + " + shadowBits + " exceeds " + HwDesireLearning.MAX_SHADOW_WIDTH + " bits");
    SpecException.inRange(currentScale, HwDesireLearning.UNIT_DROPOUT_SCALE, HwDesireLearning.MAX_DROPOUT_SCALE,
        "currentScale", "S with 8 fraction bits, 256 = 1");
  }

  /** Largest |weight|: 2^(w−1) (DENSE), 1 (BINARIZED). */
  static long maxAbsWeight(LayerKind kind, int weightWidth) {
    return kind == LayerKind.BINARIZED ? 1 : 1L << (weightWidth - 1);
  }

  /** Neuron groups: ceil(size / lanes); one neuron-pass clock each. */
  public int groups() {
    return (size + lanes - 1) / lanes;
  }

  /**
   * C, bits of the exact synaptic current and of every partial sum in the pending-current memory:
   * holds ±(largest |weight|) · (inputSize + recurrent size).
   */
  public int currentWidth() {
    long bound = maxAbsWeight(kind, weightWidth) * ((long) inputSize + (recurrent ? size : 0));
    return Fx.signedWidthFor(-bound, bound);
  }

  /** R, slots of the pending-current ring ({@link DelayRing#slots(int, boolean)}). */
  public int ringSlots() {
    return DelayRing.slots(maxDelay, delayMode != DelayMode.NONE || recurrent);
  }

  /** Bits of a slot number (at least 1). */
  public int slotWidth() {
    return Fx.unsignedWidthFor(ringSlots() - 1);
  }

  /** Bits of a feedforward delay field (axonal or per-synapse), 0..maxDelay. */
  public int delayWidth() {
    return delayMode == DelayMode.NONE ? 0 : Fx.unsignedWidthFor(maxDelay);
  }

  /** Bits of a recurrent delay field, 1..max(1, maxDelay). */
  public int recurrentDelayWidth() {
    return recurrentDelays ? Fx.unsignedWidthFor(Math.max(1, maxDelay)) : 0;
  }

  /**
   * Bits of the feedforward weight field in memory: {@code B + E} (the shadow word of a learning core),
   * B in an inference core.
   */
  public int storedWeightWidth() {
    return weightWidth + shadowBits;
  }

  /**
   * The feedforward synapses; their {@code weightWidth} is {@link #storedWeightWidth()} (the shadow word
   * in a learning core: the RTL derives the B-bit forward weight from it on every read).
   */
  public HwSynapses feedforward() {
    return new HwSynapses(false, feedforwardMode, kind, inputSize, feedforwardEdgeWidth, lanes, groups(),
        storedWeightWidth(), delayMode == DelayMode.SYNAPTIC ? delayWidth() : 0, 0);
  }

  /** The recurrent synapses, or null when the layer is not recurrent. */
  public HwSynapses recurrentSynapses() {
    if (!recurrent) {
      return null;
    }
    return new HwSynapses(true, recurrentMode, kind, size, lanes, lanes, groups(), weightWidth, recurrentDelayWidth(), 1);
  }

  /**
   * Bits of the current the neuron integrates: C, or in a learning core with S &gt; 256 the width of
   * {@code I' = shr_8^HALF_UP(S·I)} for every C-bit current I the layer can produce (the rescale of
   * training samples; inference samples pass I unchanged, which fits too).
   */
  public int neuronCurrentWidth() {
    if (currentScale == HwDesireLearning.UNIT_DROPOUT_SCALE) {
      return currentWidth();
    }
    long bound = maxAbsWeight(kind, weightWidth) * ((long) inputSize + (recurrent ? size : 0));
    long hi = Fx.shiftRight(bound * currentScale, HwDesireLearning.DROPOUT_SCALE_FRAC_BITS, Rounding.HALF_UP);
    long lo = Fx.shiftRight(-bound * currentScale, HwDesireLearning.DROPOUT_SCALE_FRAC_BITS, Rounding.HALF_UP);
    return Fx.signedWidthFor(lo, hi);
  }

  /** The widths of this layer's LIF update: M and the current input ({@link #neuronCurrentWidth()}). */
  public HwNeuron neuron() {
    return new HwNeuron(membraneWidth, neuronCurrentWidth());
  }

  /** Bits of the unsigned threshold field ({@link HwNeuron#thresholdWidth()}). */
  public int thresholdWidth() {
    return neuron().thresholdWidth();
  }

  /** Bits of the leak-shift field ({@link HwNeuron#leakShiftWidth()}). */
  public int leakShiftWidth() {
    return neuron().leakShiftWidth();
  }

  /** The neuron-parameter word: threshold, leak shift, reset mode (1 = ZERO, 0 = SUBTRACT). */
  public HwWordLayout paramsWord() {
    return HwWordLayout.sequential("neuron parameters",
        new HwWordLayout.Def("threshold", thresholdWidth(), false),
        new HwWordLayout.Def("leakShift", leakShiftWidth(), false),
        new HwWordLayout.Def("resetZero", 1, false));
  }

  /** The axonal-delay word. */
  public HwWordLayout axonalWord() {
    return HwWordLayout.sequential("axonal delay", new HwWordLayout.Def("delay", Math.max(1, delayWidth()), false));
  }
}
