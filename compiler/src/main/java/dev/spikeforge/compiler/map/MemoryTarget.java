package dev.spikeforge.compiler.map;

import dev.spikeforge.golden.spec.SpecException;
import dev.spikeforge.golden.spec.hw.MemoryKind;
import java.util.List;

/**
 * The on-chip memory a compile targets, as the mapper places weight memories: block RAMs (iCE40:
 * 4-kbit EBR) and SB_SPRAM256KA cells (16,384 × 16 bits). The figures of each board name are the
 * part's ({@code boards/.../parts.json}; {@code MemoryTargetTest} in boards checks they agree).
 *
 * @param board board name as in {@code config.json}
 * @param blockRams block RAMs of the part ({@link Integer#MAX_VALUE}: unbounded, no part)
 * @param sprams SB_SPRAM256KA cells of the part (0: none)
 * @param spramForcible whether {@link MappingOptions.WeightMemory#SPRAM} may be asked for although
 *     the part is unknown (the generic target: simulation and tests)
 */
public record MemoryTarget(String board, int blockRams, int sprams, boolean spramForcible) {
  /** Bits of one iCE40 EBR. */
  public static final int EBR_BITS = 4096;
  /** EBR the board top-level needs besides the core (its receive FIFO). */
  public static final int BOARD_TOP_EBR = 1;
  /** SB_SPRAM256KA cells of an iCE40 UP5K. */
  public static final int UP5K_SPRAMS = 4;

  /** No part: any amount of block RAM; SPRAM (up to the UP5K's 4 cells) only when forced. */
  public static final MemoryTarget GENERIC = new MemoryTarget("generic", Integer.MAX_VALUE, UP5K_SPRAMS, true);
  /** iCE40 UP5K: 30 EBR, 4 SPRAM. */
  public static final MemoryTarget UP5K = new MemoryTarget("ice40-up5k", 30, UP5K_SPRAMS, false);

  private static final List<MemoryTarget> BOARDS = List.of(GENERIC, UP5K,
      new MemoryTarget("icebreaker", 30, UP5K_SPRAMS, false),
      new MemoryTarget("hx8k-breakout", 32, 0, false));

  public MemoryTarget {
    SpecException.check(board != null && !board.isBlank(), "board", "missing");
    SpecException.check(blockRams >= 0 && sprams >= 0, "board", "negative memory counts");
  }

  /** Names {@link #forBoard} knows. */
  public static List<String> boardNames() {
    return BOARDS.stream().map(MemoryTarget::board).toList();
  }

  /** The target of a board name of {@code config.json}. */
  public static MemoryTarget forBoard(String board) {
    for (MemoryTarget t : BOARDS) {
      if (t.board.equals(board)) {
        return t;
      }
    }
    throw new SpecException("board", "'" + board + "' is not a known board; choose one of "
        + String.join(", ", boardNames()));
  }

  /** Whether the part has block-RAM limits at all (a known part). */
  public boolean bounded() {
    return blockRams != Integer.MAX_VALUE;
  }

  /**
   * EBR a memory of {@code depth} words of {@code width} bits takes on iCE40 (the cheapest of the
   * 256×16, 512×8, 1024×4 and 2048×2 configurations); memories of at most {@link
   * #LOGIC_MEMORY_DEPTH} words count 0. Yosys 0.23 ({@code synth_ice40}) maps even small memories
   * to EBR (8 words of 14 bits took one), but 2-word memories to flip-flops.
   */
  public static int ebrFor(int depth, int width) {
    if (depth <= LOGIC_MEMORY_DEPTH) {
      return 0;
    }
    int best = Integer.MAX_VALUE;
    for (int w = 16, d = 256; w >= 2; w /= 2, d *= 2) {
      long n = (long) ((width + w - 1) / w) * ((depth + d - 1) / d);
      best = (int) Math.min(best, n);
    }
    return best;
  }

  /** Memories this shallow are counted as logic, not EBR, by {@link #ebrFor}. */
  public static final int LOGIC_MEMORY_DEPTH = 2;

  /** SB_SPRAM256KA cells of a memory of {@code width} bits. */
  public static int spramsFor(int width) {
    return MemoryKind.spramsFor(width);
  }
}
