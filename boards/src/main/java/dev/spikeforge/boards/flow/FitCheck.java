package dev.spikeforge.boards.flow;

import dev.spikeforge.boards.Board;
import dev.spikeforge.boards.Part;
import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.golden.spec.hw.HwMemory;
import dev.spikeforge.golden.spec.hw.MemoryRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The pre-flight fit check of a compiled core against a board's part, from the hardware spec alone
 * (no synthesis): does the core's weight memory fit the part's block RAM at all? Run before Yosys so
 * a design that cannot fit is refused in a second with one message that says what overflows, by how
 * much and what to change, instead of after minutes of synthesis.
 *
 * <p>What it counts. The core keeps every weight (and delay) memory image — FEEDFORWARD, RECURRENT,
 * AXONAL; see {@link HwCore#memories()} — where the hardware spec places it ({@link #placement}):
 * block RAM (hw-gen's synchronous-read memories) or SPRAM (cascaded SB_SPRAM256KA, chosen by the
 * compiler's mapping for a part that has them). The check computes, for the block RAM memories:
 * <ul>
 *   <li>their bits against the part's block RAM bits (iCE40UP5K: 30 × 4,096 = 122,880), and
 *   <li>the block RAM count: each memory of {@code depth × width} needs at least
 *       {@code min over the part's aspect ratios (W × D) of ⌈width/W⌉ · ⌈depth/D⌉} blocks (iCE40
 *       SB_RAM40_4K: 256×16, 512×8, 1024×4, 2048×2); memories under half a block
 *       ({@link #SMALL_MEMORY_BITS}) are left out, since Yosys may put them in logic.
 * </ul>
 * Both are lower bounds: the core's other memories (membranes, pending currents, spike lists) and
 * the board top's FIFO also use block RAM, which the post-synthesis capacity check of
 * {@link BitstreamFlow} catches ({@link DesignTooLargeException}). The check never refuses a design
 * that could fit. Parameter memories (2 words) are left out: they are registers.
 *
 * <p>Memories the hardware spec places in SPRAM are counted against the part's SPRAM bits.
 */
public final class FitCheck {
  private FitCheck() {}

  /** Memories below this many bits are not counted in the block RAM count (they may become logic). */
  public static final long SMALL_MEMORY_BITS = 2048;

  /** iCE40 SB_RAM40_4K aspect ratios: {width, depth}. */
  private static final int[][] ICE40_EBR_SHAPES = {{16, 256}, {8, 512}, {4, 1024}, {2, 2048}};

  /** Where a memory lives on the part. */
  public enum Placement { BLOCK_RAM, SPRAM }

  /** One memory of the core as the check sees it. */
  public record MemoryNeed(HwMemory memory, Placement placement, long bits, long blocks) {
    /** e.g. {@code layer 0 feedforward weights (mem/layer0_ff.hex): 6,272 words x 64 bits = 401,408 bits, 100 EBR}. */
    public String describe(String blockName) {
      return String.format(Locale.ROOT, "layer %d %s (%s): %,d words x %d bits = %,d bits%s", memory.layer(),
          roleName(memory.role()), memory.file(), memory.depth(), memory.width(), bits,
          blocks > 0 ? String.format(Locale.ROOT, ", at least %,d %s", blocks, blockName) : ", small (may be logic)");
    }
  }

  /** The outcome: what was counted, and the resources that overflow (empty: the core may fit). */
  public record Result(String part, List<MemoryNeed> memories, List<ResourceUse> resources, String message) {
    public boolean fits() {
      return message == null;
    }
  }

  /** Where the core keeps memory {@code m}: its {@link dev.spikeforge.golden.spec.hw.MemoryKind} in the hardware spec. */
  static Placement placement(HwMemory m) {
    return m.kind() == dev.spikeforge.golden.spec.hw.MemoryKind.SPRAM ? Placement.SPRAM : Placement.BLOCK_RAM;
  }

  /** Checks {@code core} against {@code board}'s part; {@code design} names it in the message. */
  public static Result check(HwCore core, Board board, String design) {
    Part part = board.part();
    String partName = part.name() + "-" + board.packageName().toUpperCase(Locale.ROOT);
    String block = blockName(part);
    List<MemoryNeed> needs = new ArrayList<>();
    long ramBits = 0;
    long ramBlocks = 0;
    long spramBits = 0;
    for (HwMemory m : core.memories()) {
      if (m.role() == MemoryRole.PARAMS) {
        continue;
      }
      long bits = (long) m.depth() * m.width();
      Placement p = placement(m);
      long blocks = 0;
      if (p == Placement.BLOCK_RAM) {
        ramBits += bits;
        if (bits >= SMALL_MEMORY_BITS) {
          blocks = blocks(part, m.depth(), m.width());
          ramBlocks += blocks;
        }
      } else {
        spramBits += bits;
      }
      needs.add(new MemoryNeed(m, p, bits, blocks));
    }
    long partRamBits = (long) part.blockRams() * part.blockRamBits();
    long partSpramBits = (long) part.sprams() * part.spramBits();
    List<ResourceUse> res = List.of(
        new ResourceUse("blockRamBits", ramBits, partRamBits, "weight memory images in block RAM (hardware spec)"),
        new ResourceUse("blockRams", ramBlocks, part.blockRams(), "lower bound from the weight memories' shapes"),
        new ResourceUse("spramBits", spramBits, partSpramBits, "weight memory images in SPRAM (hardware spec)"));
    List<ResourceUse> over = res.stream().filter(ResourceUse::overflows).toList();
    if (over.isEmpty()) {
      return new Result(partName, needs, res, null);
    }
    StringBuilder sb = new StringBuilder();
    sb.append("the core of ").append(design).append(" does not fit the ").append(board.name()).append(" (")
        .append(partName).append("), found from its hardware spec before synthesis:");
    for (ResourceUse r : over) {
      long excess = r.used() - r.available();
      double pct = 100.0 * r.used() / Math.max(1, r.available());
      switch (r.name()) {
        case "blockRamBits" -> sb.append(String.format(Locale.ROOT,
            "%n  weights need %,d bits of block RAM; %s has %,d (over by %,d; %.0f %% of it)", r.used(), part.name(),
            r.available(), excess, pct));
        case "blockRams" -> sb.append(String.format(Locale.ROOT,
            "%n  weight memories need at least %,d %s blocks; %s has %,d (over by %,d; %.0f %% of it)", r.used(), block,
            part.name(), r.available(), excess, pct));
        default -> sb.append(String.format(Locale.ROOT,
            "%n  weights need %,d bits of SPRAM; %s has %,d (over by %,d; %.0f %% of it)", r.used(), part.name(),
            r.available(), excess, pct));
      }
    }
    MemoryNeed largest = null;
    for (MemoryNeed n : needs) {
      if (largest == null || n.bits() > largest.bits()) {
        largest = n;
      }
    }
    for (MemoryNeed n : needs) {
      if (n.bits() * 10 >= largest.bits()) {
        sb.append("\n    ").append(n.describe(block));
      }
    }
    int widest = core.layers().stream().mapToInt(h -> h.feedforward().laneWord().width()).max().orElse(1);
    sb.append(String.format(Locale.ROOT,
        "%nFix: a smaller network (weight bits = inputs x neurons x weight width per layer; %s's block RAM holds"
            + " at most %,d weights of %d bits), narrower weights (compile --weight-width, or 'spikeforge binarize'),"
            + " fewer lanes if the last lane group is mostly padding, SPRAM-backed weight memories where the part has"
            + " SPRAM (%s: %d x %,d bits), or a board with more block RAM (--board).",
        part.name(), partRamBits / Math.max(1, widest), widest, part.name(), part.sprams(), part.spramBits()));
    return new Result(partName, needs, res, sb.toString());
  }

  /** Throws {@link DesignTooLargeException} with {@link Result#message()} if the core cannot fit. */
  public static Result require(HwCore core, Board board, String design) {
    Result r = check(core, board, design);
    if (!r.fits()) {
      throw new DesignTooLargeException(r.message(), r.resources().stream().filter(ResourceUse::overflows).toList());
    }
    return r;
  }

  /** Fewest blocks of {@code part} that hold a {@code depth × width} memory. */
  static long blocks(Part part, int depth, int width) {
    if (part.family() == dev.spikeforge.boards.Family.ICE40) {
      long best = Long.MAX_VALUE;
      for (int[] s : ICE40_EBR_SHAPES) {
        best = Math.min(best, ceil(width, s[0]) * ceil(depth, s[1]));
      }
      return best;
    }
    return ceil((long) depth * width, part.blockRamBits());
  }

  private static long ceil(long a, long b) {
    return (a + b - 1) / b;
  }

  private static String blockName(Part part) {
    return part.family() == dev.spikeforge.boards.Family.ICE40 ? "EBR (4-kbit)" : "block RAM";
  }

  private static String roleName(MemoryRole r) {
    return switch (r) {
      case FEEDFORWARD -> "feedforward weights";
      case RECURRENT -> "recurrent weights";
      case AXONAL -> "axonal delays";
      case PARAMS -> "neuron parameters";
    };
  }
}
