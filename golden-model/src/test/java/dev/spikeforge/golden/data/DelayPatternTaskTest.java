package dev.spikeforge.golden.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.sim.SpikeRaster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
@net.jqwik.api.Tag("unit")
class DelayPatternTaskTest {
  private static final DelayPatternParams SMALL = new DelayPatternParams(3, 6, 20, 5, 1, 2, 123);

  @Test
  void validation() {
    assertThrows(IllegalArgumentException.class, () -> new DelayPatternParams(1, 6, 20, 5, 1, 2, 0));
    assertThrows(IllegalArgumentException.class, () -> new DelayPatternParams(3, 1, 20, 5, 1, 2, 0));
    assertThrows(IllegalArgumentException.class, () -> new DelayPatternParams(3, 6, 20, 0, 1, 2, 0));
    assertThrows(IllegalArgumentException.class, () -> new DelayPatternParams(3, 6, 20, 5, -1, 2, 0));
    assertThrows(IllegalArgumentException.class, () -> new DelayPatternParams(3, 6, 20, 5, 1, -1, 0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DelayPatternParams(3, 6, 8, 5, 1, 2, 0));
    assertTrue(e.getMessage().contains("steps must be at least maxLag + 2*jitter + 2 = 9"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new DelayPatternParams(3, 6, 10, 5, 0, 10, 0));
    assertEquals(13, SMALL.onsetWindow());
    // 2 channels with lag up to 1 allow only two patterns (0,1) and (1,0).
    IllegalArgumentException g = assertThrows(IllegalArgumentException.class,
        () -> new DelayPatternTask(new DelayPatternParams(3, 2, 10, 1, 0, 0, 0)));
    assertTrue(g.getMessage().contains("cannot draw 3 class patterns"), g.getMessage());
  }

  @Test
  void deterministicAndIndependentOfCount() {
    Dataset a = new DelayPatternTask(SMALL).trainSet(30);
    Dataset b = new DelayPatternTask(SMALL).trainSet(50);
    for (int i = 0; i < 30; i++) {
      assertEquals(a.raster(i), b.raster(i));
      assertEquals(i % 3, a.label(i));
    }
    Dataset test = new DelayPatternTask(SMALL).testSet(30);
    assertNotEquals(a.raster(0), test.raster(0));
    assertNotEquals(a.raster(0), new DelayPatternTask(SMALL.withSeed(124)).trainSet(1).raster(0));
    assertTrue(a.isTemporal());
    assertArrayEquals(new int[] {6, 20}, a.shape());
  }

  @Test
  void classPatternsUseTheSameOffsetsAndAreFarApart() {
    DelayPatternTask task = new DelayPatternTask(DelayPatternParams.DEFAULT);
    DelayPatternParams p = task.params();
    int[] expected = new int[p.channels()];
    for (int i = 0; i < p.channels(); i++) {
      expected[i] = i * p.maxLag() / (p.channels() - 1);
    }
    int[][] off = new int[p.classes()][p.channels()];
    for (int c = 0; c < p.classes(); c++) {
      for (int i = 0; i < p.channels(); i++) {
        off[c][i] = task.offset(c, i);
      }
      int[] sorted = off[c].clone();
      Arrays.sort(sorted);
      assertArrayEquals(expected, sorted, "class " + c + " is a permutation of the common offsets");
    }
    for (int c = 0; c < p.classes(); c++) {
      for (int d = 0; d < c; d++) {
        assertTrue(DelayPatternTask.distance(off[c], off[d], p.maxLag()) > 2 * p.jitter(), "classes " + c + ", " + d);
      }
    }
  }

  /**
   * The rate-information proof: every channel spikes exactly 1 + noiseSpikes times in every sample,
   * so the class-conditional spike counts are identical (not only equal in mean) and a rate-only
   * classifier (nearest class mean of per-channel counts, trained on the training set) is at chance.
   */
  @Test
  void spikeCountsCarryNoClassInformation() {
    DelayPatternTask task = new DelayPatternTask(DelayPatternParams.DEFAULT);
    DelayPatternParams p = task.params();
    Dataset train = task.trainSet(400);
    Dataset test = task.testSet(400);
    double[][] mean = new double[p.classes()][p.channels()];
    for (int s = 0; s < train.size(); s++) {
      int[] counts = counts(train.raster(s));
      for (int i = 0; i < p.channels(); i++) {
        assertEquals(p.spikesPerChannel(), counts[i], "sample " + s + " channel " + i);
        mean[train.label(s)][i] += counts[i] / (double) train.classCounts()[train.label(s)];
      }
    }
    for (int c = 1; c < p.classes(); c++) {
      assertArrayEquals(mean[0], mean[c], 1e-12, "class-conditional mean counts, class " + c);
    }
    int correct = 0;
    for (int s = 0; s < test.size(); s++) {
      int[] counts = counts(test.raster(s));
      int best = 0;
      double bestDist = Double.MAX_VALUE;
      for (int c = 0; c < p.classes(); c++) {
        double dist = 0;
        for (int i = 0; i < p.channels(); i++) {
          dist += (counts[i] - mean[c][i]) * (counts[i] - mean[c][i]);
        }
        if (dist < bestDist) {
          bestDist = dist;
          best = c;
        }
      }
      correct += best == test.label(s) ? 1 : 0;
    }
    assertEquals(1.0 / p.classes(), correct / (double) test.size(), 0.01, "rate-only classifier accuracy");
  }

  /**
   * The information is in the relative timing: a delay-line coincidence detector (channel i delayed
   * by maxLag - offset(c, i), count channels that line up within ±jitter at the best step, pick the
   * class with the unique highest count) classifies almost every sample.
   */
  @Test
  void delaysSeparateTheClasses() {
    DelayPatternTask task = new DelayPatternTask(DelayPatternParams.DEFAULT);
    Dataset test = task.testSet(400);
    int correct = 0;
    for (int s = 0; s < test.size(); s++) {
      correct += coincidenceClassify(task, test.raster(s)) == test.label(s) ? 1 : 0;
    }
    assertTrue(correct / (double) test.size() > 0.95, "delay classifier accuracy " + correct / (double) test.size());
  }

  @Property(tries = 60)
  void everySampleIsWellFormed(@ForAll @IntRange(min = 2, max = 5) int classes, @ForAll @IntRange(min = 4, max = 12) int channels,
      @ForAll @IntRange(min = 2, max = 10) int maxLag, @ForAll @IntRange(min = 0, max = 1) int jitter,
      @ForAll @IntRange(min = 0, max = 4) int noise, @ForAll @IntRange(min = 0, max = 20) int extraSteps, @ForAll long seed) {
    // both lower bounds of steps hold (pattern with two onsets; every distractor on its own free step)
    int steps = Math.max(maxLag + 2 * jitter + 2, noise + 1) + extraSteps;
    DelayPatternParams p = new DelayPatternParams(classes, channels, steps, maxLag, jitter, noise, seed);
    DelayPatternTask task;
    try {
      task = new DelayPatternTask(p);
    } catch (IllegalArgumentException tooFewPatterns) {
      return;
    }
    Dataset d = task.trainSet(12);
    for (int s = 0; s < d.size(); s++) {
      SpikeRaster r = d.raster(s);
      assertEquals(SpikeRaster.of(channels, events(r)), r, "sorted, unique, in range");
      int[] counts = counts(r);
      for (int i = 0; i < channels; i++) {
        assertEquals(1 + noise, counts[i]);
      }
    }
  }

  /** Pins the generator output (regression against drift of the algorithm or of SplittableRandom). */
  @Test
  void matchesThePinnedSamples() throws IOException {
    String expected;
    try (InputStream in = getClass().getResourceAsStream("/data/delay-pattern-golden.txt")) {
      expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertEquals(expected, GoldenText.delayPattern(new DelayPatternTask(SMALL), 6));
  }

  static int coincidenceClassify(DelayPatternTask task, SpikeRaster r) {
    DelayPatternParams p = task.params();
    int best = -1;
    int bestScore = -1;
    boolean tie = false;
    for (int c = 0; c < p.classes(); c++) {
      int score = 0;
      for (int t0 = 0; t0 + p.maxLag() < p.steps(); t0++) {
        int matched = 0;
        for (int i = 0; i < p.channels(); i++) {
          boolean hit = false;
          for (int dt = -p.jitter(); dt <= p.jitter(); dt++) {
            int t = t0 + task.offset(c, i) + dt;
            hit |= t >= 0 && t < p.steps() && r.spiked(t, i);
          }
          matched += hit ? 1 : 0;
        }
        score = Math.max(score, matched);
      }
      if (score > bestScore) {
        best = c;
        bestScore = score;
        tie = false;
      } else if (score == bestScore) {
        tie = true;
      }
    }
    return tie ? -1 : best;
  }

  private static int[] counts(SpikeRaster r) {
    int[] counts = new int[r.channels()];
    for (int t = 0; t < r.steps(); t++) {
      for (int i : r.at(t)) {
        counts[i]++;
      }
    }
    return counts;
  }

  private static int[][] events(SpikeRaster r) {
    int[][] ev = new int[r.steps()][];
    for (int t = 0; t < r.steps(); t++) {
      ev[t] = r.at(t).clone();
    }
    return ev;
  }
}
