package dev.spikeforge.testbenches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.hwgen.HwGen;
import dev.spikeforge.simkit.SimulationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The simulators' own checks: lint, warnings as errors, tool versions. */
@Tag("sim")
class SimulatorToolingTest {
  private static final Path WORK = Path.of("target", "sim", "SimulatorToolingTest");

  @BeforeEach
  void requireTools() {
    SimTools.requireVerilatorAndIcarus();
  }

  /** The generated unit passes verilator --lint-only -Wall with only the checked-in waivers. */
  @Test
  void generatedLifUnitsAreLintClean() {
    VerilatorSimulator verilator = new VerilatorSimulator();
    for (int[] mc : new int[][] {{8, 8}, {12, 6}, {16, 20}}) {
      Path v = HwGen.emitLifNeuronUnit(mc[0], mc[1], WORK.resolve("rtl"));
      String name = HwGen.lifNeuronUnitName(mc[0], mc[1]);
      String out = verilator.lint(v, name, WORK.resolve("lint-" + name));
      assertEquals("", out.strip(), "lint output of " + name);
    }
  }

  /** A design with a lint warning must not build: -Wall warnings are errors. */
  @Test
  void verilatorWarningsFailTheBuild() throws IOException {
    Path dir = Files.createDirectories(WORK.resolve("warning"));
    Path v = dir.resolve("unused_input.sv");
    Files.writeString(v, "module unused_input(input [3:0] a, input [3:0] b, output [3:0] y);\n"
        + "  assign y = a;\nendmodule\n");
    VectorHarness h = new VectorHarness(v, "unused_input",
        List.of(new Port("a", 4, false), new Port("b", 4, false)), List.of(new Port("y", 4, false)));
    SimulationException e = assertThrows(SimulationException.class,
        () -> new VerilatorSimulator().compile(h, dir.resolve("verilator")));
    assertTrue(e.getMessage().contains("UNUSED"), e.getMessage());
  }

  /** Icarus is 4-state: an undriven output is reported, not read as a number. */
  @Test
  void icarusReportsUndrivenOutputs() throws IOException {
    Path dir = Files.createDirectories(WORK.resolve("undriven"));
    Path v = dir.resolve("half_driven.sv");
    Files.writeString(v, "module half_driven(input [3:0] a, output [3:0] y, output [3:0] z);\n"
        + "  assign y = a;\n  assign z = 4'bzzzz;\nendmodule\n");
    VectorHarness h = new VectorHarness(v, "half_driven",
        List.of(new Port("a", 4, false)), List.of(new Port("y", 4, false), new Port("z", 4, false)));
    SimulationException e = assertThrows(SimulationException.class,
        () -> new IcarusSimulator().run(h, dir.resolve("icarus"), new long[][] {{3}}));
    assertTrue(e.getMessage().contains("output z of vector 0 is Z"), e.getMessage());
  }

  @Test
  void simulatorsReportTheirVersions() {
    assertTrue(new VerilatorSimulator().version().startsWith("Verilator "), new VerilatorSimulator().version());
    assertTrue(new IcarusSimulator().version().startsWith("Icarus Verilog version "), new IcarusSimulator().version());
  }
}
