package dev.spikeforge.golden.train;

import dev.spikeforge.golden.sim.SpikeRaster;

/**
 * The input spikes of one sample as a trainer sees them: the encoded raster with the dropped
 * channels removed, per step (ascending indices) and per channel as spike bits.
 */
final class InputSpikes {
  final int channels;
  final int steps;
  /** {@code idx[t·channels + n]}: n-th surviving input spike of step t. */
  final int[] idx;
  final int[] len;
  final long[] bits;

  InputSpikes(int channels, int steps) {
    this.channels = channels;
    this.steps = steps;
    idx = new int[channels * steps];
    len = new int[steps];
    bits = new long[channels];
  }

  /**
   * Loads {@code x} (steps beyond {@link #steps} are ignored, missing steps are empty), keeping
   * channels with {@code keep[i]}: the spike bits, and the per-step lists when {@code lists} (a
   * trainer on grouped input reads only the bits; the lists are then left empty).
   */
  void load(SpikeRaster x, boolean[] keep, boolean lists) {
    if (x.channels() != channels) {
      throw new IllegalArgumentException("input has " + x.channels() + " channels, the network expects " + channels);
    }
    java.util.Arrays.fill(bits, 0L);
    for (int t = 0; t < steps; t++) {
      int n = 0;
      if (t < x.steps()) {
        int[] ev = x.at(t);
        long bit = 1L << t;
        if (lists) {
          int base = t * channels;
          for (int i : ev) {
            if (keep[i]) {
              idx[base + n++] = i;
              bits[i] |= bit;
            }
          }
        } else {
          for (int i : ev) {
            bits[i] |= bit;
          }
        }
      }
      len[t] = n;
    }
    if (!lists) {
      for (int i = 0; i < channels; i++) {
        if (!keep[i]) {
          bits[i] = 0L;
        }
      }
    }
  }
}
