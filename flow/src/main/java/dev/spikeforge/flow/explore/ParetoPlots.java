package dev.spikeforge.flow.explore;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * The sweep's scatter plots, drawn by JFreeChart into SVG by JFreeSVG as {@code spikeforge report} does:
 * accuracy against a cost metric, every evaluated point, the infeasible ones apart, the points of the
 * Pareto front (over all the sweep's objectives, so not a line in any two of them) in red. Each plot is
 * drawn as a standalone SVG file, an inline SVG element (the HTML report) and a PNG. Equal data give
 * equal SVG and PNG bytes.
 */
final class ParetoPlots {
  private static final int WIDTH = 760;
  private static final int HEIGHT = 440;

  private ParetoPlots() {}

  /** Accuracy (%) against {@code x} as a standalone SVG document (the {@code .svg} file). */
  static String accuracyAgainst(String id, Metric x, List<PointResult> points, boolean[] feasible, boolean[] front) {
    return svg(id, chart(x, points, feasible, front)).getSVGDocument();
  }

  /** The same plot as an {@code <svg>} element with id {@code id}, for inline use in the HTML report. */
  static String inlineSvg(String id, Metric x, List<PointResult> points, boolean[] feasible, boolean[] front) {
    return svg(id, chart(x, points, feasible, front)).getSVGElement(id);
  }

  /** The same plot as PNG bytes (JFreeChart's raster rendering, encoded by ImageIO: no time inside). */
  static byte[] png(Metric x, List<PointResult> points, boolean[] feasible, boolean[] front) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ChartUtils.writeChartAsPNG(out, chart(x, points, feasible, front), WIDTH, HEIGHT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The chart of accuracy (%) against {@code x}; {@code front} and {@code feasible} per point. */
  private static JFreeChart chart(Metric x, List<PointResult> points, boolean[] feasible, boolean[] front) {
    XYSeries frontSeries = new XYSeries("Pareto front (over all objectives)", true, true);
    XYSeries rest = new XYSeries("feasible, dominated", false, true);
    XYSeries infeasible = new XYSeries("breaks a constraint", false, true);
    List<double[]> frontPts = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      PointResult p = points.get(i);
      double vx = p.value(x);
      double vy = 100 * p.value(Metric.ACCURACY);
      if (!p.ok() || Double.isNaN(vx) || Double.isNaN(vy)) {
        continue;
      }
      if (front[i]) {
        frontPts.add(new double[] {vx, vy});
      } else if (feasible[i]) {
        rest.add(vx, vy);
      } else {
        infeasible.add(vx, vy);
      }
    }
    for (double[] f : frontPts) {
      frontSeries.add(f[0], f[1]);
    }
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(frontSeries);
    data.addSeries(rest);
    data.addSeries(infeasible);
    String xLabel = x.key() + " (" + x.unit() + ")" + (x.hardware() || x == Metric.ENERGY_UJ ? ", estimate unless synthesized" : "");
    JFreeChart chart = ChartFactory.createXYLineChart("Accuracy against " + x.key(), xLabel,
        "accuracy (%, integer golden model)", data, PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
    r.setSeriesLinesVisible(0, false); // a front over several objectives is no line in two of them
    r.setSeriesLinesVisible(1, false);
    r.setSeriesLinesVisible(2, false);
    r.setSeriesPaint(0, new Color(0xc03020));
    r.setSeriesPaint(1, new Color(0x3c6e9f));
    r.setSeriesPaint(2, new Color(0xaaaaaa));
    r.setSeriesStroke(0, new BasicStroke(2f));
    r.setSeriesShape(0, new Ellipse2D.Double(-5, -5, 10, 10));
    r.setSeriesShape(1, new Ellipse2D.Double(-3, -3, 6, 6));
    r.setSeriesShape(2, new Rectangle2D.Double(-2.5, -2.5, 5, 5));
    plot.setRenderer(r);
    ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
    ((NumberAxis) plot.getDomainAxis()).setAutoRangeIncludesZero(false);
    chart.setBackgroundPaint(Color.WHITE);
    plot.setBackgroundPaint(new Color(0xfafafa));
    ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createStandardTickUnits(Locale.ROOT));
    ((NumberAxis) plot.getRangeAxis()).setStandardTickUnits(NumberAxis.createStandardTickUnits(Locale.ROOT));
    return chart;
  }

  private static SVGGraphics2D svg(String id, JFreeChart chart) {
    SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
    g.setDefsKeyPrefix(id + "-");
    chart.draw(g, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
    return g;
  }
}
