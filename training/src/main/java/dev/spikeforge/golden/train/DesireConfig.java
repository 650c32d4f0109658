package dev.spikeforge.golden.train;

import dev.spikeforge.golden.learning.DesireIntParams;
import dev.spikeforge.golden.learning.DesireParams;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.SpecException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything that determines a desire-backpropagation run's bits: the architecture, the
 * hyper-parameters, the integer widths (null for the float form) and the seed of the
 * initialisation and of the dropout masks.
 *
 * @param name network name in the exported files (an identifier)
 * @param sizes input size, then the size of each layer (the last is the output layer)
 * @param params hyper-parameters (float and integer form)
 * @param intParams widths of the integer form, or null to train the float form
 * @param seed seed of the Kaiming-normal initialisation and the LFSR dropout masks
 * @param binarized indices (0-based, ascending) of the layers trained as BINARIZED layers with a
 *     straight-through estimator (docs/learning.md §11); empty for none
 * @param init trained weights to start from (fine-tuning), or null for the Kaiming-normal initialisation
 * @param earlyExit early exit in training (docs/learning.md §12): the decision count K of a FIRST_TO_FIRE
 *     readout, 1..T; a sample is decided at the first step d at which an output neuron reaches K spikes, and
 *     its error, desires and updates use the spikes of steps 0..d only. 0: off (the whole sample counts)
 */
