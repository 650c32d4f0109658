package dev.spikeforge.golden.train.threefactor;

import dev.spikeforge.golden.learning.threefactor.RandomFeedback;
import dev.spikeforge.golden.learning.threefactor.UpdateRounding;
import dev.spikeforge.golden.numerics.Lfsr;
import dev.spikeforge.golden.sim.LearningReference;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.ReadoutMode;
import dev.spikeforge.golden.spec.SpecException;
import dev.spikeforge.golden.spec.hw.DelayMode;
import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.golden.spec.hw.HwImage;
import dev.spikeforge.golden.spec.hw.HwLayer;
import dev.spikeforge.golden.spec.hw.HwSynapses;
import dev.spikeforge.golden.spec.hw.HwThreeFactorLearning;
import dev.spikeforge.golden.spec.hw.HwWordLayout;
import dev.spikeforge.golden.train.SampleOutcome;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The golden reference of a three-factor learning core (docs/hardware.md §7.2, docs/learning.md Part II
 * §9): the hardware-form trainer itself ({@link IntThreeFactorModel} in {@link NumericForm#HARDWARE}, whose
 * layers are {@link ReplayLayerLearner}s), trained one sample at a time, seen through the core's memories:
 *
 * <ul>
 *   <li>{@link #learn}: one training sample exactly as {@link IntThreeFactorModel#train} trains it (forward
 *       pass, δ and L with the sample's output weights, the output layer's walk, then the hidden layer's), and
 *       the output spike counts the core's output beat must carry;
 *   <li>{@link #memoryWords(int)}: layer l's feedforward memory for the current shadows, lane by lane a signed
 *       shadow weight of B + F_w bits and, with SYNAPTIC delays, the synapse's shadow delay of delay field + F_d
 *       bits ({@link HwThreeFactorLearning#learningSynapses}), packed by the compiler's packer ({@link
 *       HwImage#synapseWords});
 *   <li>{@link #delayWords(int)}: with AXONAL delays, the inputs' shadow delays ({@link
 *       HwThreeFactorLearning#axonalShadowWord});
 *   <li>{@link #recurrentWords(int)}: a recurrent hidden layer's recurrent memory for the current shadows, lane by
 *       lane a signed shadow weight of B + F_w bits and, with SYNAPTIC delays, the recurrent synapse's shadow
 *       delay ({@link HwThreeFactorLearning#learningRecurrentSynapses}), packed by the same packer;
 *   <li>{@link #roundingState}: the 32-bit start state of layer l's stochastic-rounding stream of a sample,
 *       {@code Lfsr.seeded(seed, UpdateRounding.stream(l, e, p))}, which the host sends with the sample.
 * </ul>
 *
 * <p>The three-factor unit has no dropout and no learning-rate register (its shifts are constants of the
 * spec), so {@link #dropoutState} and {@link #rateExponent} are 0.
 *
 * <p>Built from the core and the network it was compiled from (shadows {@code w << F_w}, {@code d << F_d}: the
 * images a learning core starts from, so its first forward pass is the network's), or from a trainer's state
 * (the exact shadows of a checkpoint). The configuration must be of form HARDWARE and train exactly that
 * network (its hidden layer feedforward or recurrent); the core must be the
 * network's and one the unit can learn ({@link HwThreeFactorLearning#checkLearnable}).
 */
public final class ThreeFactorLearningReference implements LearningReference {
  private final ThreeFactorConfig cfg;
  private final HwThreeFactorLearning spec;
  private final HwCore core;
  private final IntThreeFactorModel model;
  /** The network's structure (names, sizes, kinds): the packer reads no weights or delays from it. */
  private final NetworkSpec structure;
  private SampleOutcome last;

  private ThreeFactorLearningReference(ThreeFactorConfig cfg, HwCore core, NetworkSpec net, byte[] state) {
    this.cfg = Objects.requireNonNull(cfg, "cfg");
    this.core = Objects.requireNonNull(core, "core");
    this.structure = Objects.requireNonNull(net, "net");
    SpecException.check(cfg.form() == NumericForm.HARDWARE, "form", "the learning core runs the hardware form"
        + " (docs/learning.md Part II §9); the configuration is " + cfg.form() + ": train with --hardware-form");
    this.spec = HardwareLearningSpec.of(cfg);
    try {
      spec.checkLearnable(core);
    } catch (SpecException e) {
      throw e.under("core");
    }
    int inputs = net.inputSize();
    int classes = net.layers().get(net.layers().size() - 1).size();
    InitialNetwork drawn = InitialNetwork.generate(cfg, inputs, classes);
    checkNetwork(net, new IntThreeFactorModel(cfg, drawn, inputs, classes, net.timesteps()).export());
    checkCore(core, net);
    if (state == null) {
      // the trainer's own constructor makes the shadows w << F_w, d << F_d; the drawn feedback matrix is kept
      this.model = new IntThreeFactorModel(cfg, drawn.startingFrom(net, cfg.intFormat().delayFracBits()), inputs,
          classes, net.timesteps());
    } else {
      this.model = new IntThreeFactorModel(cfg, drawn, inputs, classes, net.timesteps());
      try {
        model.restore(state);
      } catch (IllegalArgumentException e) {
        throw new SpecException("shadows", "the initial shadows do not fit the configuration: " + e.getMessage());
      }
    }
  }

  /**
   * The reference of the learning core {@code core} compiled from {@code net}: shadow weights {@code w << F_w},
   * shadow delays {@code d << F_d} (exact: the forward weights and delays are {@code net}'s).
   *
   * @throws SpecException naming the field if {@code cfg} is not of form HARDWARE, does not train {@code net},
   *     or {@code core} is not {@code net}'s core or not learnable
   */
  public static ThreeFactorLearningReference of(ThreeFactorConfig cfg, HwCore core, NetworkSpec net) {
    return new ThreeFactorLearningReference(cfg, core, net, null);
  }

  /**
   * The reference starting from a trainer's state ({@link IntThreeFactorModel#state()}, a checkpoint's exact
   * shadows) on the core of {@code net} (the network's structure; its weights are not read).
   */
  public static ThreeFactorLearningReference of(ThreeFactorConfig cfg, HwCore core, NetworkSpec net, byte[] state) {
    return new ThreeFactorLearningReference(cfg, core, net, Objects.requireNonNull(state, "state"));
  }

  /** Checks that {@code net} has the structure of {@code want}, the network the configuration trains. */
  private static void checkNetwork(NetworkSpec net, NetworkSpec want) {
    SpecException.check(net.layers().size() == 2, "layers", "has " + net.layers().size() + " layers; the"
        + " three-factor rule trains INPUTS-HIDDEN-CLASSES (2 layers)");
    SpecException.check(net.timesteps() == want.timesteps(), "timesteps", net.timesteps() + " is not the"
        + " configuration's " + want.timesteps());
    SpecException.check(net.readout().mode() == ReadoutMode.SPIKE_COUNT, "readout", "is " + net.readout().mode()
        + "; the three-factor rule learns from spike counts (SPIKE_COUNT)");
    for (int l = 0; l < 2; l++) {
      LayerSpec a = net.layers().get(l);
      LayerSpec b = want.layers().get(l);
      String f = "layers[" + l + "]";
      SpecException.check(a.kind() == b.kind() && a.inputSize() == b.inputSize() && a.size() == b.size()
          && a.weightWidth() == b.weightWidth(), f, a.kind() + " " + a.inputSize() + "→" + a.size() + " with "
          + a.weightWidth() + "-bit weights is not the configuration's " + b.kind() + " " + b.inputSize() + "→"
          + b.size() + " with " + b.weightWidth() + "-bit weights");
      SpecException.check(a.neuron().equals(b.neuron()), f + ".neuron", a.neuron() + " is not the configuration's "
          + b.neuron());
      SpecException.check(!a.hasNeuronLeaks(), f + ".leakShifts", "per-neuron leak shifts; the three-factor rule has"
          + " one leak shift per layer");
      SpecException.check(a.maxDelay() == b.maxDelay() && (a.axonalDelays() == null) == (b.axonalDelays() == null)
          && (a.synapticDelays() == null) == (b.synapticDelays() == null), f + ".maxDelay", "delays (maxDelay "
          + a.maxDelay() + ", " + delays(a) + ") are not the configuration's (maxDelay " + b.maxDelay() + ", "
          + delays(b) + ")");
      SpecException.check((a.recurrentWeights() == null) == (b.recurrentWeights() == null)
          && (a.recurrentDelays() == null) == (b.recurrentDelays() == null), f + ".recurrentWeights",
          "recurrence (" + (a.recurrentWeights() != null) + ") is not the configuration's ("
              + (b.recurrentWeights() != null) + ")");
    }
  }

  private static String delays(LayerSpec s) {
    return s.axonalDelays() != null ? "axonal" : s.synapticDelays() != null ? "synaptic" : "none";
  }

  /** Checks that {@code core} is the hardware of {@code net}: sizes, widths, T and delay modes. */
  private static void checkCore(HwCore core, NetworkSpec net) {
    SpecException.check(core.inputSize() == net.inputSize() && core.timesteps() == net.timesteps()
        && core.layers().size() == net.layers().size(), "core", "has " + core.inputSize() + " inputs, T = "
        + core.timesteps() + " and " + core.layers().size() + " layers; the network " + net.inputSize() + ", "
        + net.timesteps() + " and " + net.layers().size());
    for (int l = 0; l < core.layers().size(); l++) {
      HwLayer h = core.layers().get(l);
      LayerSpec s = net.layers().get(l);
      DelayMode mode = s.axonalDelays() != null ? DelayMode.AXONAL
          : s.synapticDelays() != null ? DelayMode.SYNAPTIC : DelayMode.NONE;
      SpecException.check(h.inputSize() == s.inputSize() && h.size() == s.size() && h.weightWidth() == s.weightWidth()
          && h.delayMode() == mode && h.maxDelay() == s.maxDelay() && h.recurrent() == s.isRecurrent(),
          "core.layers[" + l + "]", "is not the network's layer " + s.name() + " (sizes, weight width, delays,"
              + " recurrence)");
    }
  }

  /** Trains one labelled sample exactly as {@link IntThreeFactorModel#train} (the hardware form). */
  public SampleOutcome train(SpikeRaster x, int label, int epoch, long position) {
    last = model.train(x, label, epoch, position);
    return last;
  }

  /** Trains one labelled sample ({@link #train}) and returns its output spike counts. */
  @Override
  public int[] learn(SpikeRaster x, int label, int epoch, long position) {
    train(x, label, epoch, position);
    return counts();
  }

  /** The outcome of the last sample trained, or null before the first. */
  public SampleOutcome lastOutcome() {
    return last;
  }

  /** The output spike counts of the last sample (the forward pass before its update), or null before the first. */
  public int[] counts() {
    return model.lastCounts();
  }

  /** The output errors δ_k of the last sample (F_y fraction bits), or null before the first. */
  public long[] outputErrors() {
    return model.lastDeltas();
  }

  /** The learning signals L_j of the last sample's hidden neurons, or null before the first. */
  public long[] learningSignals() {
    return model.lastSignals();
  }

  /** The learning core. */
  public HwCore core() {
    return core;
  }

  /** The unit's spec ({@link HardwareLearningSpec#of}). */
  public HwThreeFactorLearning spec() {
    return spec;
  }

  /** The training configuration. */
  public ThreeFactorConfig config() {
    return cfg;
  }

  private IntLayerLearner layer(int l) {
    if (l < 0 || l > 1) {
      throw new IndexOutOfBoundsException("layer " + l + " of a two-layer core");
    }
    return l == 0 ? model.hidden : model.output;
  }

  /** Layer l's shadow weights {@code [neuron][input]} now (signed B + F_w bits). */
  public long[][] shadowWeights(int l) {
    return IntLayerLearner.copy(layer(l).wS);
  }

  /**
   * Layer l's shadow delays now: SYNAPTIC {@code [neuron][input]}, AXONAL {@code [0][input]}, null without
   * learned delays (the output layer).
   */
  public long[][] shadowDelays(int l) {
    IntLayerLearner x = layer(l);
    return x.synaptic != null ? IntLayerLearner.copy(x.synaptic) : x.axonal != null ? new long[][] {x.axonal.clone()}
        : null;
  }

  /**
   * Layer l's feedforward memory for the current shadows: word {@code i·G + g}, lane p the shadow word (and with
   * SYNAPTIC delays the shadow delay) of synapse (i → neuron {@code g·P + p}).
   */
  @Override
  public BigInteger[] memoryWords(int l) {
    IntLayerLearner x = layer(l);
    HwLayer h = core.layers().get(l);
    HwSynapses syn = spec.learningSynapses(h);
    int[][] shadows = new int[x.size][x.in];
    for (int j = 0; j < x.size; j++) {
      for (int i = 0; i < x.in; i++) {
        shadows[j][i] = Math.toIntExact(x.wS[j][i]);
      }
    }
    long[][] syn0 = x.synaptic;
    return HwImage.synapseWords(structure.layers().get(l), h, syn, shadows,
        (j, i) -> syn0 == null ? 0 : syn0[j][i]);
  }

  /**
   * Layer l's recurrent shadow weights {@code [neuron][presynaptic hidden neuron]} now (signed B + F_w bits), null
   * for a layer without recurrent synapses.
   */
  public long[][] shadowRecurrentWeights(int l) {
    IntLayerLearner x = layer(l);
    return x.rS == null ? null : IntLayerLearner.copy(x.rS);
  }

  /** Layer l's recurrent shadow delays {@code [neuron][presynaptic hidden neuron]} now, null without them. */
  public long[][] shadowRecurrentDelays(int l) {
    IntLayerLearner x = layer(l);
    return x.recDelay == null ? null : IntLayerLearner.copy(x.recDelay);
  }

  /**
   * A recurrent layer's recurrent memory for the current shadows: word {@code k·G + g}, lane p the shadow weight
   * (and with SYNAPTIC delays the shadow delay) of synapse (hidden k → neuron {@code g·P + p}); null for a layer
   * without recurrent synapses.
   */
  @Override
  public BigInteger[] recurrentWords(int l) {
    IntLayerLearner x = layer(l);
    if (x.rS == null) {
      return null;
    }
    HwLayer h = core.layers().get(l);
    HwSynapses syn = spec.learningRecurrentSynapses(h);
    int[][] shadows = new int[x.size][x.size];
    for (int j = 0; j < x.size; j++) {
      for (int k = 0; k < x.size; k++) {
        shadows[j][k] = Math.toIntExact(x.rS[j][k]);
      }
    }
    long[][] d0 = x.recDelay;
    return HwImage.synapseWords(structure.layers().get(l), h, syn, shadows, (j, k) -> d0 == null ? 0 : d0[j][k]);
  }

  /** With AXONAL delays, layer l's axonal memory now: word i the shadow delay of input i; null otherwise. */
  @Override
  public BigInteger[] delayWords(int l) {
    IntLayerLearner x = layer(l);
    if (x.axonal == null) {
      return null;
    }
    HwWordLayout w = spec.axonalShadowWord(core.layers().get(l));
    BigInteger[] words = new BigInteger[x.in];
    for (int i = 0; i < words.length; i++) {
      words[i] = w.pack(x.axonal[i]);
    }
    return words;
  }

  /** The current forward network: {@code sat_B(shr^HALF_UP_F_w(w̃))}, {@code shr^HALF_UP_F_d(d̃)}, between samples. */
  public NetworkSpec network() {
    return model.export();
  }

  /**
   * The 32-bit LFSR state layer l's stochastic-rounding draws of the sample at {@code position} of {@code
   * epoch} start from: {@code Lfsr.seeded(seed, UpdateRounding.stream(l, epoch, position))} (docs/learning.md
   * Part II §9.4).
   */
  @Override
  public int roundingState(int layer, int epoch, long position) {
    return Lfsr.seeded(cfg.seed(), UpdateRounding.stream(layer, epoch, position)).state();
  }

  /**
   * With random feedback, {@code Lfsr.seeded(seed, RandomFeedback.STREAM)}'s state: the error stage draws the
   * matrix from it after every sample, in the order {@code RandomFeedback.generate} draws it; 0 otherwise.
   */
  @Override
  public int feedbackState() {
    return spec.randomFeedback() ? Lfsr.seeded(cfg.seed(), RandomFeedback.STREAM).state() : 0;
  }

  /** 0: the three-factor rule draws no dropout masks, so the host sends no dropout state. */
  @Override
  public int dropoutState(int epoch, long position) {
    return 0;
  }

  /** 0: the unit's learning-rate shifts are constants of its spec, not a per-epoch register. */
  @Override
  public int rateExponent(int epoch) {
    return 0;
  }
}
