package dev.spikeforge.flow.explore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spikeforge.compiler.build.HwSpecJson;
import dev.spikeforge.compiler.map.MemoryTarget;
import dev.spikeforge.golden.json.JsonMappers;
import dev.spikeforge.golden.spec.hw.HwCore;

/**
 * What the estimator reads of a core: the manifest's {@code hardware} and {@code memories} sections
 * ({@link HwSpecJson}), the same for a point mapped in memory and for a recorded real run, so the
 * calibration file keeps the spec itself and features can be recomputed when they change.
 *
 * @param hardware the manifest's hardware section
 * @param memories the manifest's memories section
 */
record CoreShape(JsonNode hardware, JsonNode memories) {

  /** The shape of {@code core}. */
  static CoreShape of(HwCore core) {
    return new CoreShape(HwSpecJson.core(core), HwSpecJson.memories(core));
  }

  /** The shape in a manifest ({@code manifest.json} of a build directory). */
  static CoreShape ofManifest(JsonNode manifest) {
    return new CoreShape(manifest.get("hardware"), manifest.get("memories"));
  }

  /** As one JSON object, for the calibration file. */
  ObjectNode toJson() {
    ObjectNode o = JsonMappers.compact().createObjectNode();
    o.set("hardware", hardware);
    o.set("memories", memories);
    return o;
  }

  /** SB_SPRAM256KA cells: exact from the spec. */
  int sprams() {
    return hardware.get("sprams").intValue();
  }

  /** Whether the core has its load port (any weight memory in SPRAM). */
  boolean loadPort() {
    return sprams() > 0;
  }

  /** Cost of one iCE40 block RAM in Yosys' {@code memory_libmap} (ice40/brams.txt: {@code cost 64}). */
  static final double EBR_COST = 64;
  /** Yosys' cost of one memory bit lowered to flip-flops: RAM 1, ROM 1/16 ({@code -logic-cost-ram/-rom} defaults). */
  static final double LOGIC_COST_RAM = 1;
  static final double LOGIC_COST_ROM = 1.0 / 16;
  /** Cost per data bit of a read multiplexer level (Yosys' FACTOR_MUX). */
  static final double MUX_COST = 0.5;
  /**
   * Extra cost per data bit of mapping a writable state memory to block RAM: 0.5 (one FACTOR_MUX) for the
   * membranes and pending currents, 2 (Yosys' FACTOR_EMU, an emulated port feature) for the spike list.
   * Read off the calibration runs' mapping decisions (docs/explore.md), not Yosys' source.
   */
  static final double STATE_EXTRA = 0.5;
  static final double LIST_EXTRA = 2;

  /**
   * Block RAMs as Yosys 0.23's {@code memory_libmap} chooses them, re-enacted from the memory shapes:
   * each memory takes the cheapest iCE40 aspect ratio (256×16 … 2048×2; cost 64 per block, plus 0.5 per
   * data bit for each extra block in depth, the read multiplexer, plus {@link #STATE_EXTRA} or
   * {@link #LIST_EXTRA} per data bit for a writable memory), and goes to block RAM only if that is cheaper
   * than its bits in logic (1 each, 1/16 for a
   * read-only memory, truncated to an integer); else it becomes flip-flops. Counted: the board top's FIFO
   * ({@link MemoryTarget#BOARD_TOP_EBR}); every weight memory image the spec places in block RAM
   * (read-only unless the core has its load port); per layer the membranes (G words of P·M bits), P
   * pending-current rings (R·G words of C bits) and, except in the output layer, the spike list (G words
   * of log2 G + P bits). Parameter memories (2 words) are registers. Fitted to nothing: the calibration
   * runs check it (docs/explore.md).
   */
  int blockRams() {
    int n = MemoryTarget.BOARD_TOP_EBR;
    boolean rom = !loadPort();
    for (JsonNode m : memories) {
      if (m.get("kind").textValue().equals("BLOCK_RAM") && !m.get("role").textValue().equals("PARAMS")) {
        n += ebr(m.get("depth").intValue(), m.get("width").intValue(), rom, rom ? 0 : STATE_EXTRA);
      }
    }
    JsonNode layers = hardware.get("layers");
    for (int l = 0; l < layers.size(); l++) {
      JsonNode h = layers.get(l);
      int g = h.get("groups").intValue();
      int p = h.get("lanes").intValue();
      n += ebr(Math.max(HwCore.MIN_DEPTH, g), p * h.get("membraneWidth").intValue(), false, STATE_EXTRA);
      n += p * ebr(Math.max(HwCore.MIN_DEPTH, h.get("ringSlots").intValue() * g), h.get("currentWidth").intValue(),
          false, STATE_EXTRA);
      if (l + 1 < layers.size()) {
        int entry = (g <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(g - 1)) + p;
        n += ebr(Math.max(HwCore.MIN_DEPTH, g), entry, false, LIST_EXTRA);
      }
    }
    return n;
  }

  /**
   * Blocks of one {@code depth × width} memory, or 0 when Yosys keeps it in logic; {@code extra} per data
   * bit is added to the block-RAM cost of a writable memory.
   */
  static int ebr(int depth, int width, boolean rom, double extra) {
    double logic = Math.floor((double) depth * width * (rom ? LOGIC_COST_ROM : LOGIC_COST_RAM));
    double best = Double.MAX_VALUE;
    int bestBlocks = 0;
    for (int w = 16, d = 256; w >= 2; w /= 2, d *= 2) {
      int wide = (width + w - 1) / w;
      int deep = (depth + d - 1) / d;
      double cost = EBR_COST * wide * deep + MUX_COST * width * (deep - 1) + extra * width;
      if (cost < best) {
        best = cost;
        bestBlocks = wide * deep;
      }
    }
    return best < logic ? bestBlocks : 0;
  }

  /** Names of {@link #features()}, in order. */
  static final String[] FEATURES = {"1", "sum over layers of P*(M+C)", "layers", "load port"};

  /**
   * The linear features of logic cells, LUT4 and flip-flops: a constant (board top, UART, scheduler), the
   * lanes' datapath bits (Σ over layers of P·(M + C): each lane's membrane and current adders and
   * registers), the layers (one engine each: its counters, spike-list reader, issue stage) and the load port
   * (present with SPRAM weights). Chosen among candidate sets by leave-one-out error on the calibration
   * runs (docs/explore.md).
   */
  double[] features() {
    double datapath = 0;
    for (JsonNode h : hardware.get("layers")) {
      datapath += h.get("lanes").intValue() * (h.get("membraneWidth").intValue() + h.get("currentWidth").intValue());
    }
    return new double[] {1, datapath, hardware.get("layers").size(), loadPort() ? 1 : 0};
  }

  /** Names of {@link #timingFeatures()}, in order (the estimator adds the part: HX or UP). */
  static final String[] TIMING_FEATURES = {"1", "load port"};

  /**
   * The features of the clock period (ns), besides the part: the load port (its address and data paths
   * into the SPRAM). Widths and lanes moved Fmax less than the placement does in the calibration runs:
   * with them the held-out error grew.
   */
  double[] timingFeatures() {
    return new double[] {1, loadPort() ? 1 : 0};
  }
}
