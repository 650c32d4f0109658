package dev.spikeforge.boards.sim;

import dev.spikeforge.boards.flow.ProcessRunner;
import dev.spikeforge.toolchain.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Verilator behind {@link PinSimulator}: the design is verilated with {@code -Wall} and the
 * firtool waivers ({@code verilator_waivers.vlt}); any other warning fails the build, as in
 * testbenches' VerilatorSimulator.
 */
public final class VerilatorPinSimulator implements PinSimulator {
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);
  private final Tools tools;
  private final int buildJobs;

  public VerilatorPinSimulator() {
    this(Tools.system(), 2);
  }

  public VerilatorPinSimulator(Tools tools, int buildJobs) {
    this.tools = tools;
    this.buildJobs = buildJobs;
  }

  @Override
  public String name() {
    return "verilator";
  }

  @Override
  public Build compile(PinHarness h, Path workDir) {
    tools.requireAll("verilator", "make", "g++");
    Path dir = workDir.toAbsolutePath();
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("verilator_waivers.vlt"), Templates.resource("verilator_waivers.vlt"));
      Files.writeString(dir.resolve("pin_harness.cpp"), source(h));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Verilator harness in " + dir, e);
    }
    List<String> cmd = new ArrayList<>(List.of("verilator", "-Wall", "--cc", "--exe", "--build", "-j",
        Integer.toString(buildJobs), "--prefix", "Vdut", "--top-module", h.top(), "-Mdir", "obj", "-o", "pin_harness",
        "verilator_waivers.vlt"));
    for (Path v : h.verilog()) {
      cmd.add(v.toAbsolutePath().toString());
    }
    cmd.add("pin_harness.cpp");
    Path log = dir.resolve("build.log");
    ProcessRunner.Outcome o;
    try {
      o = ProcessRunner.run(cmd, dir, log, BUILD_TIMEOUT, "Verilator build of " + h.top());
    } catch (RuntimeException e) {
      throw new SimulatorException(e.getMessage(), e);
    }
    if (o.exitCode() != 0) {
      throw new SimulatorException("Verilator build of the pin harness of " + h.top() + " failed (exit code "
          + o.exitCode() + ")\n" + ProcessRunner.describe(cmd, dir, log));
    }
    Path exe = dir.resolve("obj").resolve("pin_harness");
    if (!Files.isExecutable(exe)) {
      throw new SimulatorException("Verilator build of " + h.top() + " reported success but " + exe + " is missing");
    }
    return () -> new ProcessPinSession(h, name(), List.of(exe.toString()), dir);
  }

  static String source(PinHarness h) {
    StringBuilder init = new StringBuilder();
    StringBuilder drive = new StringBuilder();
    for (int i = 0; i < h.inputs().size(); i++) {
      PinHarness.Port p = h.inputs().get(i);
      init.append(String.format("  dut->%s = %s;%n", p.name(), literal(p.initial())));
      drive.append(String.format("        case %d: dut->%s = v & %sULL; break;%n", i, p.name(), mask(p.width())));
    }
    List<String> samples = new ArrayList<>();
    for (PinHarness.Port p : h.outputs()) {
      samples.add("static_cast<uint64_t>(dut->" + p.name() + ")");
    }
    Map<String, String> v = new LinkedHashMap<>();
    v.put("TOP", h.top());
    v.put("CLOCK", h.clock());
    v.put("OUTPUT_COUNT", Integer.toString(h.outputs().size()));
    v.put("INIT_INPUTS", init.toString().stripTrailing());
    v.put("DRIVE_CASES", drive.toString().stripTrailing());
    v.put("SAMPLE_OUTPUTS", String.join(", ", samples));
    return Templates.render("verilator_pin_harness.cpp", v);
  }

  private static String literal(long value) {
    return Long.toUnsignedString(value) + "ULL";
  }

  private static String mask(int width) {
    return width == 64 ? "0xffffffffffffffff" : "0x" + Long.toHexString((1L << width) - 1);
  }
}
