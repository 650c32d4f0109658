package dev.spikeforge.nir;

import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.LayerKind;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.ReadoutSpec;
import dev.spikeforge.golden.spec.ResetMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A NIR graph as a spikeforge float network (docs/nir.md): the graph must be a chain Input →
 * layer → ... → layer → Output, where each layer is a spiking node (LIF, IF, CubaLIF) fed by the
 * previous layer and optionally by itself (recurrence) through weight nodes (Linear, Affine with
 * zero bias) and Delay nodes. Parameters are discretised with a {@link Discretisation}; a CubaLIF
 * synapse is approximated (and the error bound reported) unless the import is strict. Everything
 * else is refused with an error naming the node.
 */
final class GraphImport {
  /** What the import made: the network, one line per layer, and the approximations it took. */
  record Result(FloatNetwork network, List<String> layerLines, List<String> approximations) {}

  /** The import options that change the arithmetic. */
  record Options(Discretisation disc, ResetMode reset, Map<String, ResetMode> exporterResets, boolean strict) {}

  private static final Map<String, Set<String>> PARAMS = Map.of(
      "Input", Set.of("shape"),
      "Output", Set.of("shape"),
      "Affine", Set.of("weight", "bias"),
      "Linear", Set.of("weight"),
      "Delay", Set.of("delay"),
      "LIF", Set.of("tau", "r", "v_leak", "v_threshold", "v_reset"),
      "IF", Set.of("r", "v_threshold", "v_reset"),
      "CubaLIF", Set.of("tau_mem", "tau_syn", "r", "v_leak", "v_threshold", "v_reset", "w_in"));
  private static final Set<String> NEURONS = Set.of("LIF", "IF", "CubaLIF");
  private static final Map<String, String> REFUSED = Map.ofEntries(
      Map.entry("LI", "a leaky integrator that never spikes; spikeforge's neurons all spike and its readout counts"
          + " spikes: export the readout as LIF or IF neurons"),
      Map.entry("CubaLI", "a current-based leaky integrator that never spikes; spikeforge's neurons all spike and its"
          + " readout counts spikes: export the readout as LIF, IF or CubaLIF neurons"),
      Map.entry("I", "an integrator that never spikes; spikeforge's neurons all spike: export it as IF neurons"),
      Map.entry("Threshold", "a bare threshold without a membrane is not a spikeforge neuron: export it as IF neurons"),
      Map.entry("Scale", "a scaling node is not supported: fold the scale into the weights before exporting"),
      Map.entry("Conv1d", "convolutions are not supported: spikeforge layers are fully connected"),
      Map.entry("Conv2d", "convolutions are not supported: spikeforge layers are fully connected"),
      Map.entry("SumPool2d", "pooling is not supported: spikeforge layers are fully connected"),
      Map.entry("AvgPool2d", "pooling is not supported: spikeforge layers are fully connected"),
      Map.entry("Flatten", "Flatten (used with convolutions) is not supported: spikeforge inputs are one vector"),
      Map.entry("NIRGraph", "nested graphs are not supported: flatten the graph before exporting it"));

  /** A CubaLIF whose kernel error (sum over steps, per unit weight) is below this is exact, not approximated. */
  static final double EXACT = 1e-12;

  private final NirGraph g;
  private final Options o;
  private final List<String> approximations = new ArrayList<>();
  private final List<String> layerLines = new ArrayList<>();

  private GraphImport(NirGraph g, Options o) {
    this.g = g;
    this.o = o;
  }

  static Result run(NirGraph g, Options o, String name, int timesteps) {
    GraphImport gi = new GraphImport(g, o);
    FloatNetwork net = gi.network(name, timesteps);
    return new Result(net, List.copyOf(gi.layerLines), List.copyOf(gi.approximations));
  }

  /** A synaptic path from {@code source} into a layer: a weight (null = identity) and delays in steps. */
  private record SynPath(String source, String weightNode, double[][] weight, long[] pre, long[] post) {
    double w(int j, int i) {
      return weight == null ? (i == j ? 1 : 0) : weight[j][i];
    }
  }

