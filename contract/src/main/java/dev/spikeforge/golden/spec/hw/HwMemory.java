package dev.spikeforge.golden.spec.hw;

import dev.spikeforge.golden.spec.SpecException;

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
 * @param kind BLOCK_RAM (initialised from the image; PARAMS and AXONAL memories always) or SPRAM
 *     (written through the load port only)
 */
public record HwMemory(int layer, MemoryRole role, String file, int depth, int lanes, HwWordLayout laneWord,
    MemoryKind kind) {
  public HwMemory {
    SpecException.check(kind != null, "kind", "missing");
    SpecException.check(kind == MemoryKind.BLOCK_RAM || role == MemoryRole.FEEDFORWARD || role == MemoryRole.RECURRENT,
        "kind", "only weight memories (FEEDFORWARD, RECURRENT) can be SPRAM, not " + role);
    if (kind == MemoryKind.SPRAM) {
      int most = MemoryKind.MAX_SPRAM_BANKS * MemoryKind.SPRAM_DEPTH;
      SpecException.check(depth <= most, "depth",
          file + " has " + depth + " words but " + MemoryKind.MAX_SPRAM_BANKS + " SPRAM banks hold " + most + " ("
              + (depth - most) + " too many); use more lanes (wider, shallower words) or block RAM");
    }
  }

  /** SB_SPRAM256KA cells of this memory (0 for block RAM): banks in depth × cells in width. */
  public int sprams() {
    return kind == MemoryKind.SPRAM ? MemoryKind.spramsFor(depth, width()) : 0;
  }

  /** Width of a whole memory word. */
  public int width() {
    return lanes * laneWord.width();
  }

  /** Hex digits per line of the image. */
  public int hexDigits() {
    return (width() + 3) / 4;
  }
}
