package dev.spikeforge.testbenches;

import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.hwgen.HwGen;
import dev.spikeforge.hwgen.HwPort;
import dev.spikeforge.simkit.SimulationException;
import dev.spikeforge.simkit.Template;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A clocked, stream-driven harness around the neuron-array core: drives `in` from a beats file,
 * always accepts `out` and `trace`, and logs them (format in {@code verilator_stream_harness.cpp}).
 * Every port name and width comes from the hardware spec the core was generated from; {@link
 * #checkPorts} compares them with the ports the elaboration reported (the manifest's).
 *
 * @param verilog the core's RTL
 * @param core the hardware spec it was generated from
 */
public record StreamHarness(Path verilog, HwCore core) {
  public String top() {
    return HwCore.TOP;
  }

  /** The ports the core must have, in declaration order. */
  public List<HwPort> expectedPorts() {
    List<HwPort> p = new ArrayList<>();
    p.add(new HwPort("clock", 1, false, true));
    p.add(new HwPort("reset", 1, false, true));
    p.add(new HwPort("in_ready", 1, false, false));
    p.add(new HwPort("in_valid", 1, false, true));
    p.add(new HwPort("in_bits_index", core.indexWidth(), false, true));
    p.add(new HwPort("in_bits_endOfStep", 1, false, true));
    p.add(new HwPort("out_ready", 1, false, true));
    p.add(new HwPort("out_valid", 1, false, false));
    p.add(new HwPort("out_bits_prediction", core.predictionWidth(), false, false));
    p.add(new HwPort("out_bits_unique", 1, false, false));
    p.add(new HwPort("out_bits_decisionStep", HwCore.STEP_WIDTH, false, false));
    for (int k = 0; k < core.outputSize(); k++) {
      p.add(new HwPort("out_bits_counts_" + k, core.countWidth(), false, false));
    }
    p.add(new HwPort("trace_valid", 1, false, false));
    p.add(new HwPort("trace_bits_step", HwCore.STEP_WIDTH, false, false));
    p.add(new HwPort("trace_bits_layer", core.layerWidth(), false, false));
    p.add(new HwPort("trace_bits_neuron", core.neuronWidth(), false, false));
    p.add(new HwPort("trace_bits_spikes", core.traceLanes(), false, false));
    p.add(new HwPort("trace_bits_membranes", core.traceLanes() * core.traceMembraneWidth(), false, false));
    if (HwGen.hasLoadPort(core)) {
      p.add(new HwPort("load_ready", 1, false, false));
      p.add(new HwPort("load_valid", 1, false, true));
      p.add(new HwPort("load_bits_memory", core.loadMemoryWidth(), false, true));
      p.add(new HwPort("load_bits_address", core.loadAddressWidth(), false, true));
      p.add(new HwPort("load_bits_data", core.loadDataWidth(), false, true));
      p.add(new HwPort("load_bits_last", 1, false, true));
    }
    if (core.learns()) {
      p.addAll(learningPorts(core));
    }
    return p;
  }

  /**
   * Checks that {@code actual} (the elaborated ports) are the ports this harness drives.
   *
   * @throws SimulationException naming the first port that differs
   */
  public void checkPorts(List<HwPort> actual) {
    List<HwPort> expected = expectedPorts();
    for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
      HwPort e = i < expected.size() ? expected.get(i) : null;
      HwPort a = i < actual.size() ? actual.get(i) : null;
      if (e == null || !e.equals(a)) {
        throw new SimulationException("the core's port " + i + " is " + a + " but the stream harness expects " + e);
      }
    }
  }

  /**
   * The ports a learning core adds (docs/hardware.md §7.1): the training command and the weight readback.
   * The stream harnesses hold {@code train_valid} and {@code peek_valid} low: every sample is an inference.
   */
  static List<HwPort> learningPorts(HwCore core) {
    List<HwPort> p = new ArrayList<>();
    p.add(new HwPort("train_ready", 1, false, false));
    p.add(new HwPort("train_valid", 1, false, true));
    p.add(new HwPort("train_bits_label", core.predictionWidth(), false, true));
    if (core.learning() != null) {
      p.add(new HwPort("train_bits_rateExponent", core.learning().rateExponentWidth(), false, true));
    }
    String state = LearnHarness.statePort(core);
    if (state != null) {
      p.add(new HwPort("train_bits_" + state, 32, false, true));
    }
    int rounding = core.learning() != null ? core.learning().roundingBits() : core.threeFactorLearning().roundingBits();
    for (int l = 0; rounding > 0 && l < core.layers().size(); l++) {
      p.add(new HwPort("train_bits_roundingStates_" + l, 32, false, true));
    }
    p.add(new HwPort("trainHold", 1, false, false));
    p.add(new HwPort("peek_ready", 1, false, false));
    p.add(new HwPort("peek_valid", 1, false, true));
    p.add(new HwPort("peek_bits_memory", core.loadMemoryWidth(), false, true));
    p.add(new HwPort("peek_bits_address", core.loadAddressWidth(), false, true));
    p.add(new HwPort("peekData_valid", 1, false, false));
    p.add(new HwPort("peekData_bits", core.loadDataWidth(), false, false));
    return p;
  }

  private int spikeDigits() {
    return (core.traceLanes() + 3) / 4;
  }

  private int membraneDigits() {
    return (core.traceLanes() * core.traceMembraneWidth() + 3) / 4;
  }

  /** The Verilator C++ main. */
  String verilatorSource() {
    StringBuilder counts = new StringBuilder();
    for (int k = 0; k < core.outputSize(); k++) {
      counts.append(k == 0 ? "" : "\n").append("      std::fprintf(out, \" %u\", static_cast<unsigned>(dut->out_bits_counts_")
          .append(k).append("));");
    }
    Map<String, String> v = new LinkedHashMap<>();
    v.put("TOP", top());
    v.put("SPIKE_DIGITS", Integer.toString(spikeDigits()));
    v.put("MEMBRANE_DIGITS", Integer.toString(membraneDigits()));
    v.put("WRITE_COUNTS", counts.toString());
    int dw = core.loadDataWidth();
    String setData;
    if (dw <= 64) {
      setData = "dut->load_bits_data = static_cast<uint64_t>(l.data[0]) | (static_cast<uint64_t>(l.data[1]) << 32);";
    } else {
      setData = "for (int k = 0; k < " + ((dw + 31) / 32) + "; ++k) dut->load_bits_data[k] = l.data[k];";
    }
    v.put("LOAD_WORDS", Integer.toString(Math.max(2, (dw + 31) / 32)));
    v.put("SET_LOAD_DATA", setData);
    v.put("HAS_LOAD_PORT", HwGen.hasLoadPort(core) ? "1" : "0");
    v.put("HAS_LEARNING_PORTS", core.learns() ? "1" : "0");
    return Template.render(StreamHarness.class, "verilator_stream_harness.cpp", v);
  }

  /** The Icarus Verilog testbench. */
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
    Map<String, String> v = new LinkedHashMap<>();
    v.put("TOP", top());
    v.put("INDEX_WIDTH", Integer.toString(core.indexWidth()));
    v.put("PREDICTION_WIDTH", Integer.toString(core.predictionWidth()));
    v.put("STEP_WIDTH", Integer.toString(HwCore.STEP_WIDTH));
    v.put("COUNT_WIRES", wires.toString());
    v.put("LAYER_WIDTH", Integer.toString(core.layerWidth()));
    v.put("NEURON_WIDTH", Integer.toString(core.neuronWidth()));
    v.put("TRACE_LANES", Integer.toString(core.traceLanes()));
    v.put("MEMBRANES_WIDTH", Integer.toString(core.traceLanes() * core.traceMembraneWidth()));
    v.put("COUNT_CONNECTIONS", conns.toString().stripTrailing());
    v.put("WRITE_COUNTS", writes.toString());
    v.put("LOAD_MEMORY_WIDTH", Integer.toString(core.loadMemoryWidth()));
    v.put("LOAD_ADDRESS_WIDTH", Integer.toString(core.loadAddressWidth()));
    v.put("LOAD_DATA_WIDTH", Integer.toString(core.loadDataWidth()));
    boolean load = HwGen.hasLoadPort(core);
    v.put("LOAD_READY_WIRE", load ? "  wire load_ready;" : "  wire load_ready = 1'b0; // the core has no load port");
    v.put("LOAD_CONNECTIONS", !load ? "" : String.join("\n", ",", "    .load_ready(load_ready),",
        "    .load_valid(load_valid),", "    .load_bits_memory(load_bits_memory),",
        "    .load_bits_address(load_bits_address),", "    .load_bits_data(load_bits_data),",
        "    .load_bits_last(load_bits_last)"));
    StringBuilder learning = new StringBuilder();
    StringBuilder learningWires = new StringBuilder();
    if (core.learns()) {
      // inputs held low (every sample an inference), outputs on wires nobody reads
      for (HwPort port : learningPorts(core)) {
        String net = port.input() ? port.width() + "'d0" : "learn_" + port.name();
        if (!port.input()) {
          learningWires.append("\n  wire [").append(port.width() - 1).append(":0] ").append(net).append(';');
        }
        learning.append(",\n    .").append(port.name()).append('(').append(net).append(')');
      }
    }
    v.put("LEARNING_CONNECTIONS", learning.toString());
    v.put("LEARNING_WIRES", learningWires.toString());
    return Template.render(StreamHarness.class, "icarus_stream_tb.v", v);
  }
}