  private FloatNetwork network(String name, int timesteps) {
    String input = null;
    String output = null;
    for (NirNode n : g.nodes().values()) {
      checkType(n);
      if (n.type().equals("Input")) {
        if (input != null) {
          throw NirException.at(n, "a second Input (the first is '" + input + "'): spikeforge networks have one input");
        }
        input = n.name();
      } else if (n.type().equals("Output")) {
        if (output != null) {
          throw NirException.at(n, "a second Output (the first is '" + output + "'): spikeforge networks have one output");
        }
        output = n.name();
      }
    }
    for (NirGraph.Edge e : g.edges()) {
      for (String end : new String[] {e.from(), e.to()}) {
        if (!g.nodes().containsKey(end)) {
          throw new NirException("edge " + e.from() + " -> " + e.to() + ": there is no node '" + end + "'");
        }
      }
    }
    if (input == null || output == null) {
      throw new NirException("the graph has no " + (input == null ? "Input" : "Output") + " node");
    }
    int inputSize = inputSize(node(input));
    List<String> chain = chain(input);
    List<String> outPreds = g.predecessors(output);
    String last = chain.get(chain.size() - 1);
    if (outPreds.size() != 1 || !outPreds.get(0).equals(last)) {
      throw NirException.at(node(output), "must be fed by the last spiking layer '" + last + "' alone, found "
          + outPreds);
    }
    if (!g.successors(output).isEmpty()) {
      throw NirException.at(node(output), "feeds " + g.successors(output) + "; an Output node ends the graph");
    }
    checkOutputShape(node(output), sizeOf(last));
    List<FloatLayer> layers = new ArrayList<>();
    Set<String> names = new HashSet<>();
    int prevSize = inputSize;
    for (String n : chain) {
      layers.add(layer(node(n), prevSize, uniqueName(n, names)));
      prevSize = sizeOf(n);
    }
    if (o.reset() == null && o.exporterResets().isEmpty()) {
      layerLines.add("  reset: to 0, NIR's v_reset; a network trained with reset by subtraction (snnTorch's"
          + " reset_mechanism \"subtract\") needs --reset subtract, which NIR cannot say");
    }
    return new FloatNetwork(name, inputSize, timesteps, layers, ReadoutSpec.spikeCount());
  }

  private void checkType(NirNode n) {
    String why = REFUSED.get(n.type());
    if (why != null) {
      throw NirException.at(n, "not supported: " + why);
    }
    Set<String> allowed = PARAMS.get(n.type());
    if (allowed == null) {
      throw NirException.at(n, "unknown NIR primitive; spikeforge reads Input, Output, Affine, Linear, Delay, LIF, IF"
          + " and CubaLIF");
    }
    for (String p : n.params().keySet()) {
      if (!allowed.contains(p)) {
        throw NirException.at(n, "unknown parameter '" + p + "' (a " + n.type() + " has " + new java.util.TreeSet<>(allowed)
            + "); refusing rather than ignoring it");
      }
    }
    for (String p : allowed) {
      if (!n.has(p) && !p.equals("v_reset") && !p.equals("w_in")) {
        throw NirException.at(n, "the parameter '" + p + "' is missing");
      }
    }
  }

  private NirNode node(String name) {
    return g.nodes().get(name);
  }

  private int inputSize(NirNode in) {
    return oneDimensional(in, "shape");
  }

  private static int oneDimensional(NirNode n, String field) {
    double[] shape = n.param(field).data();
    long size = 1;
    int big = 0;
    for (double d : shape) {
      if (d != Math.rint(d) || d < 1) {
        throw NirException.at(n, "'" + field + "' " + java.util.Arrays.toString(shape) + " is not a shape");
      }
      size *= (long) d;
      big += d > 1 ? 1 : 0;
    }
    if (big > 1 || size > LayerSpec.MAX_NEURONS) {
      throw NirException.at(n, "shape " + java.util.Arrays.toString(shape) + " is not a vector of at most "
          + LayerSpec.MAX_NEURONS + " channels; spikeforge inputs and layers are one-dimensional");
    }
    return (int) size;
  }

  private void checkOutputShape(NirNode out, int size) {
    if (out.has("shape") && oneDimensional(out, "shape") != size) {
      throw NirException.at(out, "shape " + out.param("shape").shapeText() + " does not match the " + size
          + " neurons of the last layer");
    }
  }

  /** Neurons of a spiking node: the longest parameter vector, else the rows of the weight feeding it. */
  private int sizeOf(String name) {
    NirNode n = node(name);
    if (n.type().equals("Input")) {
      return inputSize(n);
    }
    int size = 1;
    for (NirArray a : n.params().values()) {
      size = Math.max(size, a.size());
    }
    if (size == 1) {
      for (String p : g.predecessors(name)) {
        NirNode pn = node(p);
        if (pn.type().equals("Linear") || pn.type().equals("Affine")) {
          size = Math.max(size, pn.param("weight").shape().length == 2 ? pn.param("weight").shape()[0] : 1);
        }
      }
    }
    return size;
  }

