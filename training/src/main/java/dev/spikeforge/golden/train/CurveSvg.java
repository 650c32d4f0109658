package dev.spikeforge.golden.train;

import java.util.List;
import java.util.Locale;

/**
 * The training curve as a small, dependency-free SVG: accuracy (train and test, in %) in the upper
 * panel and the training loss in the lower panel, against the epoch. Deterministic text (fixed
 * number formats), so equal metrics give equal files.
 */
public final class CurveSvg {
  private static final int W = 720;
  private static final int PANEL_H = 230;
  private static final int LEFT = 64;
  private static final int RIGHT = 24;
  private static final int TOP = 40;
  private static final int GAP = 56;

  private CurveSvg() {}

  /** The SVG document for {@code epochs}; {@code title} goes on top. */
  public static String render(String title, List<EpochMetrics> epochs) {
    int h = TOP + 2 * PANEL_H + GAP + 40;
    StringBuilder sb = new StringBuilder();
    sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"").append(h)
        .append("\" viewBox=\"0 0 ").append(W).append(' ').append(h).append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
    sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    sb.append("<text x=\"").append(W / 2).append("\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">")
        .append(escape(title)).append("</text>\n");
    int n = epochs.size();
    double[] x = new double[n];
    double[] train = new double[n];
    double[] test = new double[n];
    double[] loss = new double[n];
    double accLo = 100;
    double accHi = 0;
    double lossHi = 0;
    for (int k = 0; k < n; k++) {
      EpochMetrics m = epochs.get(k);
      x[k] = m.epoch();
      train[k] = 100 * m.trainAccuracy();
      test[k] = 100 * m.testAccuracy();
      loss[k] = m.trainLoss();
      accLo = Math.min(accLo, Math.min(train[k], test[k]));
      accHi = Math.max(accHi, Math.max(train[k], test[k]));
      lossHi = Math.max(lossHi, loss[k]);
    }
    if (n == 0) {
      accLo = 0;
      accHi = 100;
      lossHi = 1;
    }
    accLo = Math.max(0, Math.floor(accLo / 5) * 5 - 5);
    accHi = Math.min(100, Math.ceil(accHi / 5) * 5 + 5);
    if (accHi <= accLo) {
      accHi = accLo + 10;
    }
    lossHi = lossHi <= 0 ? 1 : niceCeil(lossHi);
    double xLo = n == 0 ? 0 : x[0];
    double xHi = n <= 1 ? xLo + 1 : x[n - 1];
    panel(sb, TOP, "accuracy (%)", xLo, xHi, accLo, accHi);
    line(sb, TOP, x, train, xLo, xHi, accLo, accHi, "#1f77b4", "train (dropout on)");
    line(sb, TOP, x, test, xLo, xHi, accLo, accHi, "#d62728", "test");
    legend(sb, TOP, new String[] {"train (dropout on, weights changing)", "test"}, new String[] {"#1f77b4", "#d62728"});
    int top2 = TOP + PANEL_H + GAP;
    panel(sb, top2, "training loss", xLo, xHi, 0, lossHi);
    line(sb, top2, x, loss, xLo, xHi, 0, lossHi, "#2ca02c", "loss");
    sb.append("<text x=\"").append(LEFT + (W - LEFT - RIGHT) / 2).append("\" y=\"").append(top2 + PANEL_H + 34)
        .append("\" text-anchor=\"middle\">epoch</text>\n");
    sb.append("</svg>\n");
    return sb.toString();
  }

  private static void panel(StringBuilder sb, int top, String label, double xLo, double xHi, double yLo, double yHi) {
    int pw = W - LEFT - RIGHT;
    sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>\n",
        LEFT, top, pw, PANEL_H));
    for (int k = 0; k <= 4; k++) {
      double yv = yLo + (yHi - yLo) * k / 4;
      double yp = top + PANEL_H - PANEL_H * k / 4.0;
      sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>\n",
          LEFT, yp, LEFT + pw, yp));
      sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n", LEFT - 6,
          yp + 4, fmt(yv)));
    }
    int ticks = (int) Math.min(10, Math.max(1, Math.round(xHi - xLo)));
    for (int k = 0; k <= ticks; k++) {
      double xv = xLo + (xHi - xLo) * k / ticks;
      double xp = LEFT + pw * (double) k / ticks;
      sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", xp,
          top + PANEL_H + 16, fmt(xv)));
    }
    sb.append(String.format(Locale.ROOT,
        "<text x=\"16\" y=\"%d\" text-anchor=\"middle\" transform=\"rotate(-90 16 %d)\">%s</text>\n",
        top + PANEL_H / 2, top + PANEL_H / 2, escape(label)));
  }

  private static void line(StringBuilder sb, int top, double[] x, double[] y, double xLo, double xHi, double yLo,
      double yHi, String color, String name) {
    if (x.length == 0) {
      return;
    }
    int pw = W - LEFT - RIGHT;
    StringBuilder pts = new StringBuilder();
    for (int k = 0; k < x.length; k++) {
      double px = LEFT + pw * (x[k] - xLo) / (xHi - xLo);
      double py = top + PANEL_H - PANEL_H * (y[k] - yLo) / (yHi - yLo);
      pts.append(k == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.1f,%.1f", px, py));
      sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"><title>%s epoch %s: %s</title></circle>\n",
          px, py, color, escape(name), fmt(x[k]), String.format(Locale.ROOT, "%.4f", y[k])));
    }
    sb.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"2\" points=\"")
        .append(pts).append("\"/>\n");
  }

  private static void legend(StringBuilder sb, int top, String[] names, String[] colors) {
    int y = top + PANEL_H - 14 * names.length;
    for (int k = 0; k < names.length; k++) {
      int yy = y + 14 * k;
      sb.append(String.format(Locale.ROOT,
          "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/><text x=\"%d\" y=\"%d\">%s</text>\n",
          W - RIGHT - 250, yy - 4, W - RIGHT - 228, yy - 4, colors[k], W - RIGHT - 222, yy, escape(names[k])));
    }
  }

  private static double niceCeil(double v) {
    double p = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * p >= v) {
        return m * p;
      }
    }
    return 10 * p;
  }

  private static String fmt(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e9) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.3g", v);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
