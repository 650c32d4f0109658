package dev.spikeforge.golden.sim;

import java.util.Arrays;

/**
 * Spikes of {@code channels} neurons over {@code steps} time steps, stored as events: for each
 * step, the sorted indices of the channels that spiked. This is what encoders produce and what the
 * event-driven simulator consumes. Immutable.
 */
public final class SpikeRaster {
  private final int channels;
  private final int[][] events;

  private SpikeRaster(int channels, int[][] events) {
    this.channels = channels;
    this.events = events;
  }

  /**
   * Builds a raster from per-step index lists; each list is copied, sorted, and checked for range
   * and duplicates.
   */
  public static SpikeRaster of(int channels, int[][] perStep) {
    if (channels < 1) {
      throw new IllegalArgumentException("channels must be positive, got " + channels);
    }
    int[][] ev = new int[perStep.length][];
    for (int t = 0; t < perStep.length; t++) {
      int[] e = perStep[t] == null ? new int[0] : perStep[t].clone();
      Arrays.sort(e);
      for (int k = 0; k < e.length; k++) {
        if (e[k] < 0 || e[k] >= channels) {
          throw new IllegalArgumentException("step " + t + ": channel " + e[k] + " outside 0.." + (channels - 1));
        }
        if (k > 0 && e[k] == e[k - 1]) {
          throw new IllegalArgumentException("step " + t + ": channel " + e[k] + " listed twice");
        }
      }
      ev[t] = e;
    }
    return new SpikeRaster(channels, ev);
  }

  /** Builds a raster from a dense {@code [step][channel]} boolean matrix. */
  public static SpikeRaster ofDense(boolean[][] spikes) {
    int channels = spikes.length == 0 ? 1 : spikes[0].length;
    int[][] ev = new int[spikes.length][];
    for (int t = 0; t < spikes.length; t++) {
      int n = 0;
      for (boolean b : spikes[t]) {
        n += b ? 1 : 0;
      }
      ev[t] = new int[n];
      int k = 0;
      for (int i = 0; i < spikes[t].length; i++) {
        if (spikes[t][i]) {
          ev[t][k++] = i;
        }
      }
    }
    return new SpikeRaster(channels, ev);
  }

  /** Constructor without copying or checks, for encoders that already produce sorted, unique, in-range indices. */
  public static SpikeRaster wrapTrusted(int channels, int[][] events) {
    return new SpikeRaster(channels, events);
  }

  public int channels() {
    return channels;
  }

  public int steps() {
    return events.length;
  }

  /** Sorted indices of the channels that spiked at step {@code t}; do not modify. */
  public int[] at(int t) {
    return events[t];
  }

  /** Whether channel {@code i} spiked at step {@code t}. */
  public boolean spiked(int t, int i) {
    return Arrays.binarySearch(events[t], i) >= 0;
  }

  /** Total number of spikes. */
  public long spikeCount() {
    long n = 0;
    for (int[] e : events) {
      n += e.length;
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SpikeRaster r && r.channels == channels && Arrays.deepEquals(r.events, events);
  }

  @Override
  public int hashCode() {
    return 31 * channels + Arrays.deepHashCode(events);
  }
}
