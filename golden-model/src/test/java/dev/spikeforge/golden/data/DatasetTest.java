package dev.spikeforge.golden.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.sim.SpikeRaster;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class DatasetTest {
  /** 10 samples of 2×3 intensities, sample i filled with value 10*i, label i mod 3. */
  private static Dataset ten() {
    byte[][] s = new byte[10][6];
    int[] l = new int[10];
    for (int i = 0; i < 10; i++) {
      Arrays.fill(s[i], (byte) (10 * i));
      l[i] = i % 3;
    }
    return Dataset.ofIntensities("ten", new int[] {2, 3}, 3, s, l);
  }

  @Test
  void basicAccessors() {
    Dataset d = ten();
    assertEquals("ten", d.name());
    assertEquals(10, d.size());
    assertArrayEquals(new int[] {2, 3}, d.shape());
    assertEquals(6, d.sampleLength());
    assertEquals(3, d.classes());
    assertFalse(d.isTemporal());
    assertEquals(2, d.label(5));
    assertEquals(90, d.intensity(9, 4));
    assertArrayEquals(new int[] {4, 3, 3}, d.classCounts());
    assertThrows(IllegalStateException.class, () -> d.raster(0));
    assertThrows(IndexOutOfBoundsException.class, () -> d.sample(10));
  }

  @Test
  void intensitiesAbove127AreReadUnsigned() {
    Dataset d = Dataset.ofIntensities("u", new int[] {1}, 1, new byte[][] {{(byte) 200}}, new int[] {0});
    assertEquals(200, d.intensity(0, 0));
  }

  @Test
  void isImmutable() {
    byte[][] s = {{1, 2}};
    int[] l = {0};
    Dataset d = Dataset.ofIntensities("x", new int[] {2}, 1, s, l);
    s[0][0] = 99;
    d.sample(0)[1] = 99;
    d.shape()[0] = 7;
    d.labels()[0] = 5;
    assertArrayEquals(new byte[] {1, 2}, d.sample(0));
    assertArrayEquals(new int[] {2}, d.shape());
    assertEquals(0, d.label(0));
  }

  @Test
  void sliceAndSubsetKeepIds() {
    Dataset s = ten().slice(3, 7);
    assertEquals(4, s.size());
    assertEquals(3, s.id(0));
    assertEquals(30, s.intensity(0, 0));
    Dataset sub = s.subset(3, 0, 0);
    assertArrayEquals(new int[] {6, 3, 3}, new int[] {sub.id(0), sub.id(1), sub.id(2)});
    assertArrayEquals(new int[] {0, 0, 0}, sub.labels());
    assertEquals(0, ten().slice(4, 4).size());
    assertThrows(IndexOutOfBoundsException.class, () -> ten().slice(5, 11));
    assertThrows(IndexOutOfBoundsException.class, () -> s.subset(4));
  }

  @Test
  void shuffleIsADeterministicPermutation() {
    Dataset d = ten();
    Dataset a = d.shuffled(42);
    Dataset b = d.shuffled(42);
    int[] ids = new int[10];
    for (int i = 0; i < 10; i++) {
      ids[i] = a.id(i);
      assertEquals(a.id(i), b.id(i));
      assertEquals(a.id(i) % 3, a.label(i), "label travels with its sample");
      assertEquals(10 * a.id(i), a.intensity(i, 0), "intensities travel with their sample");
    }
    int[] sorted = ids.clone();
    Arrays.sort(sorted);
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, sorted);
    assertNotEquals(Arrays.toString(ids), Arrays.toString(idsOf(d.shuffled(43))));
  }

  /**
   * Pins the documented algorithm (Fisher–Yates from SplittableRandom(seed)): recomputed here
   * step by step, so a change of algorithm or of the JDK's SplittableRandom shows up.
   */
  @Test
  void shuffleFollowsTheDocumentedAlgorithm() {
    int[] expected = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    java.util.SplittableRandom r = new java.util.SplittableRandom(7);
    for (int i = 9; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = expected[i];
      expected[i] = expected[j];
      expected[j] = t;
    }
    assertArrayEquals(expected, idsOf(ten().shuffled(7)));
    assertArrayEquals(new int[] {1, 5, 0, 4, 2, 8, 7, 3, 9, 6}, idsOf(ten().shuffled(7)), "pinned order for seed 7");
  }

  @Test
  void encodePassesTheStableIdAsSampleIndex() {
    Dataset d = ten().shuffled(3);
    PoissonEncoder enc = new PoissonEncoder(11);
    for (int i = 0; i < d.size(); i++) {
      assertEquals(enc.encode(d.sample(i), 8, d.id(i)), d.encode(i, enc, 8));
    }
  }

  @Test
  void temporalDataset() {
    SpikeRaster r0 = SpikeRaster.of(2, new int[][] {{0}, {}, {1}});
    SpikeRaster r1 = SpikeRaster.of(2, new int[][] {{}, {0, 1}, {}});
    Dataset d = Dataset.ofRasters("t", 2, 3, 2, new SpikeRaster[] {r0, r1}, new int[] {1, 0});
    assertTrue(d.isTemporal());
    assertArrayEquals(new int[] {2, 3}, d.shape());
    assertEquals(r1, d.raster(1));
    Dataset s = d.shuffled(1);
    for (int i = 0; i < 2; i++) {
      assertEquals(s.id(i) == 0 ? r0 : r1, s.raster(i));
      assertEquals(s.id(i) == 0 ? 1 : 0, s.label(i));
    }
    assertThrows(IllegalStateException.class, () -> d.sample(0));
    assertThrows(IllegalStateException.class, () -> d.encode(0, new RateEncoder(), 3));
  }

  @Test
  void rejectsInconsistentInput() {
    assertThrows(IllegalArgumentException.class,
        () -> Dataset.ofIntensities("x", new int[] {2}, 2, new byte[][] {{1}}, new int[] {0}));
    assertThrows(IllegalArgumentException.class,
        () -> Dataset.ofIntensities("x", new int[] {1}, 2, new byte[][] {{1}}, new int[] {2}));
    assertThrows(IllegalArgumentException.class,
        () -> Dataset.ofIntensities("x", new int[] {1}, 2, new byte[][] {{1}}, new int[] {0, 1}));
    assertThrows(IllegalArgumentException.class,
        () -> Dataset.ofIntensities("x", new int[] {0}, 2, new byte[0][], new int[0]));
    SpikeRaster r = SpikeRaster.of(2, new int[][] {{0}});
    assertThrows(IllegalArgumentException.class,
        () -> Dataset.ofRasters("t", 2, 3, 2, new SpikeRaster[] {r}, new int[] {0}));
  }

  private static int[] idsOf(Dataset d) {
    int[] ids = new int[d.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = d.id(i);
    }
    return ids;
  }
}
