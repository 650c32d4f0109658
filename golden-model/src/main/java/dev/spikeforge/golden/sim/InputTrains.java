package dev.spikeforge.golden.sim;

import java.util.Arrays;

/**
 * The input channels of one sample grouped by identical spike trains. With rate coding every pixel
 * of one intensity has the same train, so an image of hundreds of active pixels has only tens of
 * distinct trains: a first layer's current at step t is then the sum, over the trains that spike at
 * t, of the summed weights of their channels, far fewer additions than one weight row per input
 * spike. Groups are numbered in order of their lowest channel; members are ascending. Used by {@link
 * FloatSimulator}'s first layer when its currents are exact ({@link CompiledFloatLayer#exactCurrents};
 * {@link #build}) and by the desire training engines' first layer ({@link #group}, from the spike
 * bits they already hold). Not thread-safe: one instance per worker.
 */
public final class InputTrains {
  private final int channels;
  /** Spike bits per channel of the sample being grouped by {@link #build}. */
  private final long[] bits;
  /** Number of groups. */
  private int count;
  /** Members of group g: {@code members[offset[g] .. offset[g+1])}. */
  final int[] members;
  final int[] offset;
  /** Groups spiking at step t: {@code active[activeOff[t] .. activeOff[t+1])}. */
  int[] active;
  int[] activeOff;
  private final long[] pattern;
  private final int[] groupOf;
  private final int[] size;
  private final long[] table;
  private final int[] tableGroup;

  /** Grouping for samples of {@code channels} input channels. */
  public InputTrains(int channels) {
    this.channels = channels;
    bits = new long[channels];
    pattern = new long[channels];
    members = new int[channels];
    offset = new int[channels + 1];
    groupOf = new int[channels];
    size = new int[channels];
    int cap = Integer.highestOneBit(Math.max(4, channels) * 2) * 2;
    table = new long[cap];
    tableGroup = new int[cap];
    active = new int[0];
    activeOff = new int[1];
  }

  /**
   * Groups the trains of {@code x} over steps {@code 0..steps-1} (at most 64) and returns whether
   * the grouped currents take fewer additions than one row per spike: (channels with a spike) +
   * (group spikes) &lt; (input spikes). The steps are indexed ({@link #activeFrom}) only when they do.
   */
  boolean build(SpikeRaster x, int steps) {
    int n = Math.min(steps, x.steps());
    long spikes = 0;
    Arrays.fill(bits, 0L);
    for (int t = 0; t < n; t++) {
      long bit = 1L << t;
      int[] ev = x.at(t);
      spikes += ev.length;
      for (int i : ev) {
        bits[i] |= bit;
      }
    }
    groupChannels(bits);
    long groupSpikes = groupSpikes();
    if ((long) offset[count] + groupSpikes >= spikes) {
      return false;
    }
    index(steps, groupSpikes);
    return true;
  }

  /**
   * Groups the channels by their spike bits {@code bits[i]} (bit t: a spike at step t; channels
   * with none belong to no group) and indexes steps {@code 0..steps-1}.
   */
  public void group(long[] bits, int steps) {
    groupChannels(bits);
    index(steps, groupSpikes());
  }

  /** Number of groups. */
  public int count() {
    return count;
  }

  /** The spike bits of group g. */
  public long pattern(int g) {
    return pattern[g];
  }

  /** The members of group g are {@code member(m)} for m in {@code membersFrom(g) .. membersFrom(g + 1) - 1}. */
  public int membersFrom(int g) {
    return offset[g];
  }

  /** The m-th channel of the members of all groups, group by group. */
  public int member(int m) {
    return members[m];
  }

  /** The groups spiking at step t are {@code active(k)} for k in {@code activeFrom(t) .. activeFrom(t + 1) - 1}. */
  public int activeFrom(int t) {
    return activeOff[t];
  }

  /** The k-th group of the spiking groups of all steps, step by step, ascending in a step. */
  public int active(int k) {
    return active[k];
  }

  private void groupChannels(long[] bits) {
    Arrays.fill(tableGroup, -1);
    int mask = table.length - 1;
    count = 0;
    for (int i = 0; i < channels; i++) {
      long b = bits[i];
      if (b == 0) {
        groupOf[i] = -1;
        continue;
      }
      int h = (int) mix(b) & mask;
      while (tableGroup[h] >= 0 && table[h] != b) {
        h = (h + 1) & mask;
      }
      if (tableGroup[h] < 0) {
        table[h] = b;
        tableGroup[h] = count;
        pattern[count] = b;
        size[count] = 0;
        count++;
      }
      int g = tableGroup[h];
      groupOf[i] = g;
      size[g]++;
    }
    offset[0] = 0;
    for (int g = 0; g < count; g++) {
      offset[g + 1] = offset[g] + size[g];
      size[g] = offset[g];
    }
    for (int i = 0; i < channels; i++) {
      int g = groupOf[i];
      if (g >= 0) {
        members[size[g]++] = i;
      }
    }
  }

  private long groupSpikes() {
    long n = 0;
    for (int g = 0; g < count; g++) {
      n += Long.bitCount(pattern[g]);
    }
    return n;
  }

  /** The groups spiking at each step {@code 0..steps-1}; {@code groupSpikes} bounds their number. */
  private void index(int steps, long groupSpikes) {
    if (activeOff.length < steps + 1) {
      activeOff = new int[steps + 1];
    }
    if (active.length < groupSpikes) {
      active = new int[(int) groupSpikes];
    }
    int m = 0;
    for (int t = 0; t < steps; t++) {
      activeOff[t] = m;
      if (t < 64) {
        for (int g = 0; g < count; g++) {
          if ((pattern[g] >>> t & 1L) != 0) {
            active[m++] = g;
          }
        }
      }
    }
    activeOff[steps] = m;
  }

  /** A hash of a spike train for the probe table (one multiply: trains are hashed once per channel and sample). */
  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    return z ^ (z >>> 29);
  }
}
