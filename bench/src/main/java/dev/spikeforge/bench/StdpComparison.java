package dev.spikeforge.bench;

import dev.spikeforge.golden.analysis.rtd.Rtd;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.DelayPatternParams;
import dev.spikeforge.golden.data.DelayPatternTask;
import dev.spikeforge.golden.data.FashionMnist;
import dev.spikeforge.golden.data.RateEncoder;
import dev.spikeforge.golden.data.Split;
import dev.spikeforge.golden.eval.Evaluator;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.sim.FloatSimulator;
import dev.spikeforge.golden.sim.IntSimulator;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.sim.TraceStep;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.train.TrainListener;
import dev.spikeforge.golden.train.TrainOptions;
import dev.spikeforge.golden.train.TrainResult;
import dev.spikeforge.golden.train.Trainer;
import dev.spikeforge.golden.train.TrainingEngine;
import dev.spikeforge.golden.train.rules.LearningRule;
import dev.spikeforge.golden.train.rules.LearningRules;
import dev.spikeforge.golden.train.rules.RuleConfig;
import dev.spikeforge.golden.train.rules.RuleOptions;
import dev.spikeforge.golden.train.stdp.StdpEngine;
import java.awt.Color;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.GrayPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.svg.SVGGraphics2D;

/**
 * Heterogeneous vs homogeneous STDP vs a supervised rule (desire backpropagation on Fashion-MNIST,
 * e-prop with a recurrent hidden layer on the delay task) on the same network size, and the RTD
 * matrix of their hidden representations (docs/benchmarks.md, "STDP in a recurrent layer and
 * representation topology divergence"). Every network is trained in the integer form through the
 * registry and the one Trainer, then evaluated by {@code Evaluator} (the exported network, what
 * compiles); the representation of a network is its hidden layer's spike counts on the first
 * {@code -Drtd=N} test inputs (golden-model trace), compared pairwise by {@link Rtd} (H1 and H0).
 *
 * <pre>
 * StdpComparison TASK OUT_DIR      TASK: delay (delay-pattern default, 16-64-4) or fashion (784-100-10, T = 20)
 * </pre>
 *
 * Properties: {@code -DtrainLimit}, {@code -DtestLimit} (images; fashion defaults 10,000 and 2,000),
 * {@code -Drtd} (default 100), {@code -Depochs} (STDP: 1 learning epoch then readout epochs; default
 * 2), {@code -DlrLog2} and {@code -DltdLog2} (STDP rates; default -6 both), {@code -DsupEpochs} (the
 * supervised rule's epochs: desire on Fashion-MNIST, default 2; e-prop with a recurrent hidden layer
 * on the delay task, default 3), {@code -DstdpOptions} (more options of the three STDP networks, e.g.
 * {@code --inhibition=8,--target-rate=2,--synaptic-scaling}: {@link #options}), {@code -DstdpPrecision} (int, the default, or float: the form of the STDP networks), {@code -DdesireOptions} (more options of desire backpropagation on the delay task, same form), {@code -Dvariants}
 * (comma-separated names of the networks to run; default all; an unknown name exits 2 listing the valid
 * ones). {@code readout-only} is the untrained layer with no options (recurrent weights 0);
 * {@code readout-only-inhibited} the untrained layer with the STDP networks' options (so {@code
 * --inhibition} sets the same negative recurrent weights) and no STDP epoch. Writes {@code results.json}, {@code rtd.svg}, {@code rtd.png} and
 * prints a table.
 */
public final class StdpComparison {
  private StdpComparison() {}

  /** One network of the comparison: a rule, its form, its options and its epochs. */
  record Variant(String name, String rule, String precision, Map<String, Object> options, int epochs) {}

