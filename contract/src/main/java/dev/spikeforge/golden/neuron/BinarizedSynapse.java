package dev.spikeforge.golden.neuron;

/**
 * The input current of a BINARIZED layer neuron in the form the hardware computes it: weight bits
 * {@code b_i} (1 stands for +1, 0 for -1) and input spikes {@code s_i} packed 64 to a long,
 * {@code I = 2·popcount(s AND b) − popcount(s)}. Equal to {@code Σ_i s_i·(2b_i − 1)}, the sum the
 * event-driven simulator accumulates. Hardware twin: the AND + popcount datapath.
 */
public final class BinarizedSynapse {
  private BinarizedSynapse() {}

  /** {@code 2·popcount(s AND b) − popcount(s)} over equally long packed bit vectors. */
  public static int current(long[] spikes, long[] weightBits) {
    if (spikes.length != weightBits.length) {
      throw new IllegalArgumentException("spike and weight vectors differ in length");
    }
    int and = 0;
    int all = 0;
    for (int w = 0; w < spikes.length; w++) {
      and += Long.bitCount(spikes[w] & weightBits[w]);
      all += Long.bitCount(spikes[w]);
    }
    return 2 * and - all;
  }

  /** Packs booleans 64 to a long, bit i of word i/64 = element i. */
  public static long[] pack(boolean[] bits) {
    long[] p = new long[(bits.length + 63) / 64];
    for (int i = 0; i < bits.length; i++) {
      if (bits[i]) {
        p[i >> 6] |= 1L << (i & 63);
      }
    }
    return p;
  }

  /** Packs ±1 weights as bits (+1 → 1, −1 → 0). */
  public static long[] packWeights(int[] weights) {
    boolean[] b = new boolean[weights.length];
    for (int i = 0; i < weights.length; i++) {
      if (weights[i] != 1 && weights[i] != -1) {
        throw new IllegalArgumentException("binarized weight " + i + " is " + weights[i] + ", expected ±1");
      }
      b[i] = weights[i] == 1;
    }
    return pack(b);
  }
}
