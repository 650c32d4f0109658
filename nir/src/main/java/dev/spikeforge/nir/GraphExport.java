package dev.spikeforge.nir;

import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.ResetMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * A spikeforge network as a NIR graph (docs/nir.md): Input → per layer [Delay (axonal)] → per
 * synaptic delay value [Delay] → Linear → LIF (IF without leak) → per recurrent delay value Linear
 * → [Delay] → back into the LIF → ... → Output. Parameters are chosen so that importing with the
 * same {@link Discretisation} gives the same network: {@code tau} from the leak, {@code r = 1 /
 * gain(tau)} so that the weights pass unchanged, {@code v_reset = 0}. The exact network (its JSON
 * text, the integer contract included) travels in the graph's metadata.
 */
final class GraphExport {
  /** Metadata keys written and read by spikeforge. */
  static final String MODEL = "spikeforge_model";
  static final String DT = "spikeforge_dt";
  static final String METHOD = "spikeforge_discretisation";
  static final String RESET = "spikeforge_reset";

  private final Discretisation disc;
  private final Map<String, NirNode> nodes = new LinkedHashMap<>();
  private final List<NirGraph.Edge> edges = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  private GraphExport(Discretisation disc) {
    this.disc = disc;
  }

  /** What the export made and what other tools will not see as spikeforge does. */
  record Result(NirGraph graph, List<String> warnings) {}

  /**
   * @param net the network (the float twin of {@code spec} for an integer network)
   * @param spec the integer network, or null for a float one
   * @param modelJson the canonical JSON text of the network, carried in the metadata
   */
  static Result run(FloatNetwork net, NetworkSpec spec, String modelJson, Discretisation disc) {
    GraphExport e = new GraphExport(disc);
    NirGraph g = e.graph(net, spec, modelJson);
    return new Result(g, List.copyOf(e.warnings));
  }

  private NirGraph graph(FloatNetwork net, NetworkSpec spec, String modelJson) {
    java.util.Set<String> layerNames = new java.util.HashSet<>();
    net.layers().forEach(l -> layerNames.add(l.name()));
    String input = free("input", layerNames);
    String output = free("output", layerNames);
    node(input, "Input", Map.of("shape", NirArray.vector(net.inputSize())), Map.of());
    String prev = input;
    for (int l = 0; l < net.layers().size(); l++) {
      layer(net.layers().get(l), spec == null ? null : spec.layers().get(l), prev);
      prev = net.layers().get(l).name();
    }
    node(output, "Output", Map.of("shape", NirArray.vector(net.outputSize())), Map.of());
    edge(prev, output);
    if (spec != null) {
      warnings.add("integer network: spikeforge saturates each membrane at its width (spikeforge_membraneWidth);"
          + " NIR carries the real-valued equations, which other tools run without saturation");
    }
    Map<String, Object> md = new LinkedHashMap<>();
    md.put(MODEL, modelJson);
    md.put(DT, NirArray.scalar(disc.dt()));
    md.put(METHOD, disc.method().toString());
    return new NirGraph(NirHdf5.WRITTEN_VERSION, nodes, edges, md);
  }

  private static String free(String name, java.util.Set<String> taken) {
    String n = name;
    while (taken.contains(n)) {
      n = n + "_";
    }
    return n;
  }

  private void layer(FloatLayer l, LayerSpec s, String prev) {
    String name = l.name();
    String src = prev;
    if (l.axonalDelays() != null) {
      src = delayNode(name + ".axonal", l.axonalDelays(), prev);
    }
    int[][] syn = l.synapticDelays();
    TreeSet<Integer> values = new TreeSet<>();
    for (int j = 0; j < l.size(); j++) {
      for (int i = 0; i < l.inputSize(); i++) {
        values.add(syn == null ? 0 : syn[j][i]);
      }
    }
    for (int d : values) {
      String from = src;
      if (d > 0) {
        int[] uniform = new int[l.inputSize()];
        Arrays.fill(uniform, d);
        from = delayNode(name + ".synaptic_d" + d, uniform, src);
      }
      String w = values.size() == 1 ? name + ".weight" : name + ".weight_d" + d;
      node(w, "Linear", Map.of("weight", NirArray.matrix(masked(l.weights(), syn, d), l.inputSize())), Map.of());
      edge(from, w);
      edge(w, name);
    }
    neuron(l, s);
    if (l.isRecurrent()) {
      TreeSet<Integer> rValues = new TreeSet<>();
      for (int j = 0; j < l.size(); j++) {
        for (int k = 0; k < l.size(); k++) {
          rValues.add(l.recurrentDelay(j, k));
        }
      }
      for (int r : rValues) {
        String w = rValues.size() == 1 ? name + ".recurrent" : name + ".recurrent_d" + r;
        int[][] rd = l.recurrentDelays();
        double[][] m = rd == null ? l.recurrentWeights() : masked(l.recurrentWeights(), rd, r);
        node(w, "Linear", Map.of("weight", NirArray.matrix(m, l.size())), Map.of());
        edge(name, w);
        if (r > 1) {
          int[] uniform = new int[l.size()];
          Arrays.fill(uniform, r - 1); // the loop itself takes one step
          edge(w, delayNode(w + ".delay", uniform, null));
          edge(w + ".delay", name);
        } else {
          edge(w, name);
        }
      }
    }
  }

