package dev.spikeforge.flow.report;

import java.util.List;

/**
 * The content of an HTML build report, independent of how it is drawn: a title, a lead paragraph
 * and sections of paragraphs, notes, tables and figures. {@link HtmlPage#render} turns it into one
 * self-contained page; equal documents give equal bytes.
 *
 * @param title    the page title (also the top heading)
 * @param lead     the paragraph under the title
 * @param sections in order
 */
public record ReportDocument(String title, String lead, List<Section> sections) {
  /** Copies the list. */
  public ReportDocument {
    sections = List.copyOf(sections);
  }

  /**
   * One section of the page.
   *
   * @param id      the HTML id (letters, digits, '-'), the anchor of the table of contents
   * @param heading its heading
   * @param blocks  its content, in order
   */
  public record Section(String id, String heading, List<Block> blocks) {
    /** Copies the list; checks the id. */
    public Section {
      if (!id.matches("[a-z][a-z0-9-]*")) {
        throw new IllegalArgumentException("section id '" + id + "' must be lower-case letters, digits and '-'");
      }
      blocks = List.copyOf(blocks);
    }
  }

  /** A piece of a section. */
  public sealed interface Block permits Paragraph, Absent, Table, Figure {}

  /** Plain text. */
  public record Paragraph(String text) implements Block {}

  /** What a build does not hold and why, shown so that no one mistakes it for a zero. */
  public record Absent(String what, String why) implements Block {}

  /**
   * A table; every row has as many cells as the header.
   *
   * @param caption shown above it (may be empty)
   * @param header  the column names
   * @param rows    the cells, as text
   * @param links   per cell, a relative link its text points to ("" for none), shaped as {@code rows}; or
   *                empty for a table without links
   */
  public record Table(String caption, List<String> header, List<List<String>> rows, List<List<String>> links)
      implements Block {
    /** Copies the lists; checks the row widths and that links, if any, have the rows' shape. */
    public Table {
      header = List.copyOf(header);
      rows = rows.stream().map(List::copyOf).toList();
      links = links.stream().map(List::copyOf).toList();
      for (List<String> r : rows) {
        if (r.size() != header.size()) {
          throw new IllegalArgumentException("table '" + caption + "': a row has " + r.size() + " cells, the header "
              + header.size() + ": " + r);
        }
      }
      boolean shaped = links.isEmpty() || links.size() == rows.size();
      for (int i = 0; shaped && i < links.size(); i++) {
        shaped = links.get(i).size() == header.size();
      }
      if (!shaped) {
        throw new IllegalArgumentException("table '" + caption + "': its links are not shaped as its rows");
      }
    }

    /** A table without links. */
    public Table(String caption, List<String> header, List<List<String>> rows) {
      this(caption, header, rows, List.of());
    }

    /** The link of cell ({@code row}, {@code col}), "" for none. */
    public String link(int row, int col) {
      return links.isEmpty() ? "" : links.get(row).get(col);
    }
  }

  /**
   * A plot as an inline SVG element ({@link Charts}) with its caption.
   *
   * @param caption what it shows and from which data
   * @param svg     an {@code <svg>} element
   */
  public record Figure(String caption, String svg) implements Block {}
}
