package dev.spikeforge.golden.data;

/**
 * Parameters of the generated {@link DelayPatternTask}. Immutable; every combination that can be
 * constructed can be generated (or fails with a clear message when the classes cannot be made
 * distinguishable).
 *
 * @param classes number of classes C, at least 2
 * @param channels number of input channels n, at least 2
 * @param steps time steps per sample T, at least {@code maxLag + 2*jitter + 2} and at least {@code noiseSpikes + 1}
 * @param maxLag largest offset L of a channel's pattern spike after the pattern onset, at least 1;
 *     a network needs delays up to L to align a pattern
 * @param jitter each pattern spike moves by a uniform integer in {@code [-jitter, jitter]}, at least 0
 * @param noiseSpikes distractor spikes per channel per sample, at uniform random free steps, at least 0
 * @param seed seed of the class patterns and of every sample
 */
public record DelayPatternParams(int classes, int channels, int steps, int maxLag, int jitter, int noiseSpikes, long seed) {
  /** 4 classes, 16 channels, 64 steps, lags up to 8, jitter ±1, 1 distractor per channel, seed 0. */
  public static final DelayPatternParams DEFAULT = new DelayPatternParams(4, 16, 64, 8, 1, 1, 0);

  /** Validates every field. */
  public DelayPatternParams {
    require(classes >= 2, "classes must be at least 2, got " + classes);
    require(channels >= 2, "channels must be at least 2, got " + channels);
    require(maxLag >= 1, "maxLag must be at least 1, got " + maxLag);
    require(jitter >= 0, "jitter must be non-negative, got " + jitter);
    require(noiseSpikes >= 0, "noiseSpikes must be non-negative, got " + noiseSpikes);
    require((long) maxLag + 2L * jitter + 2 <= steps,
        "steps must be at least maxLag + 2*jitter + 2 = " + ((long) maxLag + 2L * jitter + 2) + " so a pattern fits with at least two onsets, got " + steps);
    require((long) noiseSpikes + 1 <= steps, "steps must be at least noiseSpikes + 1 = " + ((long) noiseSpikes + 1) + ", got " + steps);
  }

  /** Number of possible pattern onsets, {@code W = steps - maxLag - 2*jitter}. */
  public int onsetWindow() {
    return steps - maxLag - 2 * jitter;
  }

  /** Spikes every channel emits in every sample: {@code 1 + noiseSpikes}. */
  public int spikesPerChannel() {
    return 1 + noiseSpikes;
  }

  /** A copy with another seed. */
  public DelayPatternParams withSeed(long newSeed) {
    return new DelayPatternParams(classes, channels, steps, maxLag, jitter, noiseSpikes, newSeed);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("delay-pattern task: " + message);
    }
  }
}
