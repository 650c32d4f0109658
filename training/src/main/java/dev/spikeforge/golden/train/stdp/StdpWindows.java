package dev.spikeforge.golden.train.stdp;

import dev.spikeforge.golden.numerics.Lfsr;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The STDP windows of a network's synapses, as trace shifts k (window {@code (1 − 2^−k)^Δ}, time
 * constant about {@code 2^k} steps): homogeneous (every synapse the same LTP shift and LTD shift) or
 * heterogeneous (each synapse's shift drawn uniformly from {@code lo..hi}, a log-uniform spread of
 * time constants, with the run's seed through the LFSR; its LTP and LTD windows share the draw — a
 * balanced window per synapse — unless {@code independent}, when each is drawn on its own).
 *
 * @param heterogeneous whether shifts are drawn per synapse
 * @param lo homogeneous: the LTP shift; heterogeneous: the smallest shift drawn
 * @param hi homogeneous: the LTD shift; heterogeneous: the largest shift drawn
 * @param independent heterogeneous only: LTP and LTD shifts drawn independently
 */
public record StdpWindows(boolean heterogeneous, int lo, int hi, boolean independent) {
  /** The largest window shift (a trace of F fraction bits then spans {@code 2^(F+k)}). */
  public static final int MAX_SHIFT = 12;

  public StdpWindows {
    if (lo < 1 || lo > MAX_SHIFT || hi < 1 || hi > MAX_SHIFT) {
      throw new IllegalArgumentException("window shifts must be in 1.." + MAX_SHIFT + ", got " + lo + ", " + hi);
    }
    if (heterogeneous && lo > hi) {
      throw new IllegalArgumentException("the window range " + lo + ".." + hi + " is empty");
    }
    if (independent && !heterogeneous) {
      throw new IllegalArgumentException("independent LTP and LTD draws need heterogeneous windows");
    }
  }

  /** Every synapse: LTP shift {@code ltp}, LTD shift {@code ltd}. */
  public static StdpWindows homogeneous(int ltp, int ltd) {
    return new StdpWindows(false, ltp, ltd, false);
  }

  /** Every synapse's shift drawn uniformly from {@code lo..hi}, the same for its LTP and LTD windows. */
  public static StdpWindows heterogeneous(int lo, int hi) {
    return new StdpWindows(true, lo, hi, false);
  }

  /** Every synapse's LTP and LTD shifts drawn independently and uniformly from {@code lo..hi}. */
  public static StdpWindows independent(int lo, int hi) {
    return new StdpWindows(true, lo, hi, true);
  }

  /** The smallest shift any synapse can have. */
  int minShift() {
    return Math.min(lo, hi);
  }

  /** The largest shift any synapse can have. */
  int maxShift() {
    return Math.max(lo, hi);
  }

  /**
   * The shifts of a {@code rows × cols} matrix of synapses, {@code [2][rows][cols]} (LTP then LTD),
   * drawn row-major (one draw per synapse, or LTP then LTD when independent) from the LFSR {@code
   * Lfsr.seeded(seed, stream)}: a draw takes {@code b = ⌈log2(hi − lo + 1)⌉} bits and is rejected while it is not below {@code hi −
   * lo + 1}.
   */
  byte[][][] draw(int rows, int cols, long seed, long stream) {
    byte[][][] k = new byte[2][rows][cols];
    Lfsr rng = heterogeneous ? Lfsr.seeded(seed, stream) : null;
    int span = hi - lo + 1;
    int bits = 32 - Integer.numberOfLeadingZeros(Math.max(1, span - 1));
    for (int j = 0; j < rows; j++) {
      for (int i = 0; i < cols; i++) {
        k[0][j][i] = (byte) (heterogeneous ? lo + uniform(rng, span, bits) : lo);
        k[1][j][i] = (byte) (independent ? lo + uniform(rng, span, bits) : heterogeneous ? k[0][j][i] : hi);
      }
    }
    return k;
  }

  /** A draw in {@code 0..span − 1}: {@code bits}-bit draws of {@code rng}, rejected while not below {@code span}. */
  static int uniform(Lfsr rng, int span, int bits) {
    if (span == 1) {
      return 0;
    }
    long v;
    do {
      v = rng.nextBits(bits);
    } while (v >= span);
    return (int) v;
  }

  Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("heterogeneous", heterogeneous);
    m.put(heterogeneous ? "lo" : "ltpShift", lo);
    m.put(heterogeneous ? "hi" : "ltdShift", hi);
    if (heterogeneous) {
      m.put("independent", independent);
    }
    return m;
  }
}