  /** The spiking nodes in order: each one fed by the previous one (or the input) and itself alone. */
  private List<String> chain(String input) {
    List<String> chain = new ArrayList<>();
    Set<String> neurons = new LinkedHashSet<>();
    for (NirNode n : g.nodes().values()) {
      if (NEURONS.contains(n.type())) {
        neurons.add(n.name());
      }
    }
    if (neurons.isEmpty()) {
      throw new NirException("the graph has no spiking node (LIF, IF or CubaLIF): nothing for spikeforge to run");
    }
    String prev = input;
    while (true) {
      List<String> next = new ArrayList<>();
      for (String n : neurons) {
        if (!chain.contains(n) && sources(n).contains(prev)) {
          next.add(n);
        }
      }
      if (next.isEmpty()) {
        break;
      }
      if (next.size() > 1) {
        // a node that also reads an earlier layer is a skip connection: report it as one, at its turn
        String p = prev;
        List<String> plain = next.stream().filter(c -> sources(c).stream().allMatch(s -> s.equals(p) || s.equals(c)))
            .toList();
        if (plain.size() != 1) {
          throw new NirException("nodes '" + next.get(0) + "' and '" + next.get(1) + "' both read '" + prev
              + "': a spikeforge network is a chain of layers, each reading the previous one (no branches)");
        }
        next = plain;
      }
      String n = next.get(0);
      for (String s : sources(n)) {
        if (!s.equals(prev) && !s.equals(n)) {
          throw NirException.at(node(n), "reads '" + s + "' as well as '" + prev + "': a spikeforge layer reads only"
              + " the previous layer and itself (no skip connections)");
        }
      }
      chain.add(n);
      prev = n;
    }
    for (String n : neurons) {
      if (!chain.contains(n)) {
        throw NirException.at(node(n), "is not on the chain of layers from the Input to the Output (it reads "
            + sources(n) + ")");
      }
    }
    return chain;
  }

  private Set<String> sources(String neuron) {
    Set<String> s = new LinkedHashSet<>();
    for (SynPath p : paths(neuron)) {
      s.add(p.source());
    }
    return s;
  }

  private List<SynPath> paths(String neuron) {
    int size = sizeOf(neuron);
    List<SynPath> out = new ArrayList<>();
    List<String> preds = g.predecessors(neuron);
    if (preds.isEmpty()) {
      throw NirException.at(node(neuron), "has no input edge");
    }
    for (String p : preds) {
      walk(p, neuron, size, null, null, new long[size], null, new HashSet<>(), out);
    }
    return out;
  }

  /** Walks back from {@code cur} towards a spiking node or the Input, collecting weights and delays. */
  private void walk(String cur, String target, int size, String weightNode, double[][] w, long[] post, long[] pre,
      Set<String> onPath, List<SynPath> out) {
    NirNode n = node(cur);
    if (!onPath.add(cur)) {
      throw NirException.at(n, "lies on a cycle without a spiking node; spikeforge needs every loop to pass through"
          + " a layer's neurons");
    }
    switch (n.type()) {
      case "Input", "LIF", "IF", "CubaLIF" -> {
        int srcSize = sizeOf(cur);
        if (w == null && srcSize != size) {
          throw NirException.at(node(target), "is fed by '" + cur + "' (" + srcSize + " outputs) without a weight"
              + " node, but has " + size + " neurons");
        }
        if (w != null && w[0].length != srcSize) {
          throw NirException.at(node(weightNode), "weight has " + w[0].length + " columns, but its input '" + cur
              + "' has " + srcSize + " outputs");
        }
        out.add(new SynPath(cur, weightNode, w, pre == null ? new long[srcSize] : pre, post));
      }
      case "Delay" -> {
        long[] d = delaySteps(n);
        long[] into = w == null ? post : pre;
        if (d.length != into.length && d.length != 1) {
          throw NirException.at(n, "delay has " + d.length + " channels, but " + into.length + " pass through it");
        }
        long[] sum = into.clone();
        for (int c = 0; c < sum.length; c++) {
          sum[c] += d.length == 1 ? d[0] : d[c];
        }
        for (String p : predecessorsOf(n)) {
          walk(p, target, size, weightNode, w, w == null ? sum : post, w == null ? null : sum, onPath, out);
        }
      }
      case "Linear", "Affine" -> {
        if (w != null) {
          throw NirException.at(n, "feeds the weight node '" + weightNode + "' directly: spikeforge has one weight"
              + " per synapse; multiply the two matrices before exporting");
        }
        double[][] m = weight(n, size, target);
        for (String p : predecessorsOf(n)) {
          walk(p, target, size, cur, m, post, new long[m[0].length], onPath, out);
        }
      }
      default -> throw NirException.at(n, "cannot feed '" + target + "'");
    }
    onPath.remove(cur);
  }

