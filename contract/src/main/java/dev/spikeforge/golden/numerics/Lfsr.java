package dev.spikeforge.golden.numerics;

/**
 * The one pseudo-random source of spikeforge: a 32-bit Galois LFSR with the maximal-length
 * polynomial x^32 + x^22 + x^2 + x + 1 (feedback mask {@code 0x80200003}), period 2^32 - 1.
 *
 * <p>One step: {@code out = s & 1; s = s >>> 1; if (out == 1) s ^= 0x80200003}. {@link #nextBits}
 * takes {@code n} steps and assembles the output bits LSB first. The state is never zero; {@link
 * #seeded(long)} defines how a user seed becomes a state, so the hardware can be seeded identically.
 * Instances are mutable and not thread-safe; every consumer owns its own stream.
 */
public final class Lfsr {
  /** Galois feedback mask of x^32 + x^22 + x^2 + x + 1. */
  public static final int MASK = 0x80200003;

  /** Bits of the state (an {@code int}); also the largest {@code n} of {@link #nextBits}. */
  public static final int WIDTH = Integer.SIZE;

  /** The increment of SplitMix64 (the golden gamma) that {@link #seeded(long, long)} multiplies the stream by. */
  public static final long SEED_GAMMA = 0x9E3779B97F4A7C15L;

  /** First multiplier of the SplitMix64 finaliser in {@link #seeded(long, long)}. */
  public static final long MIX_MULTIPLIER_1 = 0xBF58476D1CE4E5B9L;

  /** Second multiplier of the SplitMix64 finaliser in {@link #seeded(long, long)}. */
  public static final long MIX_MULTIPLIER_2 = 0x94D049BB133111EBL;

  /** The xor-shifts of the SplitMix64 finaliser, in order: before each multiplier and at the end. */
  public static final int MIX_SHIFT_1 = 30;

  /** See {@link #MIX_SHIFT_1}. */
  public static final int MIX_SHIFT_2 = 27;

  /** See {@link #MIX_SHIFT_1}. */
  public static final int MIX_SHIFT_3 = 31;

  /**
   * Eight steps at once. The LFSR is linear over GF(2) and its feedback depends only on output
   * bits, which come from the low 8 bits of the state: eight steps map s to {@code (s >>> 8) ^
   * XOR8[s & 0xFF]} and output {@code OUT8[s & 0xFF]} (LSB first). Both tables are computed from
   * {@link #nextBit()} itself, so they cannot disagree with it.
   */
  private static final int[] XOR8 = new int[256];
  private static final int[] OUT8 = new int[256];

  static {
    for (int b = 0; b < 256; b++) {
      int s = b;
      int out = 0;
      for (int i = 0; i < 8; i++) {
        int o = s & 1;
        s >>>= 1;
        if (o != 0) {
          s ^= MASK;
        }
        out |= o << i;
      }
      XOR8[b] = s;
      OUT8[b] = out;
    }
  }

  private int state;

  /** Starts from an explicit non-zero 32-bit state. */
  public Lfsr(int state) {
    if (state == 0) {
      throw new IllegalArgumentException("LFSR state must be non-zero");
    }
    this.state = state;
  }

  /**
   * Derives a state from a 64-bit user seed and a stream number (so one seed can feed many
   * independent consumers): {@code s = low32(mix(seed, stream))}, replaced by {@code 0x1} if zero.
   * {@code mix} is the SplitMix64 finaliser of {@code seed + (stream+1) * 0x9E3779B97F4A7C15}.
   */
  public static Lfsr seeded(long seed, long stream) {
    long z = seed + (stream + 1) * SEED_GAMMA;
    z = (z ^ (z >>> MIX_SHIFT_1)) * MIX_MULTIPLIER_1;
    z = (z ^ (z >>> MIX_SHIFT_2)) * MIX_MULTIPLIER_2;
    z = z ^ (z >>> MIX_SHIFT_3);
    int s = (int) z;
    return new Lfsr(s == 0 ? 1 : s);
  }

  /** {@code seeded(seed, 0)}. */
  public static Lfsr seeded(long seed) {
    return seeded(seed, 0);
  }

  public int state() {
    return state;
  }

  /** One step; returns the output bit. */
  public int nextBit() {
    int out = state & 1;
    state >>>= 1;
    if (out != 0) {
      state ^= MASK;
    }
    return out;
  }

  /** {@code n} steps (1..32), output bits assembled LSB first, as an unsigned value. */
  public long nextBits(int n) {
    if (n < 1 || n > WIDTH) {
      throw new IllegalArgumentException("n must be in 1.." + WIDTH + ", got " + n);
    }
    long v = 0;
    int i = 0;
    for (; i + 8 <= n; i += 8) {
      int low = state & 0xFF;
      v |= ((long) OUT8[low]) << i;
      state = (state >>> 8) ^ XOR8[low];
    }
    for (; i < n; i++) {
      v |= ((long) nextBit()) << i;
    }
    return v;
  }
}
