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
  /** Yosys' default cost of one memory bit lowered to flip-flops: RAM 1, ROM 1/16. */
  static final double LOGIC_COST_RAM = 1;
  static final double LOGIC_COST_ROM = 1.0 / 16;

  /**
   * Block RAMs as Yosys 0.23's {@code memory_libmap} chooses them: a memory goes to block RAM when its
   * bits lowered to logic (each costing {@link #LOGIC_COST_RAM}, or {@link #LOGIC_COST_ROM} for a read-only
   * memory) cost more than its blocks ({@link #EBR_COST} each, at the cheapest iCE40 aspect ratio,
   * {@link MemoryTarget#ebrFor}); otherwise it becomes flip-flops. Counted: the board top's FIFO
   * ({@link MemoryTarget#BOARD_TOP_EBR}); every weight memory image the spec places in block RAM (read-only
   * unless the core has its load port); per layer the membranes (G words of P·M bits), P pending-current
   * rings (R·G words of C bits) and, except in the output layer, the spike list (G words of log2 G + P
   * bits). Parameter memories (2 words) are registers.
   */
  int blockRams() {
    int n = MemoryTarget.BOARD_TOP_EBR;
    boolean rom = !loadPort();
    for (JsonNode m : memories) {
      if (m.get("kind").textValue().equals("BLOCK_RAM") && !m.get("role").textValue().equals("PARAMS")) {
        n += ebr(m.get("depth").intValue(), m.get("width").intValue(), rom);
      }
    }
    JsonNode layers = hardware.get("layers");
    for (int l = 0; l < layers.size(); l++) {
      JsonNode h = layers.get(l);
      int g = h.get("groups").intValue();
      int p = h.get("lanes").intValue();
      n += ebr(Math.max(HwCore.MIN_DEPTH, g), p * h.get("membraneWidth").intValue(), false);
      n += p * ebr(Math.max(HwCore.MIN_DEPTH, h.get("ringSlots").intValue() * g), h.get("currentWidth").intValue(),
          false);
      if (l + 1 < layers.size()) {
        int entry = (g <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(g - 1)) + p;
        n += ebr(Math.max(HwCore.MIN_DEPTH, g), entry, false);
      }
    }
    return n;
  }

  /** Blocks of one memory, or 0 when Yosys keeps it in logic. */
  static int ebr(int depth, int width, boolean rom) {
    int blocks = MemoryTarget.ebrFor(depth, width);
    double logic = (double) depth * width * (rom ? LOGIC_COST_ROM : LOGIC_COST_RAM);
    return blocks > 0 && logic > EBR_COST * blocks ? blocks : 0;
  }

  /** Names of {@link #features()}, in order. */
  static final String[] FEATURES = {"1", "sum P*(M+C)", "sum P", "load port", "load data bits", "sum log2 depth"};

  /**
   * The linear features of logic cells, LUT4 and flip-flops: a constant (board top, scheduler), the
   * lanes' datapath bits (membrane and current adders, registers), the lanes (issue, spike packing), the
   * load port and its data width (present with SPRAM weights), and the address counters.
   */
  double[] features() {
    double datapath = 0;
    double lanes = 0;
    double addr = 0;
    for (JsonNode h : hardware.get("layers")) {
      int p = h.get("lanes").intValue();
      datapath += p * (h.get("membraneWidth").intValue() + h.get("currentWidth").intValue());
      lanes += p;
      addr += log2(h.get("feedforward").get("depth").intValue()) + log2(h.get("groups").intValue());
    }
    boolean load = loadPort();
    double data = load ? hardware.get("loadPort").get("dataWidth").intValue() : 0;
    return new double[] {1, datapath, lanes, load ? 1 : 0, data, addr};
  }

  /** Names of {@link #timingFeatures()}, in order. */
  static final String[] TIMING_FEATURES = {"1", "widest current", "log2 most lanes", "load port"};

  /** The features of the clock period (ns): the widest adder, the widest lane fan-out, the load port. */
  double[] timingFeatures() {
    int c = 0;
    int p = 1;
    for (JsonNode h : hardware.get("layers")) {
      c = Math.max(c, h.get("currentWidth").intValue());
      p = Math.max(p, h.get("lanes").intValue());
    }
    return new double[] {1, c, log2(p), loadPort() ? 1 : 0};
  }

  private static double log2(int n) {
    return n <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(n - 1);
  }
}
