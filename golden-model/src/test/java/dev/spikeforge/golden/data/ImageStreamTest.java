package dev.spikeforge.golden.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.data.ImageStreamParams.Order;
import dev.spikeforge.golden.sim.SpikeRaster;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
@net.jqwik.api.Tag("unit")
class ImageStreamTest {
  /** A 4-row × 3-column image, row-major. */
  private static final byte[] IMAGE = bytes(
      0, 100, 255,
      99, 200, 0,
      150, 0, 0,
      0, 0, 101);

  /** Worked by hand from docs/datasets.md §2.2: two rows per step, threshold 100, one silent step. */
  @Test
  void twoRowsPerStepByHand() {
    SpikeRaster r = new ImageStream(new ImageStreamParams(2, 100, 1, Order.ROWS)).raster(IMAGE, 4, 3);
    assertEquals(6, r.channels());
    assertEquals(3, r.steps());
    // step 0: row 0 (channels 0..2) pixels 1, 2 (100, 255 ≥ 100); row 1 (channels 3..5) pixel 1 (200): 3 + 1
    assertArrayEquals(new int[] {1, 2, 4}, r.at(0));
    // step 1: row 2 pixel 0 (150); row 3 pixel 2 (101): 3 + 2
    assertArrayEquals(new int[] {0, 5}, r.at(1));
    assertArrayEquals(new int[] {}, r.at(2));
  }

  /** The same image column by column: lines are columns, channel y is image row y. */
  @Test
  void columnOrderByHand() {
    SpikeRaster r = new ImageStream(new ImageStreamParams(1, 100, 0, Order.COLUMNS)).raster(IMAGE, 4, 3);
    assertEquals(4, r.channels());
    assertEquals(3, r.steps());
    assertArrayEquals(new int[] {2}, r.at(0));      // column 0: 0, 99, 150, 0
    assertArrayEquals(new int[] {0, 1}, r.at(1));   // column 1: 100, 200, 0, 0
    assertArrayEquals(new int[] {0, 3}, r.at(2));   // column 2: 255, 0, 0, 101
  }

