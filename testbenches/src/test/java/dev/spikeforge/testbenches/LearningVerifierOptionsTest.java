package dev.spikeforge.testbenches;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.testbenches.LearningVerifier.Mismatch;
import dev.spikeforge.testbenches.LearningVerifier.Options;
import dev.spikeforge.testbenches.LearningVerifier.Report;
import dev.spikeforge.testbenches.LearningVerifier.Sim;
import dev.spikeforge.testbenches.LearningVerifier.SimulatorReport;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** LearningVerifier's options, simulator names and reports, without a simulator. */
@Tag("unit")
class LearningVerifierOptionsTest {
  @Test
  void theFourFieldOptionsRunVerilatorWithAWaveformAndReportInTheWorkDir() {
    Options o = new Options(Path.of("w"), 1, 5, Path.of("img"));
    assertEquals(List.of(Sim.VERILATOR), o.simulators());
    assertTrue(o.waveformOnMismatch());
    assertEquals(Path.of("w").toAbsolutePath(), o.reports());
    assertEquals(Path.of("r").toAbsolutePath(), o.withReportDir(Path.of("r")).reports());
    assertEquals(List.of(Sim.ICARUS), o.withSimulators(Sim.ICARUS).simulators());
    assertFalse(o.withWaveformOnMismatch(false).waveformOnMismatch());
  }

  @Test
  void simulatorNames() {
    assertEquals(List.of(Sim.VERILATOR), Sim.parse("verilator"));
    assertEquals(List.of(Sim.ICARUS), Sim.parse("Icarus"));
    assertEquals(List.of(Sim.VERILATOR, Sim.ICARUS), Sim.parse("both"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sim.parse("vcs"));
    assertTrue(e.getMessage().contains("'vcs'") && e.getMessage().contains("verilator, icarus or both"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Options(Path.of("w"), 0, 0, Path.of("i"))
        .withSimulators(Sim.ICARUS, Sim.ICARUS));
    assertThrows(IllegalArgumentException.class, () -> new Options(Path.of("w"), 0, 0, Path.of("i"))
        .withSimulators(List.of()));
  }

  @Test
  void aReportFailsIfAnySimulatorFailsAndNamesItsWaveform() {
    Mismatch m = new Mismatch(3, 1, "shadow weight", 7, 7, 2, 5, 4, "bits 0101 expected, 0100 RTL");
    assertEquals("sample 3, layer 1, weight word 7: shadow weight of synapse (input 7 → neuron 2) expected 5, RTL 4"
        + " (bits 0101 expected, 0100 RTL)", m.describe());
    assertEquals("sample 3, layer 1, neuron 2: output spike count expected 5, RTL 4",
        new Mismatch(3, 1, "output spike count", -1, -1, 2, 5, 4).describe());
    SimulatorReport ok = new SimulatorReport("verilator", "5", 10, 10, 100, 1, null, null, null);
    SimulatorReport bad = new SimulatorReport("icarus", "11", 10, 3, 100, 2, m, Path.of("icarus-learn-sample3.vcd"),
        Path.of("learn-mismatch-icarus.txt"));
    Report r = new Report(10, 3, 100, 3, m, List.of(ok, bad));
    assertFalse(r.passed());
    assertEquals(Path.of("icarus-learn-sample3.vcd"), r.waveform());
    assertTrue(r.describe().contains("verilator: 10/10 samples bit-exact"), r.describe());
    assertTrue(r.describe().contains("icarus: sample 3, layer 1"), r.describe());
    Report good = new Report(10, 10, 100, 1, null, List.of(ok));
    assertTrue(good.passed());
    assertNull(good.waveform());
    assertTrue(new Report(10, 10, 100, 1, null).passed());
  }
}
