package dev.spikeforge.golden.train;

import java.util.Arrays;

/**
 * The input channels of one sample grouped by identical spike trains. With rate coding every pixel
 * of the same intensity has the same train (and over T = 20 steps many intensities share one), so an
 * image of hundreds of active pixels has only tens of distinct trains: the first layer's current at
 * step t is the sum over the trains that spike at t of the summed weights of their channels, which
 * takes far fewer additions than adding one weight row per input spike. Groups are numbered in order
 * of their lowest channel; members are ascending.
 */
final class InputGroups {
  private final int channels;
  private final int steps;
  /** Number of groups. */
  int count;
  /** Spike bits of group g. */
  final long[] pattern;
  /** Members of group g: {@code members[offset[g] .. offset[g+1])}. */
  final int[] members;
  final int[] offset;
  /** Groups spiking at step t: {@code active[activeOff[t] .. activeOff[t+1])}. */
  final int[] active;
  final int[] activeOff;
  private final int[] groupOf;
  private final int[] size;
  private final long[] table;
  private final int[] tableGroup;

  InputGroups(int channels, int steps) {
    this.channels = channels;
    this.steps = steps;
    pattern = new long[channels];
    members = new int[channels];
    offset = new int[channels + 1];
    active = new int[channels * steps];
    activeOff = new int[steps + 1];
    groupOf = new int[channels];
    size = new int[channels];
    int cap = Integer.highestOneBit(Math.max(4, channels) * 2) * 2;
    table = new long[cap];
    tableGroup = new int[cap];
  }

  /** Groups the channels with a non-empty spike train in {@code bits}. */
  void build(long[] bits) {
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
    int n = 0;
    for (int t = 0; t < steps; t++) {
      activeOff[t] = n;
      for (int g = 0; g < count; g++) {
        if (((pattern[g] >>> t) & 1L) != 0) {
          active[n++] = g;
        }
      }
    }
    activeOff[steps] = n;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    return z ^ (z >>> 29);
  }
}
