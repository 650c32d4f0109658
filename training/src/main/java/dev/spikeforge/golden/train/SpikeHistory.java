package dev.spikeforge.golden.train;

import java.util.Arrays;

/**
 * The spikes of one sample in every layer of a trainer: per step, the indices of the neurons that
 * fired (written by the team's workers into their own neuron ranges, so that reading the ranges in
 * order gives ascending indices), plus per neuron its spike count and its spike bits (bit t = fired
 * at step t). Flat arrays, reused from sample to sample. Each worker's per-step spike counts lie in
 * their own cache lines ({@link #stride}), so workers writing them at every step do not contend.
 */
final class SpikeHistory {
  final int steps;
  final int workers;
  final int[] sizes;
  /** Worker neuron ranges per layer: {@code bounds[l][k] .. bounds[l][k+1]}. */
  final int[][] bounds;
  /** {@code idx[l][t·size + bounds[l][k] + n]}: n-th spike of worker k's range at step t. */
  final int[][] idx;
  /** {@code len[l][k·stride + t]}: number of spikes of worker k's range at step t. */
  final int[][] len;
  /** Distance between two workers' counts in {@link #len}: T plus a cache line of padding. */
  final int stride;
  final long[][] bits;
  final int[][] count;

  SpikeHistory(int steps, int[] sizes, int[][] bounds) {
    this.steps = steps;
    this.workers = bounds[0].length - 1;
    this.sizes = sizes.clone();
    this.bounds = bounds;
    this.stride = steps + 16;
    int n = sizes.length;
    idx = new int[n][];
    len = new int[n][];
    bits = new long[n][];
    count = new int[n][];
    for (int l = 0; l < n; l++) {
      idx[l] = new int[steps * sizes[l]];
      len[l] = new int[stride * workers];
      bits[l] = new long[sizes[l]];
      count[l] = new int[sizes[l]];
    }
  }

  void clear() {
    for (int l = 0; l < sizes.length; l++) {
      Arrays.fill(bits[l], 0L);
      Arrays.fill(count[l], 0);
      Arrays.fill(len[l], 0);
    }
  }

  /** Clears worker k's range of layer {@code l}: its neurons' bits and counts and its per-step counts. */
  void clear(int l, int k) {
    int lo = bounds[l][k];
    int hi = bounds[l][k + 1];
    Arrays.fill(bits[l], lo, hi, 0L);
    Arrays.fill(count[l], lo, hi, 0);
    Arrays.fill(len[l], k * stride, k * stride + steps, 0);
  }

  /** The number of spikes of worker k's range of layer {@code l} at step t. */
  int len(int l, int k, int t) {
    return len[l][k * stride + t];
  }

  /**
   * Forgets every spike after step {@code last}: the history becomes that of a sample stopped after
   * step {@code last} (early exit). Spike bits, counts and per-step lists of later steps are cleared.
   */
  void truncate(int last) {
    if (last >= steps - 1) {
      return;
    }
    long keep = (1L << (last + 1)) - 1;
    for (int l = 0; l < sizes.length; l++) {
      long[] b = bits[l];
      int[] c = count[l];
      for (int j = 0; j < b.length; j++) {
        b[j] &= keep;
        c[j] = Long.bitCount(b[j]);
      }
      for (int k = 0; k < workers; k++) {
        Arrays.fill(len[l], k * stride + last + 1, k * stride + steps, 0);
      }
    }
  }

  /** Copies the spikes of layer {@code l} at step {@code t}, ascending, into {@code buf}; returns how many. */
  int copyEvents(int l, int t, int[] buf) {
    int n = 0;
    int size = sizes[l];
    for (int k = 0; k < workers; k++) {
      int m = len[l][k * stride + t];
      System.arraycopy(idx[l], t * size + bounds[l][k], buf, n, m);
      n += m;
    }
    return n;
  }

  /**
   * Copies the spikes of layer {@code l} at every step into {@code buf}, step after step (each step's
   * ascending), and sets {@code off}: step t's spikes are {@code buf[off[t] .. off[t+1])}. One pass
   * over the whole history, so that the lines other workers wrote are fetched together (on
   * different core complexes a line takes ~150 ns to cross) rather than one step at a time.
   */
  void copyAllEvents(int l, int[] buf, int[] off) {
    int size = sizes[l];
    int n = 0;
    for (int t = 0; t < steps; t++) {
      off[t] = n;
      for (int k = 0; k < workers; k++) {
        int m = len[l][k * stride + t];
        System.arraycopy(idx[l], t * size + bounds[l][k], buf, n, m);
        n += m;
      }
    }
    off[steps] = n;
  }

  /** The spikes of layer {@code l} over the sample, {@code [t][events]}. */
  int[][] events(int l) {
    int[][] ev = new int[steps][];
    int[] buf = new int[sizes[l]];
    for (int t = 0; t < steps; t++) {
      ev[t] = Arrays.copyOf(buf, copyEvents(l, t, buf));
    }
    return ev;
  }
}
