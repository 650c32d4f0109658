package dev.spikeforge.golden.spec.hw;

/**
 * One initialised memory of the core and its image file. A memory word is {@code lanes} copies of
 * {@code laneWord} side by side, lane {@code p} at bit {@code p · laneWord.width()}.
 *
 * @param layer layer index
 * @param role what it holds
 * @param file path of the image relative to the build directory (and to the simulator's working
 *     directory), e.g. {@code mem/layer0_ff.hex}; one word per line, hex, most significant digit first
 * @param depth number of words
 * @param lanes lane words per memory word
 * @param laneWord layout of one lane word
 */
public record HwMemory(int layer, MemoryRole role, String file, int depth, int lanes, HwWordLayout laneWord) {
  /** Width of a whole memory word. */
  public int width() {
    return lanes * laneWord.width();
  }

  /** Hex digits per line of the image. */
  public int hexDigits() {
    return (width() + 3) / 4;
  }
}
