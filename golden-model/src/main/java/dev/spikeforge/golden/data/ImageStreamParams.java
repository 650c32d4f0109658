package dev.spikeforge.golden.data;

import java.util.Locale;

/**
 * Parameters of an {@link ImageStream}: how a 2-D intensity image becomes a sequential spike stream.
 * Immutable; every field is checked here, and the fields that depend on the image (does {@code
 * rowsPerStep} divide its height?) when the stream is applied.
 *
 * @param rowsPerStep image lines shown per time step, at least 1; it must divide the number of lines
 *     of the scan order (28 for the 28×28 datasets: 1, 2, 4, 7, 14 or 28). The stream has {@code
 *     rowsPerStep × lineLength} input channels and {@code lines / rowsPerStep} image steps
 * @param threshold a pixel spikes when its intensity is at least this, 1..255 (0 would make every
 *     pixel spike)
 * @param silence steps without input after the image, 0..{@value #MAX_SILENCE}, so that evidence a
 *     network delays can still arrive before the sample ends (a delay of d steps needs d silent
 *     steps to deliver the last line's spikes)
 * @param order {@link Order#ROWS} (line = image row, top first) or {@link Order#COLUMNS} (line =
 *     image column, left first)
 */
public record ImageStreamParams(int rowsPerStep, int threshold, int silence, Order order) {
  /** Largest {@link #silence}. */
  public static final int MAX_SILENCE = 4096;

  /** One row per step, pixels ≥ 128 spike, 8 silent steps, row order. */
  public static final ImageStreamParams DEFAULT = new ImageStreamParams(1, 128, 8, Order.ROWS);

  /** Which lines of the image a time step shows. */
  public enum Order {
    /** Step g shows rows g·r .. g·r + r − 1. */
    ROWS,
    /** Step g shows columns g·r .. g·r + r − 1 (the image transposed, then scanned by rows). */
    COLUMNS;

    /** The order named {@code rows} or {@code columns} (any case). */
    public static Order parse(String name) {
      try {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("image stream: order must be rows or columns, not '" + name + "'");
      }
    }
  }

  /** Validates every field. */
  public ImageStreamParams {
    require(rowsPerStep >= 1, "rows (lines per step) must be at least 1, got " + rowsPerStep);
    require(threshold >= 1 && threshold <= 255, "threshold must be in 1..255 (an 8-bit intensity; 0 would make "
        + "every pixel spike), got " + threshold);
    require(silence >= 0 && silence <= MAX_SILENCE, "silence must be in 0.." + MAX_SILENCE + " steps, got " + silence);
    require(order != null, "order must be rows or columns");
  }

  /** The text form {@code rows=R,threshold=P,silence=S,order=rows|columns} (recorded in a run's config.json). */
  @Override
  public String toString() {
    return "rows=" + rowsPerStep + ",threshold=" + threshold + ",silence=" + silence + ",order="
        + order.name().toLowerCase(Locale.ROOT);
  }

  static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("image stream: " + message);
    }
  }
}
