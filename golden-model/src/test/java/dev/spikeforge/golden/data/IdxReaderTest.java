package dev.spikeforge.golden.data;

import static dev.spikeforge.golden.data.IdxFixtures.gzip;
import static dev.spikeforge.golden.data.IdxFixtures.idx;
import static dev.spikeforge.golden.data.IdxFixtures.images;
import static dev.spikeforge.golden.data.IdxFixtures.labels;
import static dev.spikeforge.golden.data.IdxFixtures.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.io.ModelFormatException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class IdxReaderTest {
  @TempDir Path dir;

  @Test
  void readsRawAndGzipIdentically() {
    byte[] raw = images(5, 3, 4);
    Path a = write(dir.resolve("a-images-idx3-ubyte"), raw);
    Path b = write(dir.resolve("b.bin"), gzip(raw)); // gzip recognised by content, not name
    IdxReader.IdxArray ra = IdxReader.readImages(a);
    IdxReader.IdxArray rb = IdxReader.readImages(b);
    assertArrayEquals(new int[] {5, 3, 4}, ra.dims());
    assertArrayEquals(new int[] {3, 4}, ra.itemShape());
    assertEquals(5, ra.count());
    assertArrayEquals(Arrays.copyOfRange(raw, 16, raw.length), ra.data());
    assertArrayEquals(ra.data(), rb.data());
    assertArrayEquals(ra.dims(), rb.dims());
  }

  @Test
  void readsLabelsUnsigned() {
    Path f = write(dir.resolve("l"), idx(IdxReader.LABELS_MAGIC, new int[] {3}, new byte[] {0, 9, (byte) 200}));
    assertArrayEquals(new int[] {0, 9, 200}, IdxReader.readLabels(f));
  }

  @Test
  void loadsAPrefixedDirectoryWithEveryAcceptedName() {
    write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(images(6, 2, 2)));
    write(dir.resolve("train-labels.idx1-ubyte"), labels(6, 3));
    Dataset d = IdxDataset.loadPrefix(dir, "train", "mine");
    assertEquals("mine", d.name());
    assertEquals(6, d.size());
    assertArrayEquals(new int[] {2, 2}, d.shape());
    assertEquals(3, d.classes(), "classes = max label + 1");
    assertEquals(2, d.label(5));
    assertEquals((7 * 4 + 3) % 256, d.intensity(4, 3));
  }

  @Test
  void fashionMnistLoaderReadsAnyDirectoryWithTheOfficialNames() {
    write(dir.resolve("t10k-images-idx3-ubyte"), images(4, 28, 28));
    write(dir.resolve("t10k-labels-idx1-ubyte.gz"), gzip(labels(4, 10)));
    Dataset d = FashionMnist.load(dir, Split.TEST);
    assertEquals("fashion-mnist-test", d.name());
    assertEquals(4, d.size());
    assertEquals(10, d.classes());
    assertArrayEquals(new int[] {28, 28}, d.shape());
  }

  @Test
  void wrongMagicNamesTheFile() {
    Path f = write(dir.resolve("x"), idx(0x00000903, new int[] {1, 1, 1}, new byte[] {1}));
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> IdxReader.readImages(f));
    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("wrong magic number 0x00000903"), e.getMessage());
  }

  @Test
  void labelFileGivenAsImagesIsRejected() {
    Path f = write(dir.resolve("l"), labels(3, 2));
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> IdxReader.readImages(f));
    assertTrue(e.getMessage().contains("declares 1 dimension(s), expected 2 to 4"), e.getMessage());
    Path g = write(dir.resolve("i"), images(3, 2, 2));
    assertThrows(ModelFormatException.class, () -> IdxReader.readLabels(g));
  }

  @Test
  void truncatedRawData() {
    byte[] raw = images(5, 3, 4);
    Path f = write(dir.resolve("t"), Arrays.copyOf(raw, raw.length - 1));
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> IdxReader.readImages(f));
    assertTrue(e.getMessage().contains("truncated: header declares 5×3×4 = 60 data bytes, file holds only 59"), e.getMessage());
  }

  @Test
  void truncatedHeader() {
    Path f = write(dir.resolve("h"), new byte[] {0, 0, 8, 3, 0, 0});
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> IdxReader.readImages(f));
    assertTrue(e.getMessage().contains("truncated header"), e.getMessage());
    Path empty = write(dir.resolve("e"), new byte[0]);
    assertThrows(ModelFormatException.class, () -> IdxReader.readImages(empty));
  }

  @Test
  void truncatedGzip() {
    byte[] gz = gzip(images(50, 10, 10));
    Path f = write(dir.resolve("t.gz"), Arrays.copyOf(gz, gz.length / 2));
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> IdxReader.readImages(f));
    assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains("gzip"), e.getMessage());
  }

  @Test
  void gzipOfTruncatedData() {
    byte[] raw = images(5, 3, 4);
    Path f = write(dir.resolve("t.gz"), gzip(Arrays.copyOf(raw, 40)));
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> IdxReader.readImages(f));
    assertTrue(e.getMessage().contains("file holds only 24"), e.getMessage());
  }

  @Test
  void extraBytes() {
    byte[] raw = images(2, 2, 2);
    Path f = write(dir.resolve("x"), Arrays.copyOf(raw, raw.length + 3));
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> IdxReader.readImages(f));
    assertTrue(e.getMessage().contains("extra bytes"), e.getMessage());
  }

  @Test
  void zeroOrNegativeDimension() {
    Path f = write(dir.resolve("z"), idx(IdxReader.IMAGES_MAGIC, new int[] {0, 2, 2}, new byte[0]));
    assertThrows(ModelFormatException.class, () -> IdxReader.readImages(f));
    Path g = write(dir.resolve("n"), idx(IdxReader.IMAGES_MAGIC, new int[] {1, -1, 2}, new byte[0]));
    assertThrows(ModelFormatException.class, () -> IdxReader.readImages(g));
  }

  @Test
  void hugeHeaderDoesNotAllocate() {
    Path f = write(dir.resolve("big"), idx(IdxReader.IMAGES_MAGIC, new int[] {60000, 28, 28}, new byte[10]));
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> IdxReader.readImages(f));
    assertTrue(e.getMessage().contains("file holds only 10"), e.getMessage());
    Path g = write(dir.resolve("huge"), idx(IdxReader.IMAGES_MAGIC, new int[] {1 << 20, 1 << 10, 1 << 10}, new byte[0]));
    assertTrue(assertThrows(ModelFormatException.class, () -> IdxReader.readImages(g)).getMessage().contains("too large"));
  }

  @Test
  void mismatchedCountsNameBothFiles() {
    Path i = write(dir.resolve("p-images-idx3-ubyte"), images(5, 2, 2));
    Path l = write(dir.resolve("p-labels-idx1-ubyte"), labels(4, 2));
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> IdxDataset.loadPrefix(dir, "p", "p"));
    assertTrue(e.getMessage().contains(i.toString()) && e.getMessage().contains(l.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("5 images") && e.getMessage().contains("4 labels"), e.getMessage());
  }

  @Test
  void labelOutsideTheDeclaredClasses() {
    Path i = write(dir.resolve("i"), images(3, 1, 1));
    Path l = write(dir.resolve("l"), labels(3, 3));
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> IdxDataset.load(i, l, "x", 2));
    assertTrue(e.getMessage().contains("label 2 at index 2"), e.getMessage());
  }

  @Test
  void missingFileAndDirectory() {
    DatasetNotFoundException e = assertThrows(DatasetNotFoundException.class, () -> IdxReader.readLabels(dir.resolve("nope")));
    assertEquals(dir.resolve("nope"), e.path());
    Path missing = dir.resolve("no-such-dir");
    DatasetNotFoundException f = assertThrows(DatasetNotFoundException.class, () -> FashionMnist.load(missing, Split.TRAIN));
    assertTrue(f.getMessage().contains(missing.toString()), f.getMessage());
    assertTrue(f.getMessage().contains("apt-get install dataset-fashion-mnist, or pass --data-dir DIR with IDX files"), f.getMessage());
    write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(images(1, 1, 1)));
    DatasetNotFoundException g = assertThrows(DatasetNotFoundException.class, () -> FashionMnist.load(dir, Split.TRAIN));
    assertTrue(g.getMessage().contains("train-labels-idx1-ubyte"), g.getMessage());
    assertTrue(g.getMessage().contains("apt-get install dataset-fashion-mnist"), g.getMessage());
  }
}