  private List<String> predecessorsOf(NirNode n) {
    List<String> p = g.predecessors(n.name());
    if (p.isEmpty()) {
      throw NirException.at(n, "has no input edge");
    }
    return p;
  }

  private long[] delaySteps(NirNode n) {
    double[] sec = n.param("delay").data();
    long[] steps = new long[sec.length];
    for (int c = 0; c < sec.length; c++) {
      long s = sec[c] >= 0 && Double.isFinite(sec[c]) ? o.disc().steps(sec[c]) : -1;
      if (s < 0) {
        throw NirException.at(n, "delay[" + c + "] = " + sec[c] + " s is not a whole number of steps of dt = "
            + o.disc().dt() + " s (" + sec[c] / o.disc().dt() + " steps); choose --dt so that every delay is a"
            + " multiple of it");
      }
      steps[c] = s;
    }
    return steps;
  }

  private double[][] weight(NirNode n, int rows, String target) {
    NirArray a = n.param("weight");
    if (a.shape().length != 2 || a.shape()[0] != rows) {
      throw NirException.at(n, "weight has shape " + a.shapeText() + ", expected [" + rows + ", inputs] to feed '"
          + target + "' (" + rows + " neurons)");
    }
    if (n.type().equals("Affine")) {
      for (double b : n.param("bias").data()) {
        if (b != 0) {
          throw NirException.at(n, "bias " + b + " is not zero: spikeforge's neurons have no bias current (export"
              + " the layer without bias, as a Linear node)");
        }
      }
    }
    double[][] m = new double[rows][a.shape()[1]];
    for (int j = 0; j < rows; j++) {
      for (int i = 0; i < m[j].length; i++) {
        double v = a.at(j, i);
        if (!Double.isFinite(v)) {
          throw NirException.at(n, "weight[" + j + "][" + i + "] = " + v + " is not finite");
        }
        m[j][i] = v;
      }
    }
    return m;
  }

  private static double uniform(NirNode n, String field, int size) {
    double[] v = n.vector(field, size);
    for (double x : v) {
      if (x != v[0]) {
        throw NirException.at(n, "'" + field + "' differs between neurons (" + v[0] + " and " + x + "): spikeforge's"
            + " NIR import takes one time constant per node (its export writes per-neuron ones; docs/nir.md); split"
            + " the layer by time constant before exporting");
      }
    }
    if (!(v[0] > 0)) {
      throw NirException.at(n, "'" + field + "' = " + v[0] + " must be a positive time constant in seconds");
    }
    return v[0];
  }

