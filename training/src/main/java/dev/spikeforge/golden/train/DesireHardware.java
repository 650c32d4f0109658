package dev.spikeforge.golden.train;

import dev.spikeforge.golden.learning.DesireBackpropInt;
import dev.spikeforge.golden.learning.DesireIntParams;
import dev.spikeforge.golden.learning.DesireParams;
import dev.spikeforge.golden.learning.DropoutMask;
import dev.spikeforge.golden.network.DesireTopology;
import dev.spikeforge.golden.numerics.Fx;
import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.ReadoutMode;
import dev.spikeforge.golden.spec.ResetMode;
import dev.spikeforge.golden.spec.SpecException;
import dev.spikeforge.golden.spec.hw.HwDesireLearning;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The desire learning unit's spec from a training configuration: the one place where a {@link
 * DesireConfig} becomes an {@link HwDesireLearning}, every integer computed by the functions {@link
 * DesireIntEngine} itself calls ({@link DesireBackpropInt}, {@link DropoutMask}, {@link
 * DesireConfig#errorScale}), so the hardware cannot be elaborated from other constants than the golden
 * model learns with. Also: the check that a network is the one such a configuration trains, and the
 * configuration of a trained network recovered from its run description (a training output's {@code
 * config.json}).
 */
public final class DesireHardware {
  /**
   * Bits of the learning-rate exponent register s: s ≤ 63. At s = 63 every update of a trace sum below
   * 2^(57 − F + q + E) is zero, so larger exponents change nothing a unit could learn.
   */
  public static final int RATE_EXPONENT_WIDTH = 6;

  private DesireHardware() {}

  /**
   * The learning unit's spec for {@code c}: E_l, K, F, k, D, q_l, T_eff per layer, D_out, D_l, P and S
   * per dropout group, and the width of the rate register.
   *
   * @throws SpecException naming the field when the configuration is not one the unit learns: the
   *     float form, binarized layers, early exit, or a first learning rate whose exponent exceeds the
   *     register
   */
  public static HwDesireLearning learningSpec(DesireConfig c) {
    SpecException.check(c.isInteger(), "precision",
        "the desire learning unit runs the integer form; train with --precision int (or compile an integer network)");
    SpecException.check(c.binarized().length == 0, "binarized", "layers "
        + Arrays.stream(c.binarized()).mapToObj(DesireTopology::layerName).toList()
        + " are BINARIZED; the desire learning unit learns DENSE layers only");
    SpecException.check(c.earlyExit() == 0, "earlyExit", "is " + c.earlyExit()
        + "; the desire learning unit learns from the counts of all T steps and does not exit early"
        + " (train without --early-exit)");
    DesireParams p = c.params();
    DesireIntParams ip = c.intParams();
    int layers = c.layers();
    int[] e = new int[layers];
    int[] q = new int[layers];
    int[] tEff = new int[layers];
    long[] dl = new long[layers];
    int[] drop = new int[layers];
    int[] scale = new int[layers];
    for (int l = 0; l < layers; l++) {
      e[l] = ip.shadowBits(l);
      q[l] = ip.thresholdShift(l);
      tEff[l] = c.errorScale(l);
      dl[l] = l == 0 ? 0 : DesireBackpropInt.desireThreshold(p.hiddenDesireThreshold(), tEff[l], q[l]);
      double pl = l == 0 ? p.inputDropout() : p.hiddenDropout();
      drop[l] = DropoutMask.threshold(pl);
      scale[l] = DesireBackpropInt.dropoutScale(pl);
    }
    int dOut = DesireBackpropInt.outputThresholdCount(p.outputDesireThreshold(), tEff[layers - 1]);
    rateExponent(c, 0);
    return new HwDesireLearning(e, ip.roundingBits(), ip.traceFracBits(), p.leakShift(), p.layerDelay(), q, tEff, dOut,
        dl, drop, scale, RATE_EXPONENT_WIDTH);
  }

  /**
   * s(e) = {@code round_half_up(−log2 η(e))}, the exponent {@link DesireIntEngine} shifts the updates of
   * epoch e by ({@code R_l = s + F − q_l − E_l}).
   *
   * @throws SpecException if it does not fit the {@value #RATE_EXPONENT_WIDTH}-bit register
   */
  public static int rateExponent(DesireConfig c, int epoch) {
    int s = DesireBackpropInt.learningRateExponent(c.params().learningRate(epoch));
    SpecException.check(s >= 0 && Fx.unsignedWidthFor(s) <= RATE_EXPONENT_WIDTH, "learningRate",
        "epoch " + epoch + "'s learning rate " + c.params().learningRate(epoch) + " has exponent s = " + s
            + ", outside the learning unit's " + RATE_EXPONENT_WIDTH + "-bit register 0.."
            + ((1 << RATE_EXPONENT_WIDTH) - 1));
    return s;
  }

  /**
   * Checks that {@code net} is the integer network {@code c} trains (what {@code DesireIntEngine.intNetwork()}
   * exports): its sizes and T, DENSE layers of B-bit weights, neurons with M-bit membranes, threshold 2^q_l,
   * leak k and SUBTRACT reset, the inter-layer delay D as axonal delays, a SPIKE_COUNT readout. Each refusal
   * names the layer and field.
   *
   * @throws SpecException otherwise
   */
  public static void checkNetwork(NetworkSpec net, DesireConfig c) {
    checkStructure(net);
    int[] sizes = c.sizes();
    SpecException.check(net.layers().size() == c.layers(), "layers",
        "the network has " + net.layers().size() + " layers, the learning configuration " + c.layers());
    SpecException.check(net.inputSize() == sizes[0], "inputSize",
        net.inputSize() + " inputs, the learning configuration " + sizes[0]);
    SpecException.check(net.timesteps() == c.params().timesteps(), "timesteps",
        "the network runs " + net.timesteps() + " steps, the learning configuration " + c.params().timesteps());
    SpecException.check(net.readout().mode() == ReadoutMode.SPIKE_COUNT, "readout",
        "is " + net.readout().mode() + "; the desire learning unit decides by spike count over all T steps (no early"
            + " exit)");
    DesireIntParams ip = c.intParams();
    for (int l = 0; l < net.layers().size(); l++) {
      LayerSpec s = net.layers().get(l);
      String at = "layers[" + l + "] (" + s.name() + ")";
      SpecException.check(!s.isRecurrent(), at + ".recurrentWeights",
          "the layer is recurrent; desire backpropagation learns feed-forward layers only");
      SpecException.check(s.kind() == LayerKind.DENSE, at + ".kind",
          "is " + s.kind() + "; the desire learning unit learns DENSE layers only");
      SpecException.check(s.size() == sizes[l + 1], at + ".size", s.size() + ", the learning configuration "
          + sizes[l + 1]);
      SpecException.check(s.weightWidth() == ip.weightBits(), at + ".weightWidth",
          s.weightWidth() + ", the learning configuration's B is " + ip.weightBits());
      SpecException.check(s.neuron().membraneWidth() == ip.membraneBits(), at + ".neuron.membraneWidth",
          s.neuron().membraneWidth() + ", the learning configuration's M is " + ip.membraneBits());
      SpecException.check(s.neuron().threshold() == ip.threshold(l), at + ".neuron.threshold",
          s.neuron().threshold() + ", the learning configuration's is 2^" + ip.thresholdShift(l));
      SpecException.check(!s.hasNeuronLeaks(), at + ".leakShifts", "per-neuron leak shifts; the desire learning unit"
          + " has one leak shift k for every neuron");
      SpecException.check(s.neuron().leakShift() == c.params().leakShift(), at + ".neuron.leakShift",
          s.neuron().leakShift() + ", the learning configuration's k is " + c.params().leakShift());
      SpecException.check(s.neuron().reset() == ResetMode.SUBTRACT, at + ".neuron.reset",
          "is " + s.neuron().reset() + "; desire backpropagation resets by subtraction");
      SpecException.check(s.synapticDelays() == null, at + ".synapticDelays",
          "the learning unit has the uniform inter-layer delay D only");
      int d = DesireTopology.maxDelay(l, c.params().layerDelay());
      int[] want = DesireTopology.axonalDelays(l, s.inputSize(), c.params().layerDelay());
      SpecException.check(s.maxDelay() == d && Arrays.equals(s.axonalDelays(), want), at + ".axonalDelays",
          (l == 0 ? "the first layer has no delays" : "every input of a later layer is delayed by D = "
              + c.params().layerDelay()) + "; the network has maxDelay " + s.maxDelay() + " and axonal delays "
              + (s.axonalDelays() == null ? "none" : "of its own"));
    }
  }

  /** What no desire configuration can learn: recurrent or binarized layers, an early-exit readout. */
  private static void checkStructure(NetworkSpec net) {
    SpecException.check(net.readout().mode() == ReadoutMode.SPIKE_COUNT, "readout",
        "is " + net.readout().mode() + "; the desire learning unit decides by spike count over all T steps and does"
            + " not exit early (train without --early-exit)");
    for (int l = 0; l < net.layers().size(); l++) {
      LayerSpec s = net.layers().get(l);
      String at = "layers[" + l + "] (" + s.name() + ")";
      SpecException.check(!s.isRecurrent(), at + ".recurrentWeights",
          "the layer is recurrent; desire backpropagation learns feed-forward layers only");
      SpecException.check(s.kind() == LayerKind.DENSE, at + ".kind",
          "is " + s.kind() + "; the desire learning unit learns DENSE layers only");
    }
  }

  /**
   * The learning configuration of trained integer network {@code net}: from {@code run}, the description a
   * desire training run records ({@link DesireConfig#describe()}: the {@code run} object of a training
   * output's {@code config.json}), or, when {@code run} is null, the training defaults as {@code train} picks
   * them ({@code DesireParams.fashionMnist()} for {@code fashion-mnist} or null, else {@code mnist()}; {@link
   * DesireIntParams#defaults} with E = 12, K = 0; seed 1) with T, k, D, B, M and q_l read off the network. The
   * name is the network's.
   *
   * @throws SpecException naming the field when the description is not a desire run of the integer form or
   *     the network has no power-of-two thresholds (no run description)
   */
  public static DesireConfig configOf(NetworkSpec net, Map<String, ?> run, String dataset) {
    checkStructure(net);
    int[] sizes = new int[net.layers().size() + 1];
    sizes[0] = net.inputSize();
    for (int l = 0; l < net.layers().size(); l++) {
      sizes[l + 1] = net.layers().get(l).size();
    }
    String name = net.name().matches("[A-Za-z][A-Za-z0-9_]*") ? net.name() : DesireConfig.defaultName(sizes);
    if (run != null) {
      return fromDescription(run, name);
    }
    LayerSpec first = net.layers().get(0);
    int layerDelay = net.layers().size() > 1 ? net.layers().get(1).maxDelay() : 1;
    DesireParams p = (dataset == null || dataset.equals("fashion-mnist") ? DesireParams.fashionMnist()
        : DesireParams.mnist())
        .withTimesteps(net.timesteps()).withLeakShift(first.neuron().leakShift()).withLayerDelay(layerDelay);
    int[] q = new int[net.layers().size()];
    for (int l = 0; l < q.length; l++) {
      long theta = net.layers().get(l).neuron().threshold();
      SpecException.check(Long.bitCount(theta) == 1, "layers[" + l + "].neuron.threshold",
          theta + " is not a power of two 2^q; the desire learning unit needs thresholds 2^q (train with"
              + " 'spikeforge train --rule desire --precision int')");
      q[l] = Long.numberOfTrailingZeros(theta);
    }
    DesireIntParams ip = DesireIntParams.defaults(sizes, first.weightWidth(), first.neuron().membraneWidth())
        .withThresholdShifts(q);
    return new DesireConfig(name, sizes, p, ip, 1);
  }

  /** The description {@link DesireConfig#describe()} records (what a checkpoint and {@code config.json} hold). */
  public static Map<String, Object> describe(DesireConfig c) {
    return c.describe();
  }

  /**
   * The configuration a description of {@link #describe} holds (its {@code data} entry, if any, is ignored).
   *
   * @throws SpecException naming the field that is missing or not a desire run of the integer form
   */
  public static DesireConfig fromDescription(Map<String, ?> m, String name) {
    SpecException.check("desire".equals(m.get("rule")), "run.rule", "is " + m.get("rule") + ", not desire");
    SpecException.check("int".equals(m.get("precision")), "run.precision", "is " + m.get("precision")
        + "; the desire learning unit runs the integer form (train with --precision int)");
    int[] sizes = ints(m.get("arch"), "run.arch");
    Map<?, ?> p = map(m.get("params"), "run.params");
    DesireParams params = new DesireParams(integer(p, "timesteps"), integer(p, "leakShift"), integer(p, "errorMargin"),
        real(p, "hiddenDesireThreshold"), real(p, "outputDesireThreshold"), real(p, "inputDropout"),
        real(p, "hiddenDropout"), real(p, "learningRate"), real(p, "learningRateDecay"), integer(p, "layerDelay"));
    Map<?, ?> q = map(m.get("int"), "run.int");
    DesireIntParams ip = new DesireIntParams(integer(q, "weightBits"), integer(q, "shadowBits"),
        integer(q, "membraneBits"), integer(q, "traceFracBits"), ints(q.get("thresholdShifts"), "run.int.thresholdShifts"),
        q.containsKey("roundingBits") ? integer(q, "roundingBits") : 0,
        q.containsKey("layerShadowBits") ? ints(q.get("layerShadowBits"), "run.int.layerShadowBits") : null);
    Object seed = m.get("seed");
    SpecException.check(seed instanceof Number, "run.seed", "is missing");
    DesireConfig c = new DesireConfig(name, sizes, params, ip, ((Number) seed).longValue());
    if (m.containsKey("binarized")) {
      c = c.withBinarized(layerIndices(m.get("binarized")));
    }
    if (m.containsKey("earlyExit")) {
      c = c.withEarlyExit(((Number) m.get("earlyExit")).intValue());
    }
    return c;
  }

  private static int[] layerIndices(Object o) {
    SpecException.check(o instanceof List<?>, "run.binarized", "is not a list of layer names");
    return ((List<?>) o).stream().mapToInt(x -> Integer.parseInt(String.valueOf(x).replace("fc", "")) - 1).toArray();
  }

  private static Map<?, ?> map(Object o, String field) {
    SpecException.check(o instanceof Map<?, ?>, field, "is missing");
    return (Map<?, ?>) o;
  }

  private static int integer(Map<?, ?> m, String key) {
    Object v = m.get(key);
    SpecException.check(v instanceof Number, key, "is missing from the run description");
    return ((Number) v).intValue();
  }

  private static double real(Map<?, ?> m, String key) {
    Object v = m.get(key);
    SpecException.check(v instanceof Number, key, "is missing from the run description");
    return ((Number) v).doubleValue();
  }

  private static int[] ints(Object o, String field) {
    SpecException.check(o instanceof List<?>, field, "is not a list of integers");
    List<?> l = (List<?>) o;
    int[] r = new int[l.size()];
    for (int k = 0; k < r.length; k++) {
      SpecException.check(l.get(k) instanceof Number, field + "[" + k + "]", "is not an integer");
      r[k] = ((Number) l.get(k)).intValue();
    }
    return r;
  }
}
