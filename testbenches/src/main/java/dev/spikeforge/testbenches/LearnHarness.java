package dev.spikeforge.testbenches;

import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.simkit.Template;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The clocked harness of a learning core (docs/hardware.md §7): works through a script of load beats,
 * training commands, input beats and weight-readback requests in order, and logs output beats and
 * readback words (format in {@code verilator_learn_harness.cpp}). The Verilator C++ main and the Icarus
 * testbench ({@code icarus_learn_tb.v}) read the same script and write the same log, clock for clock, so
 * one comparison serves both. Port names and widths come from the hardware spec.
 *
 * @param core the hardware spec the learning core was generated from
 */
public record LearnHarness(HwCore core) {
  /** The Verilator C++ main. */
  String verilatorSource() {
    StringBuilder counts = new StringBuilder();
    for (int k = 0; k < core.outputSize(); k++) {
      counts.append(k == 0 ? "" : "\n").append("      std::fprintf(out, \" %u\", static_cast<unsigned>(dut->out_bits_counts_")
          .append(k).append("));");
    }
    StringBuilder rounding = new StringBuilder();
    // the core takes the LFSR states it uses: the dropout state with dropout, the rounding states with K > 0
    boolean dropout = statePort() != null;
    for (int l = 0; rounds() && l < core.layers().size(); l++) {
      rounding.append(l == 0 ? "" : "\n").append("          dut->train_bits_roundingStates_").append(l)
          .append(" = c.rounding[").append(l).append("];");
    }
    int dw = core.loadDataWidth();
    Map<String, String> v = new LinkedHashMap<>();
    v.put("TOP", HwCore.TOP);
    v.put("DATA_WORDS", Integer.toString(Math.max(2, (dw + 31) / 32)));
    v.put("LAYERS", Integer.toString(core.layers().size()));
    v.put("TIMESTEPS", Integer.toString(core.timesteps()));
    v.put("SET_LOAD_DATA", dw <= 64
        ? "dut->load_bits_data = static_cast<uint64_t>(c.data[0]) | (static_cast<uint64_t>(c.data[1]) << 32);"
        : "for (int k = 0; k < " + ((dw + 31) / 32) + "; ++k) dut->load_bits_data[k] = c.data[k];");
    v.put("SET_ROUNDING", rounding.toString());
    v.put("SET_DROPOUT", dropout ? "          dut->train_bits_" + statePort() + " = c.dropout;" : "          (void)c.dropout;");
    v.put("SET_RATE", hasRate() ? "            dut->train_bits_rateExponent = c.b;" : "            (void)c.b;");
    v.put("WRITE_COUNTS", counts.toString());
    v.put("DATA_DIGITS", Integer.toString((dw + 3) / 4));
    return Template.render(LearnHarness.class, "verilator_learn_harness.cpp", v);
  }