  public static void main(String[] args) throws Exception {
    String task = args[0];
    Path out = Path.of(args[1]);
    boolean fashion = task.equals("fashion");
    Dataset train;
    Dataset test;
    int[] sizes;
    if (fashion) {
      train = FashionMnist.load(Split.TRAIN);
      test = FashionMnist.load(Split.TEST);
      train = train.slice(0, Math.min(Integer.getInteger("trainLimit", 10_000), train.size()));
      test = test.slice(0, Math.min(Integer.getInteger("testLimit", 2_000), test.size()));
      sizes = new int[] {784, Integer.getInteger("hidden", 100), 10};
    } else {
      DelayPatternTask t = new DelayPatternTask(DelayPatternParams.DEFAULT);
      train = t.trainSet(Integer.getInteger("trainLimit", 2_000));
      test = t.testSet(Integer.getInteger("testLimit", 500));
      sizes = new int[] {16, 64, 4};
    }
    int epochs = Integer.getInteger("epochs", 2);
    int lr = Integer.getInteger("lrLog2", -6);
    int ltd = Integer.getInteger("ltdLog2", lr);
    int supEpochs = Integer.getInteger("supEpochs", fashion ? 2 : 3);
    int rtdN = Math.min(Integer.getInteger("rtd", 100), test.size());
    Map<String, Object> stdp = new LinkedHashMap<>(Map.of("--lr-log2", new int[] {lr, ltd}, "--stdp-epochs", 1));
    stdp.putAll(options(System.getProperty("stdpOptions", "")));
    String form = System.getProperty("stdpPrecision", "int");
    List<Variant> all = new ArrayList<>(List.of(
        new Variant("readout-only", "stdp", form, Map.of("--stdp-epochs", 0), epochs),
        new Variant("readout-only-inhibited", "stdp", form, with(stdp, "--stdp-epochs", 0), epochs),
        new Variant("stdp-hom", "stdp", form, stdp, epochs),
        new Variant("stdp-het", "stdp", form, with(stdp, "--heterogeneous", true), epochs),
        new Variant("stdp-het-pair", "stdp", form, with(with(stdp, "--heterogeneous", true), "--stdp-form", "pair"),
            epochs),
        // the paper's two heterogeneities together: per-synapse windows and per-neuron membrane time constants
        new Variant("stdp-het-tau", "stdp", form,
            with(with(stdp, "--heterogeneous", true), "--leak-shifts", new int[] {1, 4}), epochs)));
    if (fashion) {
      all.add(new Variant("desire", "desire", "int", Map.of(), supEpochs));
    } else {
      all.add(new Variant("eprop", "eprop", "int", Map.of("--recurrent", true), supEpochs));
      int steps = train.raster(0).steps();
      all.add(new Variant("desire", "desire", "int",
          with(options(System.getProperty("desireOptions", "")), "--timesteps", steps), supEpochs));
      all.add(new Variant("ottt", "ottt", "int", Map.of("--recurrent", true), supEpochs));
      all.add(new Variant("na", "na", "float", Map.of(), supEpochs));
    }
    List<Variant> variants;
    try {
      variants = select(all, System.getProperty("variants", ""));
    } catch (IllegalArgumentException ex) {
      System.err.println(ex.getMessage());
      System.exit(2);
      return;
    }
    Files.createDirectories(out);
    RateEncoder enc = new RateEncoder();
    List<double[][]> reps = new ArrayList<>();
    Map<String, Object> results = new LinkedHashMap<>();
    StringBuilder table = new StringBuilder("| network | test accuracy | linear readout (float) | training s |\n|---|---|---|---|\n");
    for (Variant v : variants) {
      LearningRule rule = LearningRules.get(v.rule());
      RuleConfig cfg = new RuleConfig(sizes, fashion ? "fashion-mnist" : "delay-pattern", v.precision(), 1, null, null,
          1, RuleOptions.of(rule, v.options()));
      try (TrainingEngine e = rule.engine(cfg, train)) {
        TrainResult r = Trainer.run(e, train, test.slice(0, 0), enc, TrainOptions.of(v.epochs(), 1),
            TrainListener.NONE);
        NetworkSpec net = e.intNetwork();
        double acc = net != null ? Evaluator.evaluate(net, test, enc, 1, null).accuracy()
            : Evaluator.evaluate(e.floatNetwork(), test, enc, 1, null).accuracy();
        double linear = e instanceof StdpEngine s ? linearAccuracy(s, test, enc) : Double.NaN;
        reps.add(net != null ? hiddenCounts(net, test, enc, rtdN) : hiddenCounts(e.floatNetwork(), test, enc, rtdN));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("testAccuracy", acc);
        m.put("linearReadoutAccuracy", Double.isNaN(linear) ? null : linear);
        m.put("trainSeconds", r.trainSeconds());
        m.put("epochs", v.epochs());
        m.put("precision", v.precision());
        m.put("config", e.describe());
        results.put(v.name(), m);
        table.append(String.format(Locale.ROOT, "| %s | %.2f %% | %s | %.1f |%n", v.name(), 100 * acc,
            Double.isNaN(linear) ? "—" : String.format(Locale.ROOT, "%.2f %%", 100 * linear), r.trainSeconds()));
        System.out.print(table.substring(table.lastIndexOf("| " + v.name())));
      }
    }
    int k = variants.size();
    double[][] h1 = new double[k][k];
    double[][] h0 = new double[k][k];
    for (int a = 0; a < k; a++) {
      for (int b = a + 1; b < k; b++) {
        long t0 = System.nanoTime();
        Rtd.Divergence d = Rtd.divergence(reps.get(a), reps.get(b), rtdN, 1, 0);
        h1[a][b] = h1[b][a] = d.h1();
        h0[a][b] = h0[b][a] = d.h0();
        System.out.printf(Locale.ROOT, "RTD %s ~ %s: H1 %.3f, H0 %.3f (%.1f s)%n", variants.get(a).name(),
            variants.get(b).name(), d.h1(), d.h0(), (System.nanoTime() - t0) / 1e9);
      }
    }
    List<String> names = variants.stream().map(Variant::name).toList();
    results.put("rtdInputs", rtdN);
    results.put("rtdH1", h1);
    results.put("rtdH0", h0);
    results.put("names", names);
    Files.writeString(out.resolve("results.json"),
        dev.spikeforge.golden.json.JsonMappers.prettySortedKeys().writeValueAsString(results));
    JFreeChart chart = heatmap("RTD (H1) of hidden spike counts, " + task + ", " + rtdN + " test inputs", names, h1);
    try (OutputStream o = Files.newOutputStream(out.resolve("rtd.png"))) {
      ChartUtils.writeChartAsPNG(o, chart, 720, 560);
    }
    SVGGraphics2D g = new SVGGraphics2D(720, 560);
    chart.draw(g, new java.awt.geom.Rectangle2D.Double(0, 0, 720, 560));
    Files.writeString(out.resolve("rtd.svg"), g.getSVGDocument(), StandardCharsets.UTF_8);
    System.out.print(table);
    System.out.println("RTD H1 (rows/columns " + names + "):");
    print(h1);
    System.out.println("RTD H0:");
    print(h0);
  }

