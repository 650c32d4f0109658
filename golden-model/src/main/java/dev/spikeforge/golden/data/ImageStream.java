package dev.spikeforge.golden.data;

import dev.spikeforge.golden.sim.SpikeRaster;
import java.util.Arrays;
import java.util.Locale;

/**
 * A sequential (row-by-row or column-by-column) spike stream of a 2-D image dataset: the temporal task
 * built from Fashion-MNIST or the MNIST subset (docs/datasets.md §2.2). The image is shown a few lines
 * at a time, one group of lines per time step, then the input falls silent; the class is the image's
 * label. Spatial structure across lines becomes structure in time, so a network can only combine
 * evidence from different lines by remembering it (membrane leak, recurrence) or by delaying it.
 *
 * <p><b>The rule</b> (deterministic, no random numbers). For an image of H rows × W columns in order
 * {@code ROWS} (lines = rows, L = H lines of length W; {@code COLUMNS}: lines = columns, L = W lines of
 * length H) and r = {@code rowsPerStep}, the stream has {@code r·length} channels and {@code L/r +
 * silence} steps. At image step g (0 ≤ g &lt; L/r), channel {@code c = k·length + x} (k = 0..r−1) spikes
 * iff pixel x of line {@code g·r + k} has intensity ≥ {@code threshold}; the {@code silence} steps after
 * the image carry no spikes. Every pixel at or above the threshold spikes exactly once.
 */
public final class ImageStream {
  private final ImageStreamParams params;

  /** A stream with {@code params}. */
  public ImageStream(ImageStreamParams params) {
    if (params == null) {
      throw new IllegalArgumentException("image stream: parameters missing");
    }
    this.params = params;
  }

  /** The parameters. */
  public ImageStreamParams params() {
    return params;
  }

  /**
   * The temporal dataset of {@code images}: one raster per image, the same labels and classes, the
   * name suffixed with {@code -rows} or {@code -columns}. Sample i of the result is image i of the view
   * (its id is its position in {@code images}).
   *
   * @throws IllegalArgumentException if {@code images} is temporal, not 2-D, or has a line count that
   *     {@code rowsPerStep} does not divide
   */
  public Dataset apply(Dataset images) {
    int[] shape = geometry(images);
    SpikeRaster[] rasters = new SpikeRaster[images.size()];
    int[] labels = new int[images.size()];
    for (int i = 0; i < rasters.length; i++) {
      rasters[i] = raster(images.sample(i), shape[0], shape[1]);
      labels[i] = images.label(i);
    }
    return Dataset.ofRasters(images.name() + "-" + params.order().name().toLowerCase(Locale.ROOT),
        channels(shape[0], shape[1]), steps(shape[0], shape[1]), images.classes(), rasters, labels);
  }

  /** Input channels of the stream of an H × W image: {@code rowsPerStep × line length}. */
  public int channels(int height, int width) {
    return Math.multiplyExact(params.rowsPerStep(), lineLength(height, width));
  }

  /** Steps of the stream of an H × W image: {@code lines / rowsPerStep + silence}. */
  public int steps(int height, int width) {
    return lines(height, width) / params.rowsPerStep() + params.silence();
  }

  /**
   * The stream of one H × W image (row-major intensities, unsigned bytes).
   *
   * @throws IllegalArgumentException if the pixel count is not H·W or rowsPerStep does not divide the lines
   */
  public SpikeRaster raster(byte[] pixels, int height, int width) {
    checkLines(height, width);
    if (pixels.length != height * width) {
      throw new IllegalArgumentException("image stream: an image of " + height + "×" + width + " has "
          + height * width + " pixels, got " + pixels.length);
    }
    boolean columns = params.order() == ImageStreamParams.Order.COLUMNS;
    int r = params.rowsPerStep();
    int length = lineLength(height, width);
    int imageSteps = lines(height, width) / r;
    int[][] events = new int[imageSteps + params.silence()][];
    int[] buf = new int[r * length];
    for (int g = 0; g < imageSteps; g++) {
      int n = 0;
      for (int k = 0; k < r; k++) {
        int line = g * r + k;
        for (int x = 0; x < length; x++) {
          int pixel = columns ? x * width + line : line * width + x;
          if ((pixels[pixel] & 0xFF) >= params.threshold()) {
            buf[n++] = k * length + x;
          }
        }
      }
      events[g] = Arrays.copyOf(buf, n);
    }
    for (int t = imageSteps; t < events.length; t++) {
      events[t] = new int[0];
    }
    return SpikeRaster.wrapTrusted(r * length, events);
  }

  private int[] geometry(Dataset images) {
    if (images.isTemporal()) {
      throw new IllegalArgumentException("image stream: " + images.name() + " is already a spike dataset; the stream "
          + "needs 2-D intensity images (fashion-mnist, mnist-subset, idx)");
    }
    int[] shape = images.shape();
    if (shape.length != 2) {
      throw new IllegalArgumentException("image stream: " + images.name() + " has samples of shape "
          + Arrays.toString(shape) + "; the stream needs 2-D images (rows × columns)");
    }
    checkLines(shape[0], shape[1]);
    return shape;
  }

  private void checkLines(int height, int width) {
    int lines = lines(height, width);
    ImageStreamParams.require(lines % params.rowsPerStep() == 0, "rows=" + params.rowsPerStep()
        + " must divide the " + lines + " " + params.order().name().toLowerCase(Locale.ROOT)
        + " of a " + height + "×" + width + " image (choose a divisor of " + lines + ")");
  }

  private int lines(int height, int width) {
    return params.order() == ImageStreamParams.Order.ROWS ? height : width;
  }

  private int lineLength(int height, int width) {
    return params.order() == ImageStreamParams.Order.ROWS ? width : height;
  }
}
