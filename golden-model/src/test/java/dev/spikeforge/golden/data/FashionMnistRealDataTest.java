package dev.spikeforge.golden.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Loads the real Fashion-MNIST files of the Debian package {@code dataset-fashion-mnist}. Missing
 * data fails the test when {@code CI=true} and skips it elsewhere. Reference figures (first labels,
 * pixel sums) were computed independently with Python's gzip module from the same files.
 */
@Tag("unit")
class FashionMnistRealDataTest {
  private static void requireFiles(String prefix) {
    Path dir = FashionMnist.DEFAULT_DIR;
    boolean ok = Files.isRegularFile(dir.resolve(prefix + "-images-idx3-ubyte.gz"))
        && Files.isRegularFile(dir.resolve(prefix + "-labels-idx1-ubyte.gz"));
    RequiredData.require(ok, "Fashion-MNIST " + prefix + " files not found in " + dir + "; fix: " + FashionMnist.FIX);
  }

  @Test
  void testSplit() {
    requireFiles("t10k");
    Dataset d = FashionMnist.load(Split.TEST);
    assertEquals("fashion-mnist-test", d.name());
    assertEquals(10_000, d.size());
    assertArrayEquals(new int[] {28, 28}, d.shape());
    assertEquals(10, d.classes());
    assertArrayEquals(new int[] {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000}, d.classCounts());
    assertArrayEquals(new int[] {9, 2, 1, 1, 6}, new int[] {d.label(0), d.label(1), d.label(2), d.label(3), d.label(4)});
    assertEquals(573_469_082L, pixelSum(d));
  }

  @Test
  void trainSplit() {
    requireFiles("train");
    Dataset d = FashionMnist.load(Split.TRAIN);
    assertEquals(60_000, d.size());
    assertArrayEquals(new int[] {9, 0, 0, 3, 0}, new int[] {d.label(0), d.label(1), d.label(2), d.label(3), d.label(4)});
    assertEquals(3_431_114_169L, pixelSum(d));
  }

  private static long pixelSum(Dataset d) {
    long sum = 0;
    for (int i = 0; i < d.size(); i++) {
      for (byte b : d.sample(i)) {
        sum += b & 0xFF;
      }
    }
    return sum;
  }
}