  /** Every pixel at or above the threshold spikes exactly once, at its line's step, whatever the grouping. */
  @Property(tries = 60)
  void everyBrightPixelSpikesOnceOnItsLine(@ForAll @IntRange(min = 1, max = 255) int threshold,
      @ForAll @IntRange(min = 0, max = 3) int rowsLog, @ForAll @IntRange(min = 0, max = 5) int silence,
      @ForAll boolean columns, @ForAll long seed) {
    int h = 8;
    int w = columns ? 8 : 5; // every grouping r = 1..8 divides the lines it groups (the refusal is tested below)
    byte[] img = new byte[h * w];
    new SplittableRandom(seed).nextBytes(img);
    int r = 1 << rowsLog;
    Order order = columns ? Order.COLUMNS : Order.ROWS;
    SpikeRaster s = new ImageStream(new ImageStreamParams(r, threshold, silence, order)).raster(img, h, w);
    int length = columns ? h : w;
    int bright = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        boolean on = (img[y * w + x] & 0xFF) >= threshold;
        bright += on ? 1 : 0;
        int line = columns ? x : y;
        int pos = columns ? y : x;
        assertEquals(on, s.spiked(line / r, (line % r) * length + pos), "pixel " + y + "," + x);
      }
    }
    assertEquals(bright, s.spikeCount());
    assertEquals((columns ? w : h) / r + silence, s.steps());
    for (int t = s.steps() - silence; t < s.steps(); t++) {
      assertEquals(0, s.at(t).length, "silent step " + t);
    }
  }

  @Test
  void datasetKeepsLabelsAndIsDeterministic() {
    byte[][] images = new byte[5][];
    SplittableRandom rnd = new SplittableRandom(7);
    for (int i = 0; i < images.length; i++) {
      images[i] = new byte[12];
      rnd.nextBytes(images[i]);
    }
    Dataset d = Dataset.ofIntensities("toy-train", new int[] {4, 3}, 3, images, new int[] {2, 0, 1, 1, 0});
    ImageStream stream = new ImageStream(new ImageStreamParams(2, 128, 3, Order.ROWS));
    Dataset a = stream.apply(d.subset(4, 1, 2));
    Dataset b = new ImageStream(new ImageStreamParams(2, 128, 3, Order.ROWS)).apply(d.subset(4, 1, 2));
    assertTrue(a.isTemporal());
    assertEquals("toy-train-rows", a.name());
    assertArrayEquals(new int[] {6, 5}, a.shape());
    assertEquals(3, a.classes());
    assertArrayEquals(new int[] {0, 0, 1}, a.labels());
    for (int i = 0; i < 3; i++) {
      assertEquals(a.raster(i), b.raster(i));
      assertEquals(stream.raster(d.sample(new int[] {4, 1, 2}[i]), 4, 3), a.raster(i));
    }
    assertEquals("toy-train-columns", new ImageStream(new ImageStreamParams(1, 128, 0, Order.COLUMNS)).apply(d).name());
  }

  @Test
  void everyBadFieldIsRefusedByName() {
    refused("rows (lines per step) must be at least 1, got 0", () -> new ImageStreamParams(0, 128, 8, Order.ROWS));
    refused("threshold must be in 1..255", () -> new ImageStreamParams(1, 0, 8, Order.ROWS));
    refused("threshold must be in 1..255", () -> new ImageStreamParams(1, 256, 8, Order.ROWS));
    refused("silence must be in 0..4096 steps, got -1", () -> new ImageStreamParams(1, 128, -1, Order.ROWS));
    refused("silence must be in 0..4096 steps, got 4097", () -> new ImageStreamParams(1, 128, 4097, Order.ROWS));
    refused("order must be rows or columns", () -> new ImageStreamParams(1, 128, 8, null));
    refused("order must be rows or columns, not 'diagonal'", () -> Order.parse("diagonal"));
    assertEquals(Order.COLUMNS, Order.parse(" Columns"));
    refused("parameters missing", () -> new ImageStream(null));
    ImageStream three = new ImageStream(new ImageStreamParams(3, 128, 0, Order.ROWS));
    refused("rows=3 must divide the 4 rows of a 4×3 image (choose a divisor of 4)", () -> three.raster(IMAGE, 4, 3));
    ImageStream twoColumns = new ImageStream(new ImageStreamParams(2, 128, 0, Order.COLUMNS));
    refused("rows=2 must divide the 3 columns of a 4×3 image", () -> twoColumns.raster(IMAGE, 4, 3));
    ImageStream one = new ImageStream(ImageStreamParams.DEFAULT);
    refused("an image of 4×4 has 16 pixels, got 12", () -> one.raster(IMAGE, 4, 4));
    Dataset flat = Dataset.ofIntensities("flat", new int[] {12}, 2, new byte[][] {IMAGE}, new int[] {1});
    refused("flat has samples of shape [12]; the stream needs 2-D images", () -> one.apply(flat));
    Dataset spikes = new DelayPatternTask(DelayPatternParams.DEFAULT).trainSet(2);
    refused("delay-pattern-train is already a spike dataset", () -> one.apply(spikes));
  }

  @Test
  void textFormNamesEveryField() {
    assertEquals("rows=1,threshold=128,silence=8,order=rows", ImageStreamParams.DEFAULT.toString());
    assertEquals("rows=4,threshold=10,silence=0,order=columns",
        new ImageStreamParams(4, 10, 0, Order.COLUMNS).toString());
  }

  private static void refused(String message, Executable e) {
    IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e::execute);
    assertTrue(x.getMessage().startsWith("image stream: "), x.getMessage());
    assertTrue(x.getMessage().contains(message), x.getMessage());
  }

  private static byte[] bytes(int... v) {
    byte[] b = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = (byte) v[i];
    }
    return b;
  }

  /** A test action that may throw. */
  private interface Executable {
    void execute();
  }
}
