package dev.spikeforge.testbenches;

import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.simkit.Template;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The clocked harness of a learning core (docs/hardware.md §7): works through a script of load beats,
 * training commands, input beats and weight-readback requests in order, and logs output beats and
 * readback words (format in {@code verilator_learn_harness.cpp}). Port names and widths come from the
 * hardware spec.
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
    boolean dropout = java.util.Arrays.stream(core.learning().dropoutThresholds()).anyMatch(p -> p > 0);
    for (int l = 0; core.learning().roundingBits() > 0 && l < core.layers().size(); l++) {
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
    v.put("SET_DROPOUT", dropout ? "          dut->train_bits_dropoutState = c.dropout;" : "          (void)c.dropout;");
    v.put("WRITE_COUNTS", counts.toString());
    v.put("DATA_DIGITS", Integer.toString((dw + 3) / 4));
    return Template.render(LearnHarness.class, "verilator_learn_harness.cpp", v);
  }
}
