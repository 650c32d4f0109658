package dev.spikeforge.simkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.toolchain.ToolMissingException;
import dev.spikeforge.toolchain.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The kit's runners on a tiny design: same results in both, timeouts, clear build failures. */
@Tag("sim")
class RunnerSimTest {
  private static final Path WORK = Path.of("target", "sim", "RunnerSimTest").toAbsolutePath();
  private static final List<String> SUMS = List.of("101", "102", "103", "104", "105", "106");

  @BeforeEach
  void requireSimulators() {
    try {
      Tools.system().requireVerilator();
      Tools.system().requireIcarus();
    } catch (ToolMissingException e) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw e;
      }
      Assumptions.assumeTrue(false, e.getMessage());
    }
  }

  @Test
  void verilatorRunsTheAdder() throws IOException {
    Path dir = WORK.resolve("verilator");
    Bench bench = Bench.of("adder", List.of(copy("adder.v", dir), copy("adder_harness.cpp", dir)), "the adder bench");
    Build build = Runner.verilator().build(bench, dir);
    String out = build.run(List.of("6"), dir, dir.resolve("run.log"), Duration.ofMinutes(1), "adder");
    assertEquals(SUMS, out.lines().toList());
  }

  @Test
  void icarusRunsTheAdder() throws IOException {
    Path dir = WORK.resolve("icarus");
    Bench bench = Bench.of("adder_tb", List.of(copy("adder.v", dir), copy("adder_tb.v", dir)), "the adder bench");
    Build build = Runner.icarus().build(bench, dir);
    String out = build.run(List.of("+n=6"), dir, dir.resolve("run.log"), Duration.ofMinutes(1), "adder");
    assertEquals(SUMS, out.lines().filter(l -> l.matches("[0-9a-f]{3}")).toList());
  }

  @Test
  void aSimulationThatDoesNotEndIsStoppedByItsTimeout() throws IOException {
    Path dir = WORK.resolve("timeout");
    Build build = Runner.icarus().build(Bench.of("forever_tb", List.of(copy("forever_tb.v", dir)), "forever"), dir);
    long start = System.nanoTime();
    SimulationException e = assertThrows(SimulationException.class,
        () -> build.run(List.of(), dir, dir.resolve("run.log"), Duration.ofSeconds(2), "forever_tb"));
    assertTrue(e.getMessage().startsWith("Icarus run of forever_tb timed out after 2 s"), e.getMessage());
    assertTrue(System.nanoTime() - start < Duration.ofSeconds(30).toNanos(), "the run was not stopped");
  }

  @Test
  void aCompileErrorNamesTheToolAndTheFile() throws IOException {
    Path dir = Files.createDirectories(WORK.resolve("broken"));
    Path broken = Files.writeString(dir.resolve("broken.v"), "module broken(input a, output y);\n  assign y = ;\nendmodule\n");
    Path cpp = copy("adder_harness.cpp", dir);
    SimulationException v = assertThrows(SimulationException.class, () -> Runner.verilator()
        .build(Bench.of("broken", List.of(broken, cpp), "the broken bench"), dir.resolve("verilator")));
    String headline = v.getMessage().lines().findFirst().orElseThrow();
    assertTrue(headline.startsWith("Verilator build of the broken bench failed"), headline);
    assertTrue(headline.contains("broken.v:2"), headline);

    SimulationException i = assertThrows(SimulationException.class, () -> Runner.icarus()
        .build(Bench.of("broken", List.of(broken), "the broken bench"), dir.resolve("icarus")));
    headline = i.getMessage().lines().findFirst().orElseThrow();
    assertTrue(headline.startsWith("Icarus build of the broken bench failed"), headline);
    assertTrue(headline.contains("broken.v:2"), headline);
  }

  @Test
  void warningsAreErrorsInBothSimulators() throws IOException {
    Path dir = Files.createDirectories(WORK.resolve("warning"));
    Path v = Files.writeString(dir.resolve("narrow.v"), "module narrow(input [3:0] a, input [3:0] b, output [3:0] y);\n"
        + "  assign y = a;\nendmodule\n");
    Path tb = Files.writeString(dir.resolve("narrow_tb.v"), "module narrow_tb;\n  reg [7:0] a = 8'd0;\n"
        + "  wire [3:0] y;\n  narrow dut(.a(a), .b(4'd0), .y(y));\nendmodule\n");
    Path cpp = copy("adder_harness.cpp", dir);
    SimulationException ve = assertThrows(SimulationException.class, () -> Runner.verilator()
        .build(Bench.of("narrow", List.of(v, cpp), "the narrow bench"), dir.resolve("verilator")));
    assertTrue(ve.getMessage().contains("UNUSED"), ve.getMessage());
    SimulationException ie = assertThrows(SimulationException.class, () -> Runner.icarus()
        .build(Bench.of("narrow_tb", List.of(v, tb), "the narrow bench"), dir.resolve("icarus")));
    assertTrue(ie.getMessage().startsWith("Icarus build of the narrow bench reported warnings (treated as errors)"),
        ie.getMessage());
  }

  @Test
  void runnersReportTheirVersions() {
    assertTrue(Runner.verilator().version().startsWith("Verilator "), Runner.verilator().version());
    assertTrue(Runner.icarus().version().startsWith("Icarus Verilog version "), Runner.icarus().version());
  }

  private static Path copy(String resource, Path dir) throws IOException {
    Files.createDirectories(dir);
    return Files.writeString(dir.resolve(resource), Template.resource(RunnerSimTest.class, resource));
  }
}
