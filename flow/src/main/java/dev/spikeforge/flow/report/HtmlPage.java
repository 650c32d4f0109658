package dev.spikeforge.flow.report;

import java.util.List;

/**
 * A {@link ReportDocument} as one self-contained HTML page: inline CSS, figures as inline SVG, no
 * script and nothing loaded from outside the file, so it opens offline and can be mailed alone (a table's
 * cells may link to files beside it, e.g. a sweep's build directories; the page shows without them).
 * Deterministic: the same document gives the same bytes.
 */
public final class HtmlPage {
  private static final String CSS = """
      body { font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; margin: 2em auto; max-width: 1100px;
        color: #1a1a1a; line-height: 1.4; padding: 0 1em; }
      h1 { font-size: 1.6em; margin-bottom: 0.2em; }
      h2 { font-size: 1.25em; border-bottom: 1px solid #ccc; margin-top: 1.8em; }
      table { border-collapse: collapse; margin: 0.6em 0 1em 0; font-size: 0.92em; }
      caption { text-align: left; font-weight: bold; padding: 0.2em 0; }
      th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
      th { background: #f0f0f0; }
      td.num { text-align: right; font-variant-numeric: tabular-nums; }
      .absent { background: #fff4e0; border-left: 4px solid #e09000; padding: 0.4em 0.8em; margin: 0.6em 0; }
      figure { margin: 1em 0; }
      figcaption { font-size: 0.9em; color: #444; }
      nav ol { columns: 2; }
      code, .hash { font-family: 'DejaVu Sans Mono', monospace; font-size: 0.88em; word-break: break-all; }
      """;

  private HtmlPage() {}

  /** The page of {@code doc}. */
  public static String render(ReportDocument doc) {
    StringBuilder sb = new StringBuilder(1 << 16);
    sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(escape(doc.title())).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
    sb.append("<h1>").append(escape(doc.title())).append("</h1>\n");
    sb.append("<p class=\"lead\">").append(escape(doc.lead())).append("</p>\n");
    sb.append("<nav><ol>\n");
    for (ReportDocument.Section s : doc.sections()) {
      sb.append("<li><a href=\"#").append(s.id()).append("\">").append(escape(s.heading())).append("</a></li>\n");
    }
    sb.append("</ol></nav>\n");
    for (ReportDocument.Section s : doc.sections()) {
      sb.append("<section id=\"").append(s.id()).append("\">\n<h2>").append(escape(s.heading())).append("</h2>\n");
      for (ReportDocument.Block b : s.blocks()) {
        block(sb, b);
      }
      sb.append("</section>\n");
    }
    sb.append("</body>\n</html>\n");
    return sb.toString();
  }

  private static void block(StringBuilder sb, ReportDocument.Block b) {
    if (b instanceof ReportDocument.Paragraph p) {
      sb.append("<p>").append(escape(p.text())).append("</p>\n");
    } else if (b instanceof ReportDocument.Absent a) {
      sb.append("<p class=\"absent\"><strong>Absent: ").append(escape(a.what())).append("</strong> \u2014 ")
          .append(escape(a.why())).append("</p>\n");
    } else if (b instanceof ReportDocument.Table t) {
      table(sb, t);
    } else if (b instanceof ReportDocument.Figure f) {
      sb.append("<figure>\n").append(f.svg()).append("\n<figcaption>").append(escape(f.caption()))
          .append("</figcaption>\n</figure>\n");
    } else {
      throw new IllegalArgumentException("unknown block " + b);
    }
  }

  private static void table(StringBuilder sb, ReportDocument.Table t) {
    sb.append("<table>\n");
    if (!t.caption().isEmpty()) {
      sb.append("<caption>").append(escape(t.caption())).append("</caption>\n");
    }
    sb.append("<tr>");
    for (String h : t.header()) {
      sb.append("<th>").append(escape(h)).append("</th>");
    }
    sb.append("</tr>\n");
    for (int i = 0; i < t.rows().size(); i++) {
      List<String> row = t.rows().get(i);
      sb.append("<tr>");
      for (int j = 0; j < row.size(); j++) {
        String c = row.get(j);
        String href = t.link(i, j);
        sb.append(numeric(c) ? "<td class=\"num\">" : "<td>");
        if (href.isEmpty()) {
          sb.append(escape(c));
        } else {
          sb.append("<a href=\"").append(escape(href)).append("\">").append(escape(c)).append("</a>");
        }
        sb.append("</td>");
      }
      sb.append("</tr>\n");
    }
    sb.append("</table>\n");
  }

  /** A cell that is a number, possibly a percentage (right-aligned). */
  private static boolean numeric(String c) {
    return c.matches("[-+]?[0-9][0-9,.]*( ?%)?");
  }

  /** Text as HTML character data or attribute value. */
  static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(ch);
      }
    }
    return sb.toString();
  }
}