  private FloatLayer layer(NirNode n, int inSize, String name) {
    int size = sizeOf(n.name());
    Discretisation d = o.disc();
    double leak;
    double[] gain = new double[size];
    long synDelay = 0;
    SynapseApproximation approximation = null;
    String how;
    double[] r = n.vector("r", size);
    switch (n.type()) {
      case "IF" -> {
        leak = 1;
        for (int j = 0; j < size; j++) {
          gain[j] = d.dt() * r[j];
        }
        how = "IF: no leak, weight x dt x r";
      }
      case "LIF" -> {
        double tau = uniform(n, "tau", size);
        leak = stableLeak(n, "tau", tau, false);
        for (int j = 0; j < size; j++) {
          gain[j] = d.gain(tau) * r[j];
        }
        how = String.format(Locale.ROOT, "LIF: tau = %s s -> leak %s, weight x %s x r", tau, leak, d.gain(tau));
      }
      case "CubaLIF" -> {
        double tauMem = uniform(n, "tau_mem", size);
        double tauSyn = uniform(n, "tau_syn", size);
        leak = stableLeak(n, "tau_mem", tauMem, false);
        double alpha = stableLeak(n, "tau_syn", tauSyn, true);
        double[] wIn = n.vectorOr("w_in", size, 1);
        for (int j = 0; j < size; j++) {
          gain[j] = d.gain(tauMem) * r[j] * wIn[j];
        }
        approximation = SynapseApproximation.best(alpha, leak);
        synDelay = approximation.delay();
        how = String.format(Locale.ROOT, "CubaLIF: tau_mem = %s s -> leak %s, weight x %s x r x w_in;"
            + " synaptic current (tau_syn = %s s, decay %s per step) collapsed into a synapse delayed by %d steps",
            tauMem, leak, d.gain(tauMem), tauSyn, alpha, synDelay);
      }
      default -> throw new AssertionError(n.type());
    }
    for (String f : new String[] {"v_leak", "v_reset"}) {
      if (n.has(f)) {
        for (double v : n.vector(f, size)) {
          if (v != 0) {
            throw NirException.at(n, f + " = " + v + " is not zero: spikeforge's membranes rest at 0 and reset to 0"
                + (f.equals("v_reset") ? " (or by subtracting the threshold, --reset subtract)" : "")
                + "; shift the voltages so that " + f + " = 0");
          }
        }
      }
    }
    double[] th = n.vector("v_threshold", size);
    for (double t : th) {
      if (!(t > 0) || !Double.isFinite(t)) {
        throw NirException.at(n, "v_threshold = " + t + " must be positive: spikeforge neurons fire at v >= threshold > 0");
      }
    }
    double theta = th[0];
    double[] rowScale = new double[size];
    boolean scaled = false;
    for (int j = 0; j < size; j++) {
      rowScale[j] = gain[j] * (theta / th[j]);
      scaled |= th[j] != theta;
    }
    ResetMode reset = o.reset() != null ? o.reset() : o.exporterResets().getOrDefault(n.name(), ResetMode.ZERO);

    double[][] w = new double[size][inSize];
    long[][] total = new long[size][inSize];
    boolean[][] set = new boolean[size][inSize];
    double[][] rw = null;
    long[][] rTotal = null;
    boolean[][] rSet = null;
    for (SynPath p : paths(n.name())) {
      boolean rec = p.source().equals(n.name());
      if (rec && rw == null) {
        rw = new double[size][size];
        rTotal = new long[size][size];
        rSet = new boolean[size][size];
      }
      int cols = rec ? size : inSize;
      for (int j = 0; j < size; j++) {
        for (int i = 0; i < cols; i++) {
          double v = p.w(j, i);
          if (v == 0) {
            continue;
          }
          long delay = p.pre()[i] + p.post()[j] + synDelay + (rec ? 1 : 0);
          double[][] m = rec ? rw : w;
          long[][] t = rec ? rTotal : total;
          boolean[][] s = rec ? rSet : set;
          if (s[j][i] && t[j][i] != delay) {
            throw NirException.at(n, "the synapse from '" + p.source() + "'[" + i + "] to neuron " + j + " arrives over"
                + " two paths with different delays (" + t[j][i] + " and " + delay + " steps): spikeforge has one"
                + " delay per synapse");
          }
          m[j][i] += rowScale[j] * v;
          t[j][i] = delay;
          s[j][i] = true;
          if (!Double.isFinite(m[j][i])) {
            throw NirException.at(n, "the effective weight from '" + p.source() + "'[" + i + "] to neuron " + j
                + " is not finite");
          }
        }
      }
    }
    int[] axonal = new int[inSize];
    int[][] synaptic = new int[size][inSize];
    long maxDelay = 0;
    boolean anyAxonal = false;
    boolean anySynaptic = false;
    for (int i = 0; i < inSize; i++) {
      long min = Long.MAX_VALUE;
      for (int j = 0; j < size; j++) {
        if (set[j][i]) {
          min = Math.min(min, total[j][i]);
        }
      }
      axonal[i] = min == Long.MAX_VALUE ? 0 : checkedDelay(n, min);
      anyAxonal |= axonal[i] != 0;
      for (int j = 0; j < size; j++) {
        synaptic[j][i] = set[j][i] ? checkedDelay(n, total[j][i] - axonal[i]) : 0;
        anySynaptic |= synaptic[j][i] != 0;
        maxDelay = Math.max(maxDelay, axonal[i] + synaptic[j][i]);
      }
    }
    int[][] recDelays = null;
    if (rw != null) {
      long min = Long.MAX_VALUE;
      for (int j = 0; j < size; j++) {
        for (int k = 0; k < size; k++) {
          if (rSet[j][k]) {
            min = Math.min(min, rTotal[j][k]);
          }
        }
      }
      min = min == Long.MAX_VALUE ? 1 : min;
      recDelays = new int[size][size];
      boolean nonDefault = false;
      for (int j = 0; j < size; j++) {
        for (int k = 0; k < size; k++) {
          recDelays[j][k] = checkedDelay(n, rSet[j][k] ? rTotal[j][k] : min);
          nonDefault |= recDelays[j][k] != 1;
          maxDelay = Math.max(maxDelay, recDelays[j][k]);
        }
      }
      if (!nonDefault) {
        recDelays = null;
      }
    }
    if (scaled) {
      layerLines.add("  note: '" + n.name() + "' thresholds differ between neurons; each neuron's weights are scaled"
          + " so that all share v_threshold = " + theta + " (exact: the membrane is scaled by a constant per neuron)");
    }
    layerLines.add(String.format(Locale.ROOT, "  %s <- '%s' %s; %d neurons, threshold %s, reset %s, max delay %d%s",
        name, n.name(), how, size, theta, reset, maxDelay, rw != null ? ", recurrent" : ""));
    if (approximation != null) {
      approximate(n, approximation, maxAbsInput(w, rw), theta);
    }
    return new FloatLayer(name, LayerKind.DENSE, inSize, size, theta, leak, reset, w, (int) maxDelay,
        anyAxonal ? axonal : null, anySynaptic ? synaptic : null, rw, recDelays);
  }

