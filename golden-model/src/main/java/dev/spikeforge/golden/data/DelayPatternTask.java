package dev.spikeforge.golden.data;

import dev.spikeforge.golden.sim.SpikeRaster;
import java.util.SplittableRandom;

/**
 * A generated temporal classification task whose classes differ only in the relative spike timing
 * between channels, so a network needs (synaptic or axonal) delays to align them; spike counts carry
 * no class information at all. Full definition and rationale: {@code docs/datasets.md}.
 *
 * <p><b>Class patterns.</b> The offset multiset is {@code M_i = floor(i * L / (n - 1))}, {@code i =
 * 0..n-1} (evenly spread over {@code 0..L}). Class {@code c} assigns these offsets to the channels
 * by a permutation: {@code offset(c, i) = M[π_c(i)]}. The permutations are drawn, class 0 first, by
 * Fisher–Yates from {@code new SplittableRandom(seed)}; a draw is rejected and redrawn (up to {@value
 * #MAX_ATTEMPTS} times) unless, for every earlier class {@code c'}, {@code min over shifts s of max_i
 * |offset(c,i) - offset(c',i) - s| > 2*jitter}, so jitter alone can never turn one class's pattern
 * into another's. Every class uses the same offsets, only on different channels.
 *
 * <p><b>Samples.</b> Sample {@code j} of a set generated from index {@code first} has label {@code j
 * mod C} and draws from {@code new SplittableRandom(mix64((seed ^ 0xD1B54A32D192ED03) + (first + j +
 * 1) * 0x9E3779B97F4A7C15))} (mix64 = the SplitMix64 finaliser), in this order: the onset {@code t0 =
 * jitter + nextInt(W)} with {@code W = T - L - 2*jitter}; for each channel {@code i} in order, its
 * pattern spike at {@code t0 + offset(c, i) + nextInt(2*jitter + 1) - jitter}; then for each channel
 * in order, {@code noiseSpikes} distractors at {@code nextInt(T)}, redrawn while that step of that
 * channel is already taken. Hence every channel spikes exactly {@code 1 + noiseSpikes} times in
 * every sample of every class.
 */
public final class DelayPatternTask {
  /** Draws allowed per class pattern before giving up. */
  public static final int MAX_ATTEMPTS = 10_000;
  /** First generator index of {@link #testSet}; {@link #trainSet} starts at 0. */
  public static final long TEST_FIRST_INDEX = 1L << 40;

  private static final long SAMPLE_SALT = 0xD1B54A32D192ED03L;
  private static final long GAMMA = 0x9E3779B97F4A7C15L;

  private final DelayPatternParams params;
  private final int[][] offsets;

  /** Draws the class patterns of {@code params}. */
  public DelayPatternTask(DelayPatternParams params) {
    this.params = params;
    this.offsets = drawPatterns(params);
  }

  /** The parameters. */
  public DelayPatternParams params() {
    return params;
  }

  /** Offset of channel {@code i}'s pattern spike after the onset in class {@code c}, 0..maxLag. */
  public int offset(int c, int i) {
    return offsets[c][i];
  }

  /** {@code count} training samples: generator indices {@code 0..count-1}, named {@code delay-pattern-train}. */
  public Dataset trainSet(int count) {
    return generate("delay-pattern-train", 0, count);
  }

  /** {@code count} test samples: generator indices from {@link #TEST_FIRST_INDEX}, named {@code delay-pattern-test}. */
  public Dataset testSet(int count) {
    return generate("delay-pattern-test", TEST_FIRST_INDEX, count);
  }

  /**
   * {@code count} samples drawn from generator indices {@code first..first+count-1}; sample {@code
   * j} has label {@code j mod classes}. Shape {@code {channels, steps}}.
   */
  public Dataset generate(String name, long first, int count) {
    if (count < 0 || first < 0) {
      throw new IllegalArgumentException("need count >= 0 and first >= 0, got count=" + count + ", first=" + first);
    }
    SpikeRaster[] rasters = new SpikeRaster[count];
    int[] labels = new int[count];
    for (int j = 0; j < count; j++) {
      labels[j] = j % params.classes();
      rasters[j] = sample(labels[j], first + j);
    }
    return Dataset.ofRasters(name, params.channels(), params.steps(), params.classes(), rasters, labels);
  }

  /** One sample of class {@code c} drawn from generator index {@code index}. */
  public SpikeRaster sample(int c, long index) {
    int n = params.channels();
    int steps = params.steps();
    int jitter = params.jitter();
    SplittableRandom rnd = new SplittableRandom(mix64((params.seed() ^ SAMPLE_SALT) + (index + 1) * GAMMA));
    boolean[][] dense = new boolean[steps][n];
    int t0 = jitter + rnd.nextInt(params.onsetWindow());
    for (int i = 0; i < n; i++) {
      dense[t0 + offsets[c][i] + rnd.nextInt(2 * jitter + 1) - jitter][i] = true;
    }
    for (int i = 0; i < n; i++) {
      for (int m = 0; m < params.noiseSpikes(); m++) {
        int t;
        do {
          t = rnd.nextInt(steps);
        } while (dense[t][i]);
        dense[t][i] = true;
      }
    }
    return SpikeRaster.ofDense(dense);
  }

  private static int[][] drawPatterns(DelayPatternParams p) {
    int n = p.channels();
    int[] multiset = new int[n];
    for (int i = 0; i < n; i++) {
      multiset[i] = (int) ((long) i * p.maxLag() / (n - 1));
    }
    SplittableRandom rnd = new SplittableRandom(p.seed());
    int[][] out = new int[p.classes()][];
    for (int c = 0; c < p.classes(); c++) {
      for (int attempt = 0; out[c] == null; attempt++) {
        if (attempt == MAX_ATTEMPTS) {
          throw new IllegalArgumentException("delay-pattern task: cannot draw " + p.classes()
              + " class patterns that differ by more than 2*jitter = " + 2 * p.jitter()
              + " steps; increase channels or maxLag, or reduce classes or jitter");
        }
        int[] cand = multiset.clone();
        for (int i = n - 1; i > 0; i--) {
          int j = rnd.nextInt(i + 1);
          int t = cand[i];
          cand[i] = cand[j];
          cand[j] = t;
        }
        if (farFromAll(cand, out, c, p)) {
          out[c] = cand;
        }
      }
    }
    return out;
  }

  private static boolean farFromAll(int[] cand, int[][] prev, int count, DelayPatternParams p) {
    for (int c = 0; c < count; c++) {
      if (distance(cand, prev[c], p.maxLag()) <= 2 * p.jitter()) {
        return false;
      }
    }
    return true;
  }

  /** {@code min over s in -L..L of max_i |a_i - b_i - s|}. */
  static int distance(int[] a, int[] b, int maxLag) {
    int best = Integer.MAX_VALUE;
    for (int s = -maxLag; s <= maxLag; s++) {
      int worst = 0;
      for (int i = 0; i < a.length; i++) {
        worst = Math.max(worst, Math.abs(a[i] - b[i] - s));
      }
      best = Math.min(best, worst);
    }
    return best;
  }

  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