  /**
   * Extra STDP options from {@code -DstdpOptions}, comma-separated: {@code --name} (a flag), {@code
   * --name=N} (an integer), {@code --name=X} (a real, e.g. {@code 1e-3}) or {@code --name=A:B} (integers), e.g. {@code
   * --inhibition=8,--target-rate=2,--synaptic-scaling}.
   */
  static Map<String, Object> options(String spec) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (String item : spec.split(",")) {
      if (item.isBlank()) {
        continue;
      }
      int eq = item.indexOf('=');
      if (eq < 0) {
        m.put(item, true);
      } else if (item.indexOf(':') > 0) {
        String[] p = item.substring(eq + 1).split(":");
        int[] v = new int[p.length];
        for (int i = 0; i < p.length; i++) {
          v[i] = Integer.parseInt(p[i]);
        }
        m.put(item.substring(0, eq), v);
      } else if (item.substring(eq + 1).matches("-?[0-9]+")) {
        m.put(item.substring(0, eq), Integer.parseInt(item.substring(eq + 1)));
      } else {
        m.put(item.substring(0, eq), Double.parseDouble(item.substring(eq + 1)));
      }
    }
    return m;
  }

  /**
   * The variants named in {@code -Dvariants} (comma-separated; blank: all), in the order of {@code all}.
   *
   * @throws IllegalArgumentException naming the unknown names and the valid ones
   */
  static List<Variant> select(List<Variant> all, String spec) {
    if (spec.isBlank()) {
      return all;
    }
    List<String> only = List.of(spec.split(",")).stream().map(String::trim).toList();
    List<String> valid = all.stream().map(Variant::name).toList();
    List<String> unknown = only.stream().filter(n -> !valid.contains(n)).toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("-Dvariants: unknown variant(s) " + unknown + " for this task; give "
          + "comma-separated names from " + valid + " (or leave -Dvariants unset for all)");
    }
    return all.stream().filter(v -> only.contains(v.name())).toList();
  }

  private static Map<String, Object> with(Map<String, Object> m, String k, Object v) {
    Map<String, Object> c = new LinkedHashMap<>(m);
    c.put(k, v);
    return c;
  }

  private static SpikeRaster raster(Dataset d, int i, RateEncoder enc, int steps) {
    return d.isTemporal() ? d.raster(i) : d.encode(i, enc, steps);
  }

  /** Accuracy of the readout's real-valued argmax (before the spiking readout layer). */
  private static double linearAccuracy(StdpEngine e, Dataset test, RateEncoder enc) {
    int ok = 0;
    for (int i = 0; i < test.size(); i++) {
      double[] s = e.linearScores(raster(test, i, enc, e.timesteps()));
      int best = 0;
      for (int c = 1; c < s.length; c++) {
        if (s[c] > s[best]) {
          best = c;
        }
      }
      ok += best == test.label(i) ? 1 : 0;
    }
    return ok / (double) test.size();
  }

  /** The first layer's spike counts of the first n test inputs (golden-model trace). */
  static double[][] hiddenCounts(NetworkSpec net, Dataset test, RateEncoder enc, int n) {
    IntSimulator sim = new IntSimulator(net);
    int size = net.layers().get(0).size();
    double[][] x = new double[n][size];
    for (int i = 0; i < n; i++) {
      for (TraceStep st : sim.runTraced(raster(test, i, enc, net.timesteps()), "").steps()) {
        for (int j : st.spikes()[0]) {
          x[i][j]++;
        }
      }
    }
    return x;
  }

  /** The first layer's spike counts of the first n test inputs, float simulator. */
  static double[][] hiddenCounts(FloatNetwork net, Dataset test, RateEncoder enc, int n) {
    FloatSimulator sim = new FloatSimulator(net);
    int size = net.layers().get(0).size();
    double[][] x = new double[n][size];
    for (int i = 0; i < n; i++) {
      SpikeRaster hidden = sim.runRasters(raster(test, i, enc, net.timesteps()))[0];
      for (int t = 0; t < hidden.steps(); t++) {
        for (int j : hidden.at(t)) {
          x[i][j]++;
        }
      }
    }
    return x;
  }

  private static JFreeChart heatmap(String title, List<String> names, double[][] m) {
    int k = names.size();
    double[] xs = new double[k * k];
    double[] ys = new double[k * k];
    double[] zs = new double[k * k];
    double max = 0;
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        xs[a * k + b] = a;
        ys[a * k + b] = b;
        zs[a * k + b] = m[a][b];
        max = Math.max(max, m[a][b]);
      }
    }
    DefaultXYZDataset data = new DefaultXYZDataset();
    data.addSeries("rtd", new double[][] {xs, ys, zs});
    SymbolAxis x = new SymbolAxis(null, names.toArray(String[]::new));
    SymbolAxis y = new SymbolAxis(null, names.toArray(String[]::new));
    XYBlockRenderer r = new XYBlockRenderer();
    GrayPaintScale scale = new GrayPaintScale(0, Math.max(max, 1e-9));
    r.setPaintScale(scale);
    XYPlot plot = new XYPlot(data, x, y, r);
    plot.setBackgroundPaint(Color.WHITE);
    JFreeChart chart = new JFreeChart(title, plot);
    chart.removeLegend();
    NumberAxis legendAxis = new NumberAxis("RTD");
    PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
    legend.setPosition(RectangleEdge.RIGHT);
    chart.addSubtitle(legend);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  private static void print(double[][] m) {
    for (double[] row : m) {
      StringBuilder sb = new StringBuilder();
      for (double v : row) {
        sb.append(String.format(Locale.ROOT, "%8.3f", v));
      }
      System.out.println(sb);
    }
  }

}