  private int checkedDelay(NirNode n, long steps) {
    if (steps > LayerSpec.MAX_DELAY) {
      throw NirException.at(n, "a delay of " + steps + " steps exceeds spikeforge's maximum of " + LayerSpec.MAX_DELAY
          + " (at dt = " + o.disc().dt() + " s); use a larger --dt");
    }
    return (int) steps;
  }

  /**
   * The per-step decay for {@code tau}, refused where forward Euler is unstable (a negative decay)
   * or, for a membrane, where it forgets everything each step (zero; a synaptic current may).
   */
  private double stableLeak(NirNode n, String field, double tau, boolean zeroAllowed) {
    double leak = o.disc().leak(tau);
    if (leak < 0 || leak == 0 && !zeroAllowed || Double.isNaN(leak)) {
      throw NirException.at(n, field + " = " + tau + " s is not larger than dt = " + o.disc().dt() + " s: forward Euler"
          + " gives a decay of 1 - dt/tau = " + leak + " per step; use a smaller --dt or --discretisation exact");
    }
    return leak;
  }

  /** The largest sum of absolute effective weights (feed-forward and recurrent) into one neuron. */
  private static double maxAbsInput(double[][] w, double[][] rw) {
    double max = 0;
    for (int j = 0; j < w.length; j++) {
      double s = 0;
      for (double v : w[j]) {
        s += Math.abs(v);
      }
      if (rw != null) {
        for (double v : rw[j]) {
          s += Math.abs(v);
        }
      }
      max = Math.max(max, s);
    }
    return max;
  }

  private void approximate(NirNode n, SynapseApproximation a, double maxAbsInput, double theta) {
    if (a.l1() <= EXACT) {
      return; // e.g. tau_syn = dt under forward Euler: the current lasts one step, the delayed synapse is exact
    }
    String what = String.format(Locale.ROOT, "node '%s' (CubaLIF) is approximated: spikeforge's LIF neuron has no"
        + " synaptic current, so the current is replaced by an instantaneous synapse of the same total charge,"
        + " delayed by %d steps (the delay with the least error). Below threshold, one input spike of effective weight"
        + " w moves the membrane by up to %.3g x |w| away from NIR's at any step (%.3g x |w| summed over all steps;"
        + " the largest total |w| into one neuron here is %.3g thresholds); spike counts can differ markedly"
        + " (docs/nir.md)", n.name(), a.delay(), a.peak(), a.l1(), maxAbsInput / theta);
    if (o.strict()) {
      throw new NirException(what + "; refused because of --strict (drop --strict to accept the approximation)");
    }
    approximations.add(what);
  }

  /** A valid spikeforge layer name from a NIR node name ("lif1.lif" -> "lif1_lif", "1" -> "n1"), unique. */
  static String uniqueName(String nodeName, Set<String> taken) {
    String s = nodeName.replaceAll("[^A-Za-z0-9_]", "_");
    if (s.isEmpty() || !Character.isLetter(s.charAt(0))) {
      s = "n" + s;
    }
    String name = s;
    for (int k = 2; !taken.add(name); k++) {
      name = s + "_" + k;
    }
    return name;
  }
}