public record DesireConfig(String name, int[] sizes, DesireParams params, DesireIntParams intParams, long seed,
    int[] binarized, DesireInit init, int earlyExit) {
  /** A run with no binarized layer, from the Kaiming-normal initialisation, without early exit. */
  public DesireConfig(String name, int[] sizes, DesireParams params, DesireIntParams intParams, long seed) {
    this(name, sizes, params, intParams, seed, new int[0], null, 0);
  }

  public DesireConfig {
    binarized = binarized == null ? new int[0] : binarized.clone();
    SpecException.check(name != null && name.matches("[A-Za-z][A-Za-z0-9_]*"), "name",
        "'" + name + "' must start with a letter and hold only letters, digits and '_'");
    SpecException.check(sizes != null && sizes.length >= 2, "arch",
        "needs the input size and at least one layer, e.g. 784-100-10");
    sizes = sizes.clone();
    for (int s : sizes) {
      SpecException.inRange(s, 1, LayerSpec.MAX_NEURONS, "arch", "every size must be positive");
    }
    SpecException.check(params != null, "params", "missing");
    if (intParams != null) {
      SpecException.check(intParams.layers() == sizes.length - 1, "thresholdShifts",
          "has " + intParams.layers() + " entries for " + (sizes.length - 1) + " layers");
    }
    for (int k = 0; k < binarized.length; k++) {
      SpecException.inRange(binarized[k], 0, sizes.length - 2, "binarize",
          "layer index " + binarized[k] + " does not exist (layers 0.." + (sizes.length - 2) + ")");
      SpecException.check(k == 0 || binarized[k] > binarized[k - 1], "binarize", "layer indices must be ascending and distinct");
    }
    if (init != null) {
      init.checkShape(sizes);
    }
    SpecException.inRange(earlyExit, 0, params.timesteps(), "earlyExit",
        "the decision count K must be reachable within T = " + params.timesteps() + " steps; 0 turns early exit off");
  }

  /** This configuration with the given layers (0-based) binarized. */
  public DesireConfig withBinarized(int... layers) {
    int[] b = layers.clone();
    Arrays.sort(b);
    return new DesireConfig(name, sizes, params, intParams, seed, b, init, earlyExit);
  }

  /** This configuration starting from {@code init} instead of the Kaiming-normal weights. */
  public DesireConfig withInit(DesireInit init) {
    return new DesireConfig(name, sizes, params, intParams, seed, binarized, init, earlyExit);
  }

  /** This configuration with early exit at decision count {@code k} (0: off). */
  public DesireConfig withEarlyExit(int k) {
    return new DesireConfig(name, sizes, params, intParams, seed, binarized, init, k);
  }

  /**
   * The spike count at which a desired neuron of layer l has zero error, i.e. the normaliser N of its
   * error {@code |target − c/N|}: T_eff, except for the output layer with early exit, where it is the
   * decision count K (docs/learning.md §12).
   */
  public int errorScale(int l) {
    return earlyExit > 0 && l == sizes.length - 2 ? earlyExit : params.tEff();
  }

  /** Whether layer l is binarized. */
  public boolean isBinarized(int l) {
    return Arrays.binarySearch(binarized, l) >= 0;
  }

  @Override
  public int[] binarized() {
    return binarized.clone();
  }

  /** The initial weights {@code [l][post][pre]} in threshold units: {@link #init} or Kaiming-normal. */
  public double[][][] initialWeights() {
    return init != null ? init.weights() : dev.spikeforge.golden.learning.KaimingNormal.weights(sizes, seed);
  }

  /** A float-form configuration named after its architecture. */
  public static DesireConfig floatForm(int[] sizes, DesireParams params, long seed) {
    return new DesireConfig(defaultName(sizes), sizes, params, null, seed);
  }

  /** An integer-form configuration named after its architecture. */
  public static DesireConfig intForm(int[] sizes, DesireParams params, DesireIntParams intParams, long seed) {
    return new DesireConfig(defaultName(sizes), sizes, params, intParams, seed);
  }

  /** {@code desire_784_1000_100_10} for sizes 784, 1000, 100, 10. */
  public static String defaultName(int[] sizes) {
    StringBuilder sb = new StringBuilder("desire");
    for (int s : sizes) {
      sb.append('_').append(s);
    }
    return sb.toString();
  }

  /** Parses {@code 784-1000-100-10} (or commas). */
  public static int[] parseArch(String arch) {
    String[] parts = arch.trim().split("[-,x]");
    int[] s = new int[parts.length];
    for (int k = 0; k < parts.length; k++) {
      try {
        s[k] = Integer.parseInt(parts[k].trim());
      } catch (NumberFormatException e) {
        throw new SpecException("arch", "'" + arch + "' is not a list of sizes like 784-1000-100-10");
      }
    }
    SpecException.check(s.length >= 2, "arch", "'" + arch + "' needs the input size and at least one layer, e.g. 784-100-10");
    return s;
  }

  public boolean isInteger() {
    return intParams != null;
  }

  /** Number of layers. */
  public int layers() {
    return sizes.length - 1;
  }

  @Override
  public int[] sizes() {
    return sizes.clone();
  }

  /** Creates the engine (float or integer form) running on {@code threads} threads. */
  public TrainingEngine engine(int threads) {
    return isInteger() ? new DesireIntEngine(this, threads) : new DesireFloatEngine(this, threads);
  }

  /**
   * Creates the engine (float or integer form) for up to {@code threads} threads that trains each
   * sample on a team of {@code threads} when that is measured to be faster than one thread, else on
   * one thread (the load of the machine decides; {@code AdaptiveDesireEngine}); the bits are the same
   * either way. A network without a layer large enough to split gets one thread.
   */
  public TrainingEngine adaptiveEngine(int threads) {
    if (threads < 2) {
      return engine(1);
    }
    DesireEngine team = (DesireEngine) engine(threads);
    for (boolean split : team.parallel) {
      if (split) {
        return new AdaptiveDesireEngine(team);
      }
    }
    team.close();
    return engine(1);
  }

  /** The description recorded in checkpoints (see {@link TrainingEngine#describe()}). */
  Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rule", "desire");
    m.put("precision", isInteger() ? "int" : "float");
    m.put("name", name);
    m.put("arch", Arrays.stream(sizes).boxed().toList());
    m.put("seed", seed);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("timesteps", params.timesteps());
    p.put("leakShift", params.leakShift());
    p.put("errorMargin", params.errorMargin());
    p.put("hiddenDesireThreshold", params.hiddenDesireThreshold());
    p.put("outputDesireThreshold", params.outputDesireThreshold());
    p.put("inputDropout", params.inputDropout());
    p.put("hiddenDropout", params.hiddenDropout());
    p.put("learningRate", params.learningRate());
    p.put("learningRateDecay", params.learningRateDecay());
    p.put("layerDelay", params.layerDelay());
    m.put("params", p);
    if (intParams != null) {
      Map<String, Object> q = new LinkedHashMap<>();
      q.put("weightBits", intParams.weightBits());
      q.put("shadowBits", intParams.shadowBits());
      q.put("membraneBits", intParams.membraneBits());
      q.put("traceFracBits", intParams.traceFracBits());
      q.put("thresholdShifts", Arrays.stream(intParams.thresholdShifts()).boxed().toList());
      if (intParams.perLayerShadowBits()) {
        q.put("layerShadowBits", Arrays.stream(intParams.layerShadowBits()).boxed().toList()); // absent when uniform
      }
      if (intParams.stochasticRounding()) {
        q.put("roundingBits", intParams.roundingBits()); // absent when off: fingerprints of older runs unchanged
      }
      m.put("int", q);
    }
    if (binarized.length > 0) {
      m.put("binarized", Arrays.stream(binarized).mapToObj(dev.spikeforge.golden.network.DesireTopology::layerName).toList());
    }
    if (init != null) {
      m.put("init", init.hash());
    }
    if (earlyExit > 0) {
      m.put("earlyExit", earlyExit);
    }
    return m;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DesireConfig c && c.name.equals(name) && Arrays.equals(c.sizes, sizes)
        && c.params.equals(params) && java.util.Objects.equals(c.intParams, intParams) && c.seed == seed
        && Arrays.equals(c.binarized, binarized) && c.earlyExit == earlyExit
        && (c.init == null ? init == null : init != null && c.init.hash().equals(init.hash()));
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(sizes) * 31 + Long.hashCode(seed);
  }

  @Override
  public String toString() {
    return "DesireConfig" + describe();
  }
}
