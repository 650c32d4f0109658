package dev.spikeforge.golden.data;

/** Argument checks shared by the encoders. */
final class Encoders {
  private Encoders() {}

  static void check(byte[] intensities, int steps) {
    if (intensities == null || intensities.length == 0) {
      throw new IllegalArgumentException("intensities must have at least one value");
    }
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be at least 1, got " + steps);
    }
  }
}
