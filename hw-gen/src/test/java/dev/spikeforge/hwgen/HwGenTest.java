package dev.spikeforge.hwgen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class HwGenTest {
  private static final Path OUT = Path.of("target", "hwgen-test");

  @Test
  void lifUnitHasItsNameAndOdinStylePortsAtEightBits() throws IOException {
    Path file = HwGen.emitLifNeuronUnit(8, 8, OUT.resolve("m8c8"));
    assertEquals("LifNeuronUnit_m8_c8.sv", file.getFileName().toString());
    String v = Files.readString(file);
    assertTrue(v.contains("module LifNeuronUnit_m8_c8("), v);
    assertEquals(
        List.of(
            "input [6:0] param_threshold",
            "input [2:0] param_leak_shift",
            "input param_reset_zero",
            "input [7:0] state_v",
            "input [7:0] in_current",
            "output [7:0] state_v_next",
            "output spike"),
        portDeclarations(v));
    assertFalse(v.contains("automatic"), "firtool lowering options must avoid automatic locals");
  }

  @Test
  void widthsComeFromTheParameters() throws IOException {
    GeneratedModule m = HwGen.generateLifNeuronUnit(12, 6, OUT.resolve("m12c6"));
    assertEquals("LifNeuronUnit_m12_c6", m.moduleName());
    assertEquals(HwGen.lifNeuronUnitName(12, 6), m.moduleName());
    assertEquals(
        List.of(
            new HwPort("param_threshold", 11, false, true),
            new HwPort("param_leak_shift", 4, false, true),
            new HwPort("param_reset_zero", 1, false, true),
            new HwPort("state_v", 12, true, true),
            new HwPort("in_current", 6, true, true),
            new HwPort("state_v_next", 12, true, false),
            new HwPort("spike", 1, false, false)),
        m.ports());
    assertEquals(
        List.of(
            "input [10:0] param_threshold",
            "input [3:0] param_leak_shift",
            "input param_reset_zero",
            "input [11:0] state_v",
            "input [5:0] in_current",
            "output [11:0] state_v_next",
            "output spike"),
        portDeclarations(Files.readString(m.verilog())));
  }

  @Test
  void pipelinedLifUnitHasTheSamePortsPlusAClockAndNoReset() throws IOException {
    GeneratedModule m = HwGen.generateLifNeuronPipe(16, 9, OUT.resolve("pipe"));
    assertEquals("LifNeuronPipe_m16_c9", m.moduleName());
    assertEquals(3, HwGen.lifNeuronPipeLatency());
    assertEquals(
        List.of(
            new HwPort("clock", 1, false, true),
            new HwPort("param_threshold", 15, false, true),
            new HwPort("param_leak_shift", 4, false, true),
            new HwPort("param_reset_zero", 1, false, true),
            new HwPort("state_v", 16, true, true),
            new HwPort("in_current", 9, true, true),
            new HwPort("state_v_next", 16, true, false),
            new HwPort("spike", 1, false, false)),
        m.ports());
    String v = Files.readString(m.verilog());
    assertTrue(v.contains("always @(posedge clock)"), v);
    assertFalse(v.contains("automatic"), "firtool lowering options must avoid automatic locals");
  }

  @Test
  void outputIsDeterministic() throws IOException {
    byte[] a = Files.readAllBytes(HwGen.emitLifNeuronUnit(8, 8, OUT.resolve("det-a")));
    byte[] b = Files.readAllBytes(HwGen.emitLifNeuronUnit(8, 8, OUT.resolve("det-b")));
    assertArrayEquals(a, b);
    // Nothing but the module file is left in the output directory (no temporaries).
    try (var files = Files.list(OUT.resolve("det-a"))) {
      assertEquals(List.of("LifNeuronUnit_m8_c8.sv"),
          files.map(p -> p.getFileName().toString()).collect(Collectors.toList()));
    }
  }

  @Test
  void rejectsWidthsOutOfRange() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> HwGen.emitLifNeuronUnit(1, 8, OUT));
    assertTrue(e.getMessage().contains("membraneWidth"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> HwGen.emitLifNeuronUnit(8, 0, OUT));
    assertTrue(e.getMessage().contains("currentWidth"), e.getMessage());
  }

  /** The stream interface contract of the core (docs/hardware.md): names, directions and widths. */
  @Test
  void coreHasTheStreamInterfaceOfTheContract() throws IOException {
    dev.spikeforge.golden.spec.hw.HwLayer hidden = new dev.spikeforge.golden.spec.hw.HwLayer(
        dev.spikeforge.golden.spec.LayerKind.DENSE, 20, 12, 4, 4, 10, 0, dev.spikeforge.golden.spec.hw.DelayMode.NONE,
        false, false, dev.spikeforge.golden.spec.hw.SynapseMode.EVENT, 1, dev.spikeforge.golden.spec.hw.SynapseMode.EVENT);
    dev.spikeforge.golden.spec.hw.HwLayer out = new dev.spikeforge.golden.spec.hw.HwLayer(
        dev.spikeforge.golden.spec.LayerKind.DENSE, 12, 3, 3, 6, 14, 0, dev.spikeforge.golden.spec.hw.DelayMode.NONE,
        false, false, dev.spikeforge.golden.spec.hw.SynapseMode.EVENT, 4, dev.spikeforge.golden.spec.hw.SynapseMode.EVENT);
    dev.spikeforge.golden.spec.hw.HwCore core = new dev.spikeforge.golden.spec.hw.HwCore(20, 1, 30,
        dev.spikeforge.golden.spec.ReadoutMode.FIRST_TO_FIRE, 2, List.of(hidden, out));
    GeneratedModule m = HwGen.generateCore(core, OUT.resolve("core"));
    assertEquals("SnnCore", m.moduleName());
    assertEquals(
        List.of(
            new HwPort("clock", 1, false, true),
            new HwPort("reset", 1, false, true),
            new HwPort("in_ready", 1, false, false),
            new HwPort("in_valid", 1, false, true),
            new HwPort("in_bits_index", 5, false, true),
            new HwPort("in_bits_endOfStep", 1, false, true),
            new HwPort("out_ready", 1, false, true),
            new HwPort("out_valid", 1, false, false),
            new HwPort("out_bits_prediction", 2, false, false),
            new HwPort("out_bits_unique", 1, false, false),
            new HwPort("out_bits_decisionStep", 16, false, false),
            new HwPort("out_bits_counts_0", 5, false, false),
            new HwPort("out_bits_counts_1", 5, false, false),
            new HwPort("out_bits_counts_2", 5, false, false),
            new HwPort("trace_valid", 1, false, false),
            new HwPort("trace_bits_step", 16, false, false),
            new HwPort("trace_bits_layer", 1, false, false),
            new HwPort("trace_bits_neuron", 4, false, false),
            new HwPort("trace_bits_spikes", 4, false, false),
            new HwPort("trace_bits_membranes", 4 * 14, false, false)),
        m.ports(), "an all-block-RAM core has no load port");
    String v = Files.readString(m.verilog());
    assertTrue(v.contains("$readmemh(\"mem/layer0_ff.hex\""), "weights load from the build directory's mem/");
    assertTrue(v.contains("`ifdef ENABLE_INITIAL_MEM_"), "memory initialisation sits behind ENABLE_INITIAL_MEM_");
    assertFalse(v.contains("automatic"), "firtool lowering options must avoid automatic locals");
    assertArrayEquals(Files.readAllBytes(m.verilog()),
        Files.readAllBytes(HwGen.generateCore(core, OUT.resolve("core-again")).verilog()), "deterministic");
    assertFalse(v.contains("SB_SPRAM256KA"), "no SPRAM in an all-block-RAM core");

    // the hidden layer's weights in SPRAM: cells instead of an initialised memory, the model for simulators only
    dev.spikeforge.golden.spec.hw.HwCore spram = new dev.spikeforge.golden.spec.hw.HwCore(20, 1, 30,
        dev.spikeforge.golden.spec.ReadoutMode.FIRST_TO_FIRE, 2, List.of(hidden.withMemories(
            dev.spikeforge.golden.spec.hw.MemoryKind.SPRAM, dev.spikeforge.golden.spec.hw.MemoryKind.BLOCK_RAM), out));
    GeneratedModule ms = HwGen.generateCore(spram, OUT.resolve("core-spram"));
    // the load port: 4 memories, the deepest (hidden ff, 20 rows x 3 groups) 60 words, the
    // widest word 18 bits (the output layer's parameters and 3 x 6-bit lanes)
    assertEquals(
        List.of(
            new HwPort("load_ready", 1, false, false),
            new HwPort("load_valid", 1, false, true),
            new HwPort("load_bits_memory", 2, false, true),
            new HwPort("load_bits_address", 6, false, true),
            new HwPort("load_bits_data", 18, false, true),
            new HwPort("load_bits_last", 1, false, true)),
        ms.ports().subList(m.ports().size(), ms.ports().size()), "an SPRAM core has the load port after the others");
    assertEquals(m.ports(), ms.ports().subList(0, m.ports().size()));
    String sv = Files.readString(ms.verilog());
    assertFalse(sv.contains("$readmemh(\"mem/layer0_ff.hex\""), "SPRAM weights have no initial contents");
    assertTrue(sv.contains("$readmemh(\"mem/layer1_ff.hex\""));
    assertTrue(sv.contains("spram_b0_c0 (") && !sv.contains("spram_b0_c1")
        && !sv.contains("spram_b1_c0"), "one SB_SPRAM256KA cell for 16-bit words of 60 words");
    int guard = sv.indexOf("`ifndef SYNTHESIS");
    assertTrue(guard >= 0 && sv.indexOf("\nmodule SB_SPRAM256KA") > guard, "the cell model is hidden from synthesis");
    assertFalse(sv.contains("firrtl_black_box_resource_files"), "no file list in the Verilog");
  }

  @Test
  void reportsToolVersions() {
    assertEquals("6.7.0", HwGen.chiselVersion());
    assertEquals("1.62.1", HwGen.firtoolVersion());
  }

  /**
   * The module header's port list as "input [6:0] name" entries. firtool groups ports that share a
   * direction and type ("input [7:0] a,\n b,"), so a bare name inherits the previous declaration.
   */
  private static List<String> portDeclarations(String verilog) {
    int open = verilog.indexOf('(');
    int close = verilog.indexOf(");", open);
    Pattern decl = Pattern.compile("(input|output)\\s*(\\[[0-9]+:0\\])?\\s*(\\w+)");
    List<String> out = new java.util.ArrayList<>();
    String kind = null;
    for (String item : verilog.substring(open + 1, close).split(",")) {
      String t = item.strip();
      Matcher m = decl.matcher(t);
      if (m.matches()) {
        kind = m.group(1) + (m.group(2) == null ? "" : " " + m.group(2));
        out.add(kind + " " + m.group(3));
      } else {
        out.add(kind + " " + t);
      }
    }
    return out;
  }
}
