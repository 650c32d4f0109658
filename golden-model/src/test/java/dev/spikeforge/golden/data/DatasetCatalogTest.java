package dev.spikeforge.golden.data;

import static dev.spikeforge.golden.data.IdxFixtures.gzip;
import static dev.spikeforge.golden.data.IdxFixtures.images;
import static dev.spikeforge.golden.data.IdxFixtures.labels;
import static dev.spikeforge.golden.data.IdxFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class DatasetCatalogTest {
  @TempDir Path dir;

  @Test
  void idxDirectoryWithTrainAndTestPrefixes() {
    write(dir.resolve("train-images-idx3-ubyte.gz"), gzip(images(7, 4, 4)));
    write(dir.resolve("train-labels-idx1-ubyte.gz"), gzip(labels(7, 5)));
    write(dir.resolve("test-images-idx3-ubyte"), images(3, 4, 4));
    write(dir.resolve("test-labels-idx1-ubyte"), labels(3, 2));
    Dataset train = DatasetCatalog.load("idx", Split.TRAIN, dir);
    Dataset test = DatasetCatalog.load("idx", Split.TEST, dir);
    assertEquals(7, train.size());
    assertEquals(5, train.classes());
    assertEquals("idx-test", test.name());
    assertEquals(3, test.size());
  }

  @Test
  void idxPrefersT10k() {
    write(dir.resolve("t10k-images-idx3-ubyte"), images(2, 1, 1));
    write(dir.resolve("t10k-labels-idx1-ubyte"), labels(2, 2));
    write(dir.resolve("test-images-idx3-ubyte"), images(3, 1, 1));
    write(dir.resolve("test-labels-idx1-ubyte"), labels(3, 2));
    assertEquals(2, DatasetCatalog.load("IDX", Split.TEST, dir).size());
  }

  @Test
  void errors() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetCatalog.load("cifar", Split.TEST, null));
    assertTrue(e.getMessage().contains("fashion-mnist, mnist-subset, idx, delay-pattern"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> DatasetCatalog.load("idx", Split.TEST, null));
    DatasetNotFoundException f = assertThrows(DatasetNotFoundException.class, () -> DatasetCatalog.load("idx", Split.TEST, dir));
    assertTrue(f.getMessage().contains("t10k-images-idx3-ubyte"), f.getMessage());
    assertThrows(DatasetNotFoundException.class, () -> DatasetCatalog.load("mnist-subset", Split.TEST, dir));
    assertThrows(DatasetNotFoundException.class, () -> DatasetCatalog.load("fashion-mnist", Split.TEST, dir.resolve("none")));
  }

  @Test
  void delayPattern() {
    Dataset d = DatasetCatalog.load("delay-pattern", Split.TEST, null);
    assertEquals(DatasetCatalog.DELAY_PATTERN_TEST, d.size());
    assertTrue(d.isTemporal());
    assertEquals(DelayPatternParams.DEFAULT.classes(), d.classes());
  }
}
