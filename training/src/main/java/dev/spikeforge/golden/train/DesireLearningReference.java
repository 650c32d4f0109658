package dev.spikeforge.golden.train;

import dev.spikeforge.golden.learning.DropoutMask;
import dev.spikeforge.golden.learning.StochasticRounding;
import dev.spikeforge.golden.numerics.Lfsr;
import dev.spikeforge.golden.sim.LearningReference;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.SpecException;
import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.golden.spec.hw.HwDesireLearning;
import dev.spikeforge.golden.spec.hw.HwImage;
import dev.spikeforge.golden.spec.hw.HwLayer;
import dev.spikeforge.golden.spec.hw.MemoryRole;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The golden reference of on-chip desire learning (docs/hardware.md §7): a learning core's golden
 * model, one training sample at a time, exactly as {@link DesireIntEngine#train} trains it (it is that
 * engine, on one thread), with the state the hardware must reproduce after every sample:
 *
 * <ul>
 *   <li>{@link #memoryWords(int)}: layer l's feedforward weight memory, the words the compiler's image
 *       writer writes for the current shadow weights (the same packer, {@link HwImage#synapseWords});
 *   <li>{@link #dropoutState} and {@link #roundingState}: the 32-bit LFSR start states of a sample's
 *       dropout draws and of each layer's stochastic-rounding draws, which the host sends with the sample;
 *   <li>{@link #rateExponent}: s(e), the value of the unit's learning-rate register in epoch e;
 *   <li>the last sample's outcome, output counts and spike histories.
 * </ul>
 *
 * <p>Built from the learning core and the integer network it was compiled from (the shadows start at
 * {@code w << E_l}, the compiler's images), or from explicit initial shadows. The configuration must
 * give exactly the core's learning spec ({@link DesireHardware#learningSpec}).
 */
public final class DesireLearningReference implements LearningReference, AutoCloseable {
  private final DesireConfig config;
  private final HwCore core;
  private final DesireIntEngine engine;
  /** The network's structure (names, sizes, kinds): the packer reads no weights from it. */
  private final List<LayerSpec> structure;
  private SampleOutcome last;

  private DesireLearningReference(DesireConfig config, HwCore core, int[][][] shadows) {
    this.config = config;
    this.core = core;
    check(config, core);
    this.engine = new DesireIntEngine(config, 1);
    try {
      engine.restore(state(config, shadows));
    } catch (IllegalArgumentException e) {
      engine.close();
      throw new SpecException("shadows", "the initial shadow weights do not fit the learning configuration: "
          + e.getMessage());
    }
    this.structure = engine.intNetwork().layers();
  }

  /**
   * The reference of learning core {@code core} compiled from {@code net}: shadows {@code w << E_l}
   * ({@link HwImage#initialShadows}, what the compiler's images hold).
   *
   * @throws SpecException if {@code net} is not the network {@code config} trains or {@code config} does not
   *     give the core's learning spec
   */
  public static DesireLearningReference of(DesireConfig config, HwCore core, NetworkSpec net) {
    DesireHardware.checkNetwork(net, config);
    int[][][] sh = new int[net.layers().size()][][];
    for (int l = 0; l < sh.length; l++) {
      sh[l] = HwImage.initialShadows(net.layers().get(l).weights(), config.intParams().shadowBits(l));
    }
    return new DesireLearningReference(config, core, sh);
  }

  /**
   * The reference of learning core {@code core} starting from shadow weights {@code shadows[l][j][i]}
   * (layer, neuron, input; each a signed {@code B + E_l}-bit integer).
   */
  public static DesireLearningReference of(DesireConfig config, HwCore core, int[][][] shadows) {
    return new DesireLearningReference(config, core, shadows);
  }

  private static void check(DesireConfig config, HwCore core) {
    SpecException.check(core.learning() != null, "learning", "the core is inference-only; compile it with"
        + " --learning desire");
    HwDesireLearning want = DesireHardware.learningSpec(config);
    SpecException.check(want.equals(core.learning()), "learning", "the core's learning spec " + core.learning()
        + " is not the one the configuration gives, " + want);
    int[] sizes = config.sizes();
    SpecException.check(core.inputSize() == sizes[0] && core.layers().size() == config.layers(), "layers",
        "the core's shape does not match the configuration's architecture " + java.util.Arrays.toString(sizes));
    for (int l = 0; l < config.layers(); l++) {
      HwLayer h = core.layers().get(l);
      SpecException.check(h.size() == sizes[l + 1] && h.weightWidth() == config.intParams().weightBits(),
          "layers[" + l + "]", "has " + h.size() + " neurons of " + h.weightWidth() + "-bit weights, the configuration "
              + sizes[l + 1] + " of " + config.intParams().weightBits());
    }
  }

  /** The engine's state ({@link DesireIntEngine#state()} format) of shadows {@code [l][j][i]}. */
  private static byte[] state(DesireConfig config, int[][][] shadows) {
    int[] sizes = config.sizes();
    SpecException.check(shadows != null && shadows.length == config.layers(), "shadows", "one matrix per layer");
    int total = 4;
    for (int l = 0; l < shadows.length; l++) {
      total += 4 + 4 * sizes[l] * sizes[l + 1];
    }
    ByteBuffer buf = ByteBuffer.allocate(total);
    buf.putInt(shadows.length);
    for (int l = 0; l < shadows.length; l++) {
      int in = sizes[l];
      int out = sizes[l + 1];
      SpecException.check(shadows[l].length == out, "shadows[" + l + "]", "has " + shadows[l].length + " rows for "
          + out + " neurons");
      buf.putInt(in * out);
      for (int i = 0; i < in; i++) {
        for (int j = 0; j < out; j++) {
          SpecException.check(shadows[l][j].length == in, "shadows[" + l + "][" + j + "]", "has "
              + shadows[l][j].length + " entries for " + in + " inputs");
          buf.putInt(shadows[l][j][i]); // input-major, as the engine stores them
        }
      }
    }
    return buf.array();
  }

  /** Trains one labelled sample exactly as {@code DesireIntEngine.train(x, label, epoch, position)}. */
  public SampleOutcome train(SpikeRaster x, int label, int epoch, long position) {
    last = engine.train(x, label, epoch, position);
    return last;
  }

  /** Trains one labelled sample ({@link #train}) and returns its output counts ({@link #counts}). */
  @Override
  public int[] learn(SpikeRaster x, int label, int epoch, long position) {
    train(x, label, epoch, position);
    return counts();
  }

  /** The outcome of the last sample trained, or null before the first. */
  public SampleOutcome lastOutcome() {
    return last;
  }

  /** The learning core. */
  public HwCore core() {
    return core;
  }

  /** The training configuration. */
  public DesireConfig config() {
    return config;
  }

  /** The shadow weights of layer l, {@code [neuron][input]}. */
  public int[][] shadows(int layer) {
    int[] sizes = config.sizes();
    int[][] s = new int[sizes[layer + 1]][sizes[layer]];
    for (int j = 0; j < s.length; j++) {
      for (int i = 0; i < s[j].length; i++) {
        s[j][i] = engine.shadow(layer, j, i);
      }
    }
    return s;
  }

  /**
   * Layer l's feedforward weight memory as the compiler writes it for the current shadows: word {@code
   * i·G + g}, lane p = the shadow word of neuron {@code g·P + p} (the memory's depth may add zero words).
   */
  @Override
  public BigInteger[] memoryWords(int layer) {
    HwLayer h = core.layers().get(layer);
    return HwImage.synapseWords(structure.get(layer), h, h.feedforward(), shadows(layer));
  }

  /** Layer l's feedforward image text, byte for byte what {@code mem/layer<l>_ff.hex} holds for these shadows. */
  public String memoryImage(int layer) {
    return HwImage.hex(memoryWords(layer), core.memory(layer, MemoryRole.FEEDFORWARD));
  }

  /** The current forward network ({@code w = sat_B(shr_E^HALF_UP(sh))}), what {@code IntSimulator} runs. */
  public NetworkSpec network() {
    return engine.intNetwork();
  }

  /**
   * The LFSR state ({@link Lfsr#state()}) the dropout draws of the sample at {@code position} of {@code
   * epoch} start from: {@code Lfsr.seeded(seed, DropoutMask.stream(epoch, position))} (docs/learning.md §4.1).
   */
  @Override
  public int dropoutState(int epoch, long position) {
    return Lfsr.seeded(config.seed(), DropoutMask.stream(epoch, position)).state();
  }

  /**
   * The LFSR state layer l's stochastic-rounding draws after that sample start from: {@code
   * StochasticRounding.generator(seed, epoch, position, layer)} (docs/learning.md §4.2).
   */
  @Override
  public int roundingState(int layer, int epoch, long position) {
    return StochasticRounding.generator(config.seed(), epoch, position, layer).state();
  }

  /** s(e), the learning-rate register's value in epoch e ({@link DesireHardware#rateExponent}). */
  @Override
  public int rateExponent(int epoch) {
    return DesireHardware.rateExponent(config, epoch);
  }

  /** The output counts of the last sample. */
  public int[] counts() {
    return engine.hist.count[config.layers() - 1].clone();
  }

  /**
   * The spike histories of layer l's neurons in the last sample: bit t of entry j is neuron j's spike at
   * step t (dropped neurons never fire).
   */
  public long[] spikeHistory(int layer) {
    return engine.hist.bits[layer].clone();
  }

  /** The input spike histories of the last sample after input dropout: bit t of entry i is channel i at step t. */
  public long[] inputHistory() {
    return engine.input.bits.clone();
  }

  /**
   * The dropout masks of the last sample: {@code kept(0)} the input channels, {@code kept(l)} the neurons of
   * hidden layer l − 1 (true = kept).
   */
  public boolean[] kept(int group) {
    return engine.keep[group].clone();
  }

  @Override
  public void close() {
    engine.close();
  }
}
