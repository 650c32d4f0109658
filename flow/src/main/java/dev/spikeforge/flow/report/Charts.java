package dev.spikeforge.flow.report;

import dev.spikeforge.golden.train.EpochMetrics;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * The report's plots, drawn by JFreeChart into SVG elements by JFreeSVG (no plotting code of our
 * own). Each chart gets its own id prefix for the SVG definitions (clip paths, gradients), so several
 * can share one page, and none depends on the time: equal data give equal SVG.
 */
public final class Charts {
  private static final int WIDTH = 760;
  private static final int HEIGHT = 360;

  private Charts() {}

  /** Train and test accuracy (in %) against the epoch. */
  public static String trainingCurve(String id, List<EpochMetrics> epochs) {
    XYSeries train = new XYSeries("train accuracy (dropout on, weights changing)");
    XYSeries test = new XYSeries("test accuracy (end of epoch)");
    for (EpochMetrics m : epochs) {
      train.add(m.epoch(), 100 * m.trainAccuracy());
      test.add(m.epoch(), 100 * m.testAccuracy());
    }
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(train);
    data.addSeries(test);
    JFreeChart chart = ChartFactory.createXYLineChart("Training curve", "epoch", "accuracy (%)", data,
        PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
    r.setSeriesStroke(0, new BasicStroke(2f));
    r.setSeriesStroke(1, new BasicStroke(2f));
    plot.setRenderer(r);
    ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
    style(chart);
    ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
    return svg(id, chart, HEIGHT);
  }

  /**
   * Mean spikes per neuron per image, one group of bars per layer (the input first), one bar per
   * series (e.g. measured here, recorded by the build).
   *
   * @param series name → values, one per entry of {@code groups}
   */
  public static String spikeRates(String id, List<String> groups, Map<String, double[]> series) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (Map.Entry<String, double[]> e : series.entrySet()) {
      for (int g = 0; g < groups.size(); g++) {
        data.addValue(e.getValue()[g], e.getKey(), groups.get(g));
      }
    }
    JFreeChart chart = ChartFactory.createBarChart("Spikes per neuron per image, by layer", "layer",
        "mean spikes per neuron per image", data, PlotOrientation.VERTICAL, true, false, false);
    CategoryPlot plot = chart.getCategoryPlot();
    BarRenderer r = (BarRenderer) plot.getRenderer();
    r.setBarPainter(new StandardBarPainter());
    r.setShadowVisible(false);
    style(chart);
    return svg(id, chart, HEIGHT);
  }

  /**
   * The distribution of a layer's membrane values, with the threshold and, when inside the plotted
   * range, the saturation bounds of the membrane width marked.
   */
  public static String membraneHistogram(String id, Activity.Layer layer) {
    double[] values = new double[layer.membranes().length];
    for (int i = 0; i < values.length; i++) {
      values[i] = layer.membranes()[i];
    }
    int min = Math.min(layer.min(), (int) Math.min(layer.threshold(), Integer.MAX_VALUE));
    int max = Math.max(layer.max(), (int) Math.min(layer.threshold(), Integer.MAX_VALUE));
    int bins = Math.max(1, Math.min(60, max - min + 1));
    HistogramDataset data = new HistogramDataset();
    data.addSeries("membrane after each step", values, bins, min - 0.5, max + 0.5);
    JFreeChart chart = ChartFactory.createHistogram("Membrane values of layer " + layer.name() + " ("
        + layer.membraneWidth() + "-bit)", "membrane value", "count (neuron-steps)", data, PlotOrientation.VERTICAL,
        false, false, false);
    XYPlot plot = chart.getXYPlot();
    XYBarRenderer r = (XYBarRenderer) plot.getRenderer();
    r.setBarPainter(new StandardXYBarPainter());
    r.setShadowVisible(false);
    r.setSeriesPaint(0, new Color(0x3c6e9f));
    double mid = (min + max) / 2.0;
    plot.addDomainMarker(marker(layer.threshold(), "threshold " + layer.threshold(), new Color(0xc03020), mid));
    long lo = -(1L << (layer.membraneWidth() - 1));
    long hi = (1L << (layer.membraneWidth() - 1)) - 1;
    if (lo >= min) {
      plot.addDomainMarker(marker(lo, "saturation " + lo, Color.DARK_GRAY, mid));
    }
    if (hi <= max) {
      plot.addDomainMarker(marker(hi, "saturation " + hi, Color.DARK_GRAY, mid));
    }
    style(chart);
    return svg(id, chart, 300);
  }

  /** A dashed line at {@code at}, its label on the side of the line nearer the middle of the plot. */
  private static ValueMarker marker(double at, String label, Color color, double mid) {
    ValueMarker m = new ValueMarker(at, color, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
        new float[] {6f, 4f}, 0f));
    m.setLabel(label);
    m.setLabelPaint(color);
    boolean right = at <= mid;
    m.setLabelAnchor(right ? RectangleAnchor.TOP_RIGHT : RectangleAnchor.TOP_LEFT);
    m.setLabelTextAnchor(right ? TextAnchor.TOP_LEFT : TextAnchor.TOP_RIGHT);
    return m;
  }

  private static void style(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.getPlot().setBackgroundPaint(new Color(0xfafafa));
    chart.setAntiAlias(true);
    // tick labels in one format whatever the JVM's locale (1,000 not 1.000): the same build, the same bytes
    if (chart.getPlot() instanceof XYPlot xy) {
      rootLocale(xy.getDomainAxis());
      rootLocale(xy.getRangeAxis());
    } else if (chart.getPlot() instanceof CategoryPlot c) {
      rootLocale(c.getRangeAxis());
    }
  }

  private static void rootLocale(ValueAxis axis) {
    if (axis instanceof NumberAxis n) {
      n.setStandardTickUnits(NumberAxis.createStandardTickUnits(Locale.ROOT));
    }
  }

  private static String svg(String id, JFreeChart chart, int height) {
    SVGGraphics2D g = new SVGGraphics2D(WIDTH, height);
    g.setDefsKeyPrefix(id + "-");
    chart.draw(g, new Rectangle2D.Double(0, 0, WIDTH, height));
    return g.getSVGElement(id);
  }
}