  private void neuron(FloatLayer l, LayerSpec s) {
    int n = l.size();
    Map<String, NirArray> p = new LinkedHashMap<>();
    Map<String, Object> md = new LinkedHashMap<>();
    String type;
    if (l.hasNeuronLeaks()) {
      // heterogeneous time constants: one tau (and its r) per neuron; NIR's IF has no tau, so none may be 1
      type = "LIF";
      double[] tau = new double[n];
      double[] r = new double[n];
      for (int j = 0; j < n; j++) {
        if (l.leak(j) == 1) {
          throw new IllegalArgumentException("layer '" + l.name() + "': neuron " + j + " does not leak while others"
              + " do; NIR's LIF needs a finite tau for every neuron of a node (give every neuron a leak shift > 0)");
        }
        tau[j] = disc.tau(l.leak(j));
        r[j] = unitInverse(disc.gain(tau[j]));
      }
      p.put("tau", NirArray.vector(tau));
      p.put("r", NirArray.vector(r));
      p.put("v_leak", filled(n, 0));
    } else if (l.leak() == 1) {
      type = "IF";
      p.put("r", filled(n, unitInverse(disc.dt())));
    } else {
      type = "LIF";
      double tau = disc.tau(l.leak());
      p.put("tau", filled(n, tau));
      p.put("r", filled(n, unitInverse(disc.gain(tau))));
      p.put("v_leak", filled(n, 0));
    }
    p.put("v_threshold", filled(n, l.threshold()));
    p.put("v_reset", filled(n, 0));
    md.put(RESET, l.reset().name());
    md.put("spikeforge_leak", NirArray.scalar(l.leak()));
    if (l.reset() == ResetMode.SUBTRACT) {
      warnings.add("layer '" + l.name() + "' resets by subtracting the threshold; NIR's " + type + " resets to v_reset"
          + " = 0, so other tools reset to 0 unless told otherwise (metadata " + RESET + " = SUBTRACT)");
    }
    if (s != null) {
      md.put("spikeforge_kind", s.kind().name());
      md.put("spikeforge_weightWidth", NirArray.scalar(s.weightWidth()));
      md.put("spikeforge_membraneWidth", NirArray.scalar(s.neuron().membraneWidth()));
      md.put("spikeforge_leakShift", NirArray.scalar(s.neuron().leakShift()));
      if (s.hasNeuronLeaks()) {
        md.put("spikeforge_leakShifts", NirArray.vector(Arrays.stream(s.leakShifts()).asDoubleStream().toArray()));
        warnings.add(String.format(Locale.ROOT, "layer '%s': the integer leaks v - (v >> k_j) (per neuron) round toward"
            + " -infinity; NIR carries the real factors, which other tools apply without rounding", l.name()));
      } else if (s.neuron().leakShift() > 0) {
        warnings.add(String.format(Locale.ROOT, "layer '%s': the integer leak v - (v >> %d) rounds toward -infinity;"
            + " NIR carries the real factor %s (tau = %s s), which other tools apply without rounding",
            l.name(), s.neuron().leakShift(), l.leak(), disc.tau(l.leak())));
      }
    }
    node(l.name(), type, p, md);
  }

  /**
   * An r with {@code gain * r == 1} exactly in double arithmetic where one exists next to {@code 1 /
   * gain} (so that an importer computing {@code weight * gain * r} gets the weight back unrounded).
   */
  static double unitInverse(double gain) {
    double r = 1 / gain;
    for (double c : new double[] {r, Math.nextUp(r), Math.nextDown(r)}) {
      if (gain * c == 1) {
        return c;
      }
    }
    return r;
  }

  private static double[][] masked(double[][] w, int[][] delays, int d) {
    double[][] m = new double[w.length][];
    for (int j = 0; j < w.length; j++) {
      m[j] = new double[w[j].length];
      for (int i = 0; i < w[j].length; i++) {
        m[j][i] = (delays == null ? 0 : delays[j][i]) == d ? w[j][i] : 0;
      }
    }
    return m;
  }

  /** A Delay node of {@code steps} per channel; linked from {@code from} when it is not null. */
  private String delayNode(String name, int[] steps, String from) {
    double[] sec = new double[steps.length];
    for (int c = 0; c < steps.length; c++) {
      sec[c] = steps[c] * disc.dt();
    }
    node(name, "Delay", Map.of("delay", NirArray.vector(sec)), Map.of());
    if (from != null) {
      edge(from, name);
    }
    return name;
  }

  private static NirArray filled(int n, double v) {
    double[] a = new double[n];
    Arrays.fill(a, v);
    return NirArray.vector(a);
  }

  private void node(String name, String type, Map<String, NirArray> params, Map<String, Object> md) {
    if (nodes.containsKey(name)) {
      throw new NirException("two NIR nodes would be named '" + name + "'; rename the layer");
    }
    nodes.put(name, new NirNode(name, type, params, md));
  }

  private void edge(String from, String to) {
    edges.add(new NirGraph.Edge(from, to));
  }
}
