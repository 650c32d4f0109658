package dev.spikeforge.golden.spec.hw;

import dev.spikeforge.golden.numerics.Fx;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.ReadoutMode;
import dev.spikeforge.golden.spec.SpecException;
import java.util.ArrayList;
import java.util.List;

/**
 * The hardware spec of a neuron-array core: the structure hw-gen elaborates (layer shapes, lanes,
 * widths, delay arrangement, synapse modes, readout), validated and immutable. Network contents
 * (weights, delays, neuron parameters) are in the memory images listed by {@link #memories()};
 * the RTL of a core depends on this record only. Documented in {@code docs/hardware.md}.
 *
 * @param inputSize input channels
 * @param inputWordWidth spike bits per input event-list entry (a power of two, 1..64); beats of
 *     indices in the same word are merged into one entry
 * @param timesteps T, steps per sample
 * @param readoutMode SPIKE_COUNT or FIRST_TO_FIRE
 * @param decisionCount FIRST_TO_FIRE's K (1 for SPIKE_COUNT)
 * @param layers the layers, in order
 * @param learningUnit the learning unit's spec (desire, {@link HwDesireLearning}, or three-factor, {@link
 *     HwThreeFactorLearning}), or null for an inference-only core. A desire core's layers carry its shadow bits
 *     and current scales ({@link HwLayer#withLearning}): the constructor sets them from this spec (and refuses
 *     layers that carry others), after {@link HwLearning#checkLearnable(HwCore)}; a three-factor core's layers
 *     stay plain and its feedforward, axonal and recurrent memories hold the unit's shadow words ({@link
 *     HwLearning#storedSynapses}, {@link HwLearning#storedRecurrentSynapses})
 */
