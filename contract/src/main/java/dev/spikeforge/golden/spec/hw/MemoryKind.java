package dev.spikeforge.golden.spec.hw;

/**
 * Where a weight memory lives on the chip (docs/hardware.md, "Memories and images").
 *
 * <p>BLOCK_RAM memories are inferred ({@code SyncReadMem}) and initialised from their image in the
 * bitstream or by the simulator ({@code $readmemh}); they can also be rewritten through the core's
 * load port. SPRAM memories are cascaded iCE40 UP5K {@code SB_SPRAM256KA} cells (16,384 words of 16
 * bits each, one cell per 16 bits of word width): they have no initial contents, so their image
 * must be written through the load port before the first sample.
 */
public enum MemoryKind {
  BLOCK_RAM,
  SPRAM;

  /** Words of one SB_SPRAM256KA. */
  public static final int SPRAM_DEPTH = 16384;
  /** Bits of one SB_SPRAM256KA word. */
  public static final int SPRAM_WIDTH = 16;

  /** Most SPRAM banks one memory may cascade in depth (an UP5K has 4 cells). */
  public static final int MAX_SPRAM_BANKS = 4;

  /** SB_SPRAM256KA cells side by side for a word of {@code width} bits (one bank). */
  public static int spramsFor(int width) {
    return (width + SPRAM_WIDTH - 1) / SPRAM_WIDTH;
  }

  /** Banks of {@link #SPRAM_DEPTH} words a memory of {@code depth} words needs (depth cascade). */
  public static int spramBanksFor(int depth) {
    return (depth + SPRAM_DEPTH - 1) / SPRAM_DEPTH;
  }

  /** SB_SPRAM256KA cells of a memory of {@code depth} words of {@code width} bits: banks × width cells. */
  public static int spramsFor(int depth, int width) {
    return spramBanksFor(depth) * spramsFor(width);
  }
}