  /** The Icarus Verilog testbench (top module {@value #ICARUS_TOP}). */
  String icarusSource() {
    StringBuilder wires = new StringBuilder();
    StringBuilder conns = new StringBuilder();
    StringBuilder writes = new StringBuilder();
    for (int k = 0; k < core.outputSize(); k++) {
      String n = "out_bits_counts_" + k;
      wires.append(k == 0 ? "" : "\n").append("  wire [").append(core.countWidth() - 1).append(":0] ").append(n).append(';');
      conns.append("    .").append(n).append('(').append(n).append("),\n");
      writes.append(k == 0 ? "" : "\n").append("        $fwrite(fout, \" %0d\", ").append(n).append(");");
    }
    int layers = core.layers().size();
    StringBuilder regs = new StringBuilder();
    StringBuilder cmdRegs = new StringBuilder();
    StringBuilder rconns = new StringBuilder();
    StringBuilder format = new StringBuilder();
    StringBuilder args = new StringBuilder();
    StringBuilder set = new StringBuilder();
    // the script carries every LFSR state; the core has ports only for those it uses (as in the C++ main)
    boolean rounding = rounds();
    boolean dropout = statePort() != null;
    for (int l = 0; l < layers; l++) {
      String n = "train_bits_roundingStates_" + l;
      cmdRegs.append(l == 0 ? "" : "\n").append("  reg [31:0] c_rounding_").append(l).append(';');
      format.append(" %h");
      args.append(", c_rounding_").append(l);
      if (rounding) {
        regs.append(l == 0 ? "" : "\n").append("  reg [31:0] ").append(n).append(" = 0;");
        rconns.append("    .").append(n).append('(').append(n).append("),\n");
        set.append(l == 0 ? "" : "\n").append("          ").append(n).append(" = c_rounding_").append(l).append(';');
      }
    }
    Map<String, String> v = new LinkedHashMap<>();
    v.put("TOP", HwCore.TOP);
    v.put("INDEX_WIDTH", Integer.toString(core.indexWidth()));
    v.put("PREDICTION_WIDTH", Integer.toString(core.predictionWidth()));
    v.put("STEP_WIDTH", Integer.toString(HwCore.STEP_WIDTH));
    v.put("COUNT_WIRES", wires.toString());
    v.put("LAYER_WIDTH", Integer.toString(core.layerWidth()));
    v.put("NEURON_WIDTH", Integer.toString(core.neuronWidth()));
    v.put("TRACE_LANES", Integer.toString(core.traceLanes()));
    v.put("MEMBRANES_WIDTH", Integer.toString(core.traceLanes() * core.traceMembraneWidth()));
    v.put("LOAD_MEMORY_WIDTH", Integer.toString(core.loadMemoryWidth()));
    v.put("LOAD_ADDRESS_WIDTH", Integer.toString(core.loadAddressWidth()));
    v.put("LOAD_DATA_WIDTH", Integer.toString(core.loadDataWidth()));
    v.put("RATE_REG", hasRate()
        ? "  reg [" + core.learning().rateExponentWidth() + "-1:0] train_bits_rateExponent = 0;"
        : "  // the core has no learning-rate register");
    v.put("RATE_CONNECTION", hasRate() ? "    .train_bits_rateExponent(train_bits_rateExponent),\n" : "");
    v.put("SET_RATE", hasRate() ? "            train_bits_rateExponent = c_rate;" : "            // no learning-rate register");
    v.put("ROUNDING_REGS", regs.toString());
    v.put("COUNT_CONNECTIONS", conns.toString().stripTrailing());
    v.put("ROUNDING_CONNECTIONS", rconns.toString().stripTrailing());
    v.put("ROUNDING_CMD_REGS", cmdRegs.toString());
    v.put("ROUNDING_FORMAT", format.toString());
    v.put("ROUNDING_ARGS", args.toString());
    v.put("R_FIELDS", Integer.toString(3 + layers));
    v.put("TIMESTEPS", Integer.toString(core.timesteps()));
    v.put("SET_ROUNDING", set.toString());
    String sp = "train_bits_" + statePort();
    v.put("DROPOUT_REG", dropout ? "  reg [31:0] " + sp + " = 0;" : "  // the core draws no dropout masks");
    v.put("DROPOUT_CONNECTION", dropout ? "    ." + sp + "(" + sp + "),\n" : "");
    v.put("SET_DROPOUT", dropout ? "          " + sp + " = c_dropout;" : "          // no dropout state");
    v.put("WRITE_COUNTS", writes.toString());
    return Template.render(LearnHarness.class, "icarus_learn_tb.v", v);
  }

  /** Whether the core's training command has a learning-rate exponent (the desire unit's; a three-factor unit has none). */
  private boolean hasRate() {
    return core.learning() != null;
  }

  /** Whether the training command carries each layer's rounding LFSR start state (K > 0). */
  private boolean rounds() {
    return core.learning() != null ? core.learning().roundingBits() > 0 : core.threeFactorLearning().roundingBits() > 0;
  }

  /**
   * The training command's field that the script's third field (the sample's other LFSR state) goes to: the desire
   * unit's {@code dropoutState} (with dropout), a three-factor unit's {@code feedbackState} (random feedback), or
   * null when the core has no such field.
   */
  String statePort() {
    return statePort(core);
  }

  static String statePort(HwCore core) {
    if (core.learning() != null) {
      return core.learning().drawsDropout() ? "dropoutState" : null;
    }
    return core.threeFactorLearning().randomFeedback() ? "feedbackState" : null;
  }

  /** The top module of the Icarus testbench. */
  static final String ICARUS_TOP = "spikeforge_learn_tb";
}
