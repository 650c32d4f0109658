package dev.spikeforge.flow.explore;

/**
 * Yosys 0.23's {@code memory_libmap} choice for one inferred memory of a core on the iCE40, re-enacted: block
 * RAM ({@code SB_RAM40_4K}) or flip-flops, and how many blocks. {@code synth_ice40} maps memories with the
 * library {@code ice40/brams.txt}: one {@code $__ICE40_RAM4K_} of cost 64 with 11 address bits at 2 data bits
 * (2048 × 2, 1024 × 4, 512 × 8, 256 × 16), a synchronous read port of any of those widths and a write port in
 * two variants, {@code HAS_BE 0} (2, 4 or 8 bits, one write enable for the word) and {@code HAS_BE 1} (16
 * bits, one enable per bit). For each variant Yosys tries every width as the unit and prices it
 *
 * <pre>
 *   64 · blocks + ½ · mux + ½ · demux + 2 · emulation
 * </pre>
 *
 * where a memory deeper than one block's words spans {@code a = ⌈size / words⌉} address ranges, packed side by
 * side into {@code ⌈a · width / unit⌉} blocks, with a read multiplexer of {@code (a − 1) · width} and a write
 * demultiplexer of {@code a} (one per write enable; 0 when {@code a = 1}); the unit's price is kept only when
 * strictly below the best so far <em>truncated to an integer</em> (Yosys keeps it in an {@code int}). The
 * variant of lower price wins (the first on a tie), and the memory goes to block RAM only when that price is
 * strictly below its cost as logic, again truncated: 1 per bit, 1/16 per bit of a memory without write port.
 * With {@code HAS_BE 0} the data bits are padded to whole units (its write enable covers a unit), with
 * {@code HAS_BE 1} they are not. Although the library gives {@code HAS_BE 1} a 16-bit write port only, Yosys
 * prices it at every unit width 2..16: its per-bit enables let the 16-bit port write a narrower unit by enabling
 * just that unit's bits ({@code wrbe_separate}), so the unit is set by the read width; the 142 logged decisions
 * of {@code Ice40BlockRamsTest} agree.
 *
 * <p>The emulation score counts the port features the iCE40 ports lack and logic must add, per Yosys'
 * scoring: 1 for a read port not shared with a write port, 3 for transparency with a write port, 3 for
 * read-first behaviour. Which the core's memories need was read off Yosys' {@code debug memory_libmap} log
 * of the generated RTL ({@code bench/yosys-libmap-decisions.sh}): {@link Ports}. Every write port of the core
 * writes whole words (one enable), so there are no byte boundaries to pad at.
 */
final class Ice40BlockRams {
  private Ice40BlockRams() {}

  /** Cost of one block in {@code ice40/brams.txt}. */
  static final int BLOCK_COST = 64;
  /** Address bits of a block at its narrowest (2-bit) width. */
  static final int ABITS = 11;
  /** Yosys' price of one unit of read multiplexer, write demultiplexer and port emulation. */
  static final double FACTOR_MUX = 0.5;
  static final double FACTOR_DEMUX = 0.5;
  static final double FACTOR_EMU = 2;
  /** Yosys' cost of one memory bit in logic: writable 1, read-only 1/16 ({@code -logic-cost-ram/-rom} defaults). */
  static final double LOGIC_COST_RAM = 1;
  static final double LOGIC_COST_ROM = 1.0 / 16;

  /**
   * How a core memory's ports look to {@code memory_libmap}, and the emulation score that follows
   * (observed in Yosys' debug log of the generated RTL).
   */
  enum Ports {
    /** A weight image without write port (no load port): its read port alone. */
    ROM(false, 1),
    /** A weight memory the load port writes: read port, transparency and read-first emulated. */
    LOADED(true, 1 + 3 + 3),
    /**
     * A state memory ({@code SyncReadMem}: membranes, pending currents, spike list, queues): read port,
     * transparency.
     */
    STATE(true, 1 + 3);

    final boolean writable;
    final int emulation;

    Ports(boolean writable, int emulation) {
      this.writable = writable;
      this.emulation = emulation;
    }
  }

  /**
   * Yosys' choice for one memory.
   *
   * @param blocks    SB_RAM40_4K cells, 0 when the memory stays in logic (flip-flops)
   * @param cost      the price of the cheapest block-RAM candidate
   * @param logicCost the memory's cost as logic
   * @param muxBits   data bits of the read multiplexer over the block-RAM candidate's address ranges
   *                  ({@code (a − 1) · width}), logic the memory needs when it goes to block RAM
   */
  record Choice(int blocks, double cost, double logicCost, int muxBits) {}

  /** The write-port variants of the block, in the library's order. */
  private enum Variant {
    /** {@code HAS_BE 0}: write widths 2, 4, 8 (log2 of units of 2 bits: at most 2); one write enable for the word. */
    NO_BYTE_ENABLES(2, false),
    /** {@code HAS_BE 1}: write width 16, an enable per bit, so any unit 2..16 can be written (see the class comment). */
    BIT_ENABLES(3, true);

    final int maxWriteLog2;
    final boolean bitEnables;

    Variant(int maxWriteLog2, boolean bitEnables) {
      this.maxWriteLog2 = maxWriteLog2;
      this.bitEnables = bitEnables;
    }
  }

  /** Yosys' choice for a {@code size × width} memory with {@code ports}. */
  static Choice map(int size, int width, Ports ports) {
    double logic = (double) size * width * (ports.writable ? LOGIC_COST_RAM : LOGIC_COST_ROM);
    Candidate best = null;
    for (Variant v : Variant.values()) {
      Candidate c = cheapestGeometry(size, width, ports, v);
      if (best == null || c.cost < best.cost) {
        best = c;
      }
    }
    boolean toBlockRam = best.cost < (int) logic;
    return new Choice(toBlockRam ? best.blocks : 0, best.cost, logic, best.mux);
  }

  private record Candidate(int blocks, double cost, int mux) {}

  /** The unit width Yosys picks for one variant: 2, 4, 8, 16 bits in turn, a strictly cheaper one replacing. */
  private static Candidate cheapestGeometry(int size, int width, Ports ports, Variant v) {
    Candidate best = null;
    int bestTruncated = 0;
    for (int base = 0; base <= 3; base++) {
      int unitLog2 = ports.writable ? Math.min(base, v.maxWriteLog2) : base;
      if (unitLog2 != base) {
        break; // the write port cannot be as wide (only HAS_BE 0 past 8 bits; never at base 0): no wider unit is useful
      }
      int unit = 2 << unitLog2;
      int byteWidth = ports.writable && !v.bitEnables ? unit : 1;
      int dataBits = (width + byteWidth - 1) / byteWidth * byteWidth;
      int words = 1 << (ABITS - base);
      int ranges = (size - 1) / words + 1;
      int blocks = (ranges * dataBits + unit - 1) / unit;
      int mux = (ranges - 1) * width;
      int demux = ports.writable && ranges != 1 ? ranges : 0;
      double cost = BLOCK_COST * blocks + FACTOR_MUX * mux + FACTOR_DEMUX * demux + FACTOR_EMU * ports.emulation;
      if (best == null || cost < bestTruncated) {
        best = new Candidate(blocks, cost, mux);
        bestTruncated = (int) cost;
      }
    }
    return best;
  }
}
