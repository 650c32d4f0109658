package dev.spikeforge.flow.explore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spikeforge.compiler.build.HwSpecJson;
import dev.spikeforge.compiler.map.MemoryTarget;
import dev.spikeforge.golden.json.JsonMappers;
import dev.spikeforge.golden.spec.hw.HwCore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
   * One memory of the core's RTL as Yosys infers it.
   *
   * @param name  the memory's name in the RTL (engine, memory), for messages and tests
   * @param size  words
   * @param width bits per word
   * @param ports how its ports look to Yosys' mapper
   */
  record RtlMemory(String name, int size, int width, Ice40BlockRams.Ports ports) {}

  /**
   * The memories of the core's RTL that Yosys could put in block RAM, with the shapes the generator gives them
   * (hw-gen {@code SnnCore}, {@code LayerEngine}, {@code WeightMemory}): the input queue (2 words of index and
   * end-of-step bit); every weight image the spec places in block RAM (read-only unless the core has its load
   * port); per layer the membranes (G words of P·M bits), P pending-current rings (R·G words of C bits) and,
   * except in the output layer (whose list nothing reads), the spike list (G words of ⌈log2 G⌉ + P bits) and its
   * reader's queue (3 words of the list entry and a last bit); each at least {@link HwCore#MIN_DEPTH} words.
   * Parameter memories (read asynchronously at word 0) are registers: Yosys offers them no block RAM.
   */
  List<RtlMemory> rtlMemories() {
    List<RtlMemory> out = new ArrayList<>();
    out.add(new RtlMemory("inQ_q.ram", 2, hardware.get("indexWidth").intValue() + 1, Ice40BlockRams.Ports.STATE));
    Ice40BlockRams.Ports weights = loadPort() ? Ice40BlockRams.Ports.LOADED : Ice40BlockRams.Ports.ROM;
    for (JsonNode m : memories) {
      if (m.get("kind").textValue().equals("BLOCK_RAM") && !m.get("role").textValue().equals("PARAMS")) {
        String role = m.get("role").textValue();
        String name = "engines_" + m.get("layer").intValue() + "."
            + (role.equals("FEEDFORWARD") ? "ffMem.m" : role.toLowerCase(Locale.ROOT));
        out.add(new RtlMemory(name, m.get("depth").intValue(), m.get("width").intValue(), weights));
      }
    }
    JsonNode layers = hardware.get("layers");
    for (int l = 0; l < layers.size(); l++) {
      JsonNode h = layers.get(l);
      int g = h.get("groups").intValue();
      int p = h.get("lanes").intValue();
      int state = Math.max(HwCore.MIN_DEPTH, g);
      // a one-lane membrane word is a Vec of one element, which the RTL names membranes_0
      out.add(new RtlMemory("engines_" + l + (p == 1 ? ".membranes_0" : ".membranes"), state,
          p * h.get("membraneWidth").intValue(), Ice40BlockRams.Ports.STATE));
      for (int lane = 0; lane < p; lane++) {
        out.add(new RtlMemory("engines_" + l + ".pending_" + lane,
            Math.max(HwCore.MIN_DEPTH, h.get("ringSlots").intValue() * g), h.get("currentWidth").intValue(),
            Ice40BlockRams.Ports.STATE));
      }
      if (l + 1 < layers.size()) {
        int entry = (g <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(g - 1)) + p;
        out.add(new RtlMemory("engines_" + l + ".list", state, entry, Ice40BlockRams.Ports.STATE));
        out.add(new RtlMemory("engines_" + l + ".readerQ.ram", 3, entry + 1, Ice40BlockRams.Ports.STATE));
      }
    }
    return out;
  }

  /**
   * Block RAMs as Yosys 0.23's {@code memory_libmap} maps the core ({@link Ice40BlockRams} on each of
   * {@link #rtlMemories()}), plus the board top's FIFO ({@link MemoryTarget#BOARD_TOP_EBR}). Fitted to nothing:
   * the recorded real runs check it (docs/explore.md).
   */
  int blockRams() {
    int n = MemoryTarget.BOARD_TOP_EBR;
    for (RtlMemory m : rtlMemories()) {
      n += Ice40BlockRams.map(m.size(), m.width(), m.ports()).blocks();
    }
    return n;
  }

  /** Names of {@link #features()}, in order. */
  static final String[] FEATURES = {"1", "sum over layers of P*(M+C)", "layers", "load port",
      "bits of writable memories in flip-flops", "read-multiplexer bits of block-RAM memories",
      "output lanes with first-to-fire readout"};

  /**
   * The linear features of logic cells, LUT4 and flip-flops: a constant (board top, UART, scheduler), the
   * lanes' datapath bits (Σ over layers of P·(M + C): each lane's membrane and current adders and
   * registers), the layers (one engine each: its counters, spike-list reader, issue stage), the load port
   * (present with SPRAM weights), the bits of the writable memories Yosys keeps in flip-flops and the read
   * multiplexers of those it splits over several block-RAM address ranges (both from {@link #rtlMemories()}
   * and {@link Ice40BlockRams}, as Yosys maps them), and the output layer's lanes when the readout is
   * first-to-fire (its per-lane spike counters and the decision). Chosen among candidate sets by
   * leave-one-out error on the calibration runs (docs/explore.md).
   */
  double[] features() {
    double datapath = 0;
    for (JsonNode h : hardware.get("layers")) {
      datapath += h.get("lanes").intValue() * (h.get("membraneWidth").intValue() + h.get("currentWidth").intValue());
    }
    double flipFlopBits = 0;
    double muxBits = 0;
    for (RtlMemory m : rtlMemories()) {
      Ice40BlockRams.Choice c = Ice40BlockRams.map(m.size(), m.width(), m.ports());
      if (c.blocks() > 0) {
        muxBits += c.muxBits();
      } else if (m.ports().writable) {
        flipFlopBits += (double) m.size() * m.width();
      }
    }
    JsonNode layers = hardware.get("layers");
    double firstToFire = hardware.get("readoutMode").textValue().equals("FIRST_TO_FIRE")
        ? layers.get(layers.size() - 1).get("lanes").intValue() : 0;
    return new double[] {1, datapath, layers.size(), loadPort() ? 1 : 0, flipFlopBits, muxBits, firstToFire};
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