public record HwCore(
    int inputSize, int inputWordWidth, int timesteps, ReadoutMode readoutMode, int decisionCount, List<HwLayer> layers,
    HwLearning learningUnit) {

  /** An inference-only core. */
  public HwCore(int inputSize, int inputWordWidth, int timesteps, ReadoutMode readoutMode, int decisionCount,
      List<HwLayer> layers) {
    this(inputSize, inputWordWidth, timesteps, readoutMode, decisionCount, layers, null);
  }

  /** Verilog name of the generated top module. */
  public static final String TOP = "SnnCore";
  /** Width of the step counter, of {@code out.decisionStep} and of {@code trace.step}. */
  public static final int STEP_WIDTH = 16;
  /**
   * Words of a parameter memory: word 0 holds the layer's neuron parameters, word 1 is reserved and
   * zero (firtool 1.62.1 crashes on memories of depth 1).
   */
  public static final int PARAMS_DEPTH = 2;
  /** Fewest words of any memory (firtool 1.62.1 crashes on depth 1); extra words are zero. */
  public static final int MIN_DEPTH = 2;
  /** Directory of the memory images, relative to the build directory. */
  public static final String MEM_DIR = "mem";

  public HwCore {
    SpecException.inRange(inputSize, 1, LayerSpec.MAX_NEURONS, "inputSize", "");
    SpecException.check(inputWordWidth >= 1 && inputWordWidth <= 64 && Integer.bitCount(inputWordWidth) == 1,
        "inputWordWidth", inputWordWidth + " must be a power of two in 1..64");
    SpecException.inRange(timesteps, 1, 65535, "timesteps", "");
    SpecException.check(readoutMode != null, "readoutMode", "missing");
    SpecException.inRange(decisionCount, 1, readoutMode == ReadoutMode.SPIKE_COUNT ? 1 : 255, "decisionCount", "");
    SpecException.check(layers != null && !layers.isEmpty(), "layers", "at least one layer");
    layers = List.copyOf(layers);
    if (learningUnit != null) {
      try {
        if (learningUnit instanceof HwDesireLearning d) {
          d.checkLearnable(timesteps, readoutMode, layers);
        } else {
          learningUnit.checkLearnable(new HwCore(inputSize, inputWordWidth, timesteps, readoutMode, decisionCount,
              layers, null));
        }
      } catch (SpecException e) {
        throw e.under("learning");
      }
    }
    List<HwLayer> set = new ArrayList<>();
    for (int l = 0; l < layers.size(); l++) {
      HwLayer h = layers.get(l);
      if (learningUnit == null) {
        SpecException.check(h.plain(), "layers[" + l + "].shadowBits",
            "the layer carries shadow bits " + h.shadowBits() + " and current scale " + h.currentScale()
                + " but the core has no learning spec");
        set.add(h);
      } else {
        HwLayer want = learningUnit.learningLayer(l, h.withLearning(0, HwDesireLearning.UNIT_DROPOUT_SCALE));
        SpecException.check(h.plain() || h.equals(want), "layers[" + l + "].shadowBits",
            "the layer carries shadow bits " + h.shadowBits() + " and current scale " + h.currentScale()
                + " but the learning spec has " + want.shadowBits() + " and " + want.currentScale());
        set.add(want);
      }
    }
    layers = List.copyOf(set);
    int expected = inputSize;
    for (int l = 0; l < layers.size(); l++) {
      HwLayer h = layers.get(l);
      SpecException.check(h.inputSize() == expected, "layers[" + l + "].inputSize",
          h.inputSize() + " does not match the size of its input, " + expected);
      int edge = l == 0 ? inputWordWidth : layers.get(l - 1).lanes();
      SpecException.check(h.feedforwardEdgeWidth() == edge, "layers[" + l + "].feedforwardEdgeWidth",
          h.feedforwardEdgeWidth() + " must equal " + (l == 0 ? "inputWordWidth" : "the lanes of layers[" + (l - 1) + "]")
              + " = " + edge);
      expected = h.size();
    }
    memoriesOf(layers, learningUnit); // validates SPRAM geometry
  }

  /** This core with learning spec {@code l} (null: inference only); its layers take the spec's shadow bits and scales. */
  public HwCore withLearning(HwLearning l) {
    List<HwLayer> plain = new ArrayList<>();
    for (HwLayer h : layers) {
      plain.add(h.withLearning(0, HwDesireLearning.UNIT_DROPOUT_SCALE));
    }
    return new HwCore(inputSize, inputWordWidth, timesteps, readoutMode, decisionCount, plain, l);
  }

  /** This core with layers {@code newLayers} (e.g. placed in other memories) and the same learning spec. */
  public HwCore withLayers(List<HwLayer> newLayers) {
    return new HwCore(inputSize, inputWordWidth, timesteps, readoutMode, decisionCount, newLayers, learningUnit);
  }

  /** Whether the core has a learning unit. */
  public boolean learns() {
    return learningUnit != null;
  }

  /** The desire learning unit's spec, or null (an inference-only core, or a three-factor core). */
  public HwDesireLearning learning() {
    return learningUnit instanceof HwDesireLearning d ? d : null;
  }

  /** The three-factor learning unit's spec, or null (an inference-only core, or a desire core). */
  public HwThreeFactorLearning threeFactorLearning() {
    return learningUnit instanceof HwThreeFactorLearning t ? t : null;
  }

  public HwLayer outputLayer() {
    return layers.get(layers.size() - 1);
  }

  public int outputSize() {
    return outputLayer().size();
  }

  /** Bits of {@code in.bits.index}: ceil(log2 inputSize), at least 1. */
  public int indexWidth() {
    return bitsFor(inputSize);
  }

  /** Bits of {@code out.bits.prediction}: ceil(log2 outputSize), at least 1. */
  public int predictionWidth() {
    return bitsFor(outputSize());
  }

  /** Bits of each output spike count: holds 0..T. */
  public int countWidth() {
    return Fx.unsignedWidthFor(timesteps);
  }

  /** Bits of {@code trace.bits.layer}. */
  public int layerWidth() {
    return bitsFor(layers.size());
  }

  /** Bits of {@code trace.bits.neuron}: every neuron index of the largest layer. */
  public int neuronWidth() {
    return bitsFor(layers.stream().mapToInt(HwLayer::size).max().orElseThrow());
  }

  /** Lanes of the trace port: the most lanes of any layer. */
  public int traceLanes() {
    return layers.stream().mapToInt(HwLayer::lanes).max().orElseThrow();
  }

  /** Bits per membrane on the trace port: the widest membrane of any layer (sign-extended). */
  public int traceMembraneWidth() {
    return layers.stream().mapToInt(HwLayer::membraneWidth).max().orElseThrow();
  }

  /** Every memory image of the core, layer by layer: params, feedforward, axonal, recurrent. */
  public List<HwMemory> memories() {
    return memoriesOf(layers, learningUnit);
  }

  private static List<HwMemory> memoriesOf(List<HwLayer> layers, HwLearning unit) {
    List<HwMemory> m = new ArrayList<>();
    for (int l = 0; l < layers.size(); l++) {
      HwLayer h = layers.get(l);
      m.add(memory(l, MemoryRole.PARAMS, PARAMS_DEPTH, 1, h.paramsWord(), MemoryKind.BLOCK_RAM));
      HwSynapses ff = unit == null ? h.feedforward() : unit.storedSynapses(h);
      m.add(memory(l, MemoryRole.FEEDFORWARD, ff.depth(), h.lanes(), ff.laneWord(), h.feedforwardMemory()));
      if (h.delayMode() == DelayMode.AXONAL) {
        HwWordLayout ax = unit == null ? h.axonalWord() : unit.storedAxonalWord(h);
        m.add(memory(l, MemoryRole.AXONAL, h.inputSize(), 1, ax, MemoryKind.BLOCK_RAM));
      }
      if (h.recurrent()) {
        HwSynapses rec = unit == null ? h.recurrentSynapses() : unit.storedRecurrentSynapses(h);
        m.add(memory(l, MemoryRole.RECURRENT, rec.depth(), h.lanes(), rec.laneWord(), h.recurrentMemory()));
      }
    }
    return m;
  }

  /** The memory of layer {@code l} with role {@code role}. */
  public HwMemory memory(int l, MemoryRole role) {
    for (HwMemory m : memories()) {
      if (m.layer() == l && m.role() == role) {
        return m;
      }
    }
    throw new IllegalArgumentException("layer " + l + " has no " + role + " memory");
  }

  private static HwMemory memory(int l, MemoryRole role, int depth, int lanes, HwWordLayout word, MemoryKind kind) {
    String file = MEM_DIR + "/layer" + l + "_" + role.stem() + ".hex";
    try {
      return new HwMemory(l, role, file, Math.max(MIN_DEPTH, depth), lanes, word, kind);
    } catch (SpecException e) {
      throw e.under("layers[" + l + "]." + (role == MemoryRole.RECURRENT ? "recurrentMemory" : "feedforwardMemory"));
    }
  }

  /** SB_SPRAM256KA cells of all SPRAM memories. */
  public int sprams() {
    return memories().stream().mapToInt(HwMemory::sprams).sum();
  }

  /** Whether any weight memory is SPRAM (the load port must write it before the first sample). */
  public boolean usesSpram() {
    return sprams() > 0;
  }

  /**
   * Bits of the load port's memory number: memory k is {@code memories().get(k)}
   * (docs/hardware.md, "Load port").
   */
  public int loadMemoryWidth() {
    return bitsFor(memories().size());
  }

  /** Bits of the load port's word address: the deepest memory's. */
  public int loadAddressWidth() {
    return memories().stream().mapToInt(m -> bitsFor(m.depth())).max().orElseThrow();
  }

  /** Bits of the load port's data: the widest memory word (narrower memories take the low bits). */
  public int loadDataWidth() {
    return memories().stream().mapToInt(HwMemory::width).max().orElseThrow();
  }

  /** Index of memory {@code m} on the load port. */
  public int loadIndex(HwMemory m) {
    int k = memories().indexOf(m);
    if (k < 0) {
      throw new IllegalArgumentException(m.file() + " is not a memory of this core");
    }
    return k;
  }

  /** ceil(log2 n), at least 1. */
  static int bitsFor(int n) {
    return Math.max(1, 32 - Integer.numberOfLeadingZeros(n - 1));
  }
}
