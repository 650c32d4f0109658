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

  /**
   * Block RAMs from memory shapes (the compiler's placement rule, {@code HwMapper}): the board top's
   * FIFO ({@link MemoryTarget#BOARD_TOP_EBR}), every block-RAM memory image and per layer the membranes
   * (G words of P·M bits), P pending-current rings (R·G words of C bits) and the spike list (G words of
   * log2 G + P bits), each at the cheapest iCE40 EBR aspect ratio.
   */
  int blockRams() {
    int n = MemoryTarget.BOARD_TOP_EBR;
    for (JsonNode m : memories) {
      if (m.get("kind").textValue().equals("BLOCK_RAM")) {
        n += MemoryTarget.ebrFor(m.get("depth").intValue(), m.get("width").intValue());
      }
    }
    for (JsonNode h : hardware.get("layers")) {
      int g = h.get("groups").intValue();
      int p = h.get("lanes").intValue();
      int entry = (g <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(g - 1)) + p;
      n += MemoryTarget.ebrFor(Math.max(HwCore.MIN_DEPTH, g), p * h.get("membraneWidth").intValue());
      n += p * MemoryTarget.ebrFor(Math.max(HwCore.MIN_DEPTH, h.get("ringSlots").intValue() * g),
          h.get("currentWidth").intValue());
      n += MemoryTarget.ebrFor(Math.max(HwCore.MIN_DEPTH, g), entry);
    }
    return n;
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
