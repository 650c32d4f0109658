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
import java.util.Locale;
import java.util.Map;

/**
 * Icarus Verilog behind {@link PinSimulator}: the design and a generated testbench are compiled with
 * {@code iverilog -g2012 -Wall}; any warning fails the build.
 */
public final class IcarusPinSimulator implements PinSimulator {
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(2);
  private static final String TB = "spikeforge_pin_tb";
  private final Tools tools;

  public IcarusPinSimulator() {
    this(Tools.system());
  }

  public IcarusPinSimulator(Tools tools) {
    this.tools = tools;
  }

  @Override
  public String name() {
    return "icarus";
  }

  @Override
  public Build compile(PinHarness h, Path workDir) {
    tools.requireAll("iverilog", "vvp");
    Path dir = workDir.toAbsolutePath();
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("pin_tb.v"), source(h));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Icarus testbench in " + dir, e);
    }
    List<String> cmd = new ArrayList<>(List.of("iverilog", "-g2012", "-Wall", "-DENABLE_INITIAL_MEM_", "-s", TB,
        "-o", "sim.vvp"));
    for (Path v : h.verilog()) {
      cmd.add(v.toAbsolutePath().toString());
    }
    cmd.add("pin_tb.v");
    Path log = dir.resolve("build.log");
    ProcessRunner.Outcome o;
    try {
      o = ProcessRunner.run(cmd, dir, log, BUILD_TIMEOUT, "Icarus build of " + h.top());
    } catch (RuntimeException e) {
      throw new SimulatorException(e.getMessage(), e);
    }
    if (o.exitCode() != 0 || o.logText().toLowerCase(Locale.ROOT).contains("warning")) {
      throw new SimulatorException("Icarus build of the pin testbench of " + h.top()
          + (o.exitCode() != 0 ? " failed (exit code " + o.exitCode() + ")" : " reported warnings (treated as errors)")
          + "\n" + ProcessRunner.describe(cmd, dir, log));
    }
    return () -> new ProcessPinSession(h, name(), List.of("vvp", "-n", "sim.vvp"), dir);
  }

  static String source(PinHarness h) {
    StringBuilder decl = new StringBuilder();
    StringBuilder conn = new StringBuilder();
    StringBuilder drive = new StringBuilder();
    StringBuilder samples = new StringBuilder();
    for (int i = 0; i < h.inputs().size(); i++) {
      PinHarness.Port p = h.inputs().get(i);
      decl.append(String.format("  reg %sin_%s = %d'h%x;%n", range(p), p.name(), p.width(), p.initial()));
      conn.append(String.format("    .%s(in_%s),%n", p.name(), p.name()));
      drive.append(String.format("          %d: in_%s = value[%d:0];%n", i, p.name(), p.width() - 1));
    }
    for (int i = 0; i < h.outputs().size(); i++) {
      PinHarness.Port p = h.outputs().get(i);
      decl.append(String.format("  wire %sout_%s;%n", range(p), p.name()));
      conn.append(String.format("    .%s(out_%s),%n", p.name(), p.name()));
      samples.append(String.format(
          "      if (first || out_%s !== prev[%d][%d:0]) $fdisplay(STDOUT, \"C %%0d %d %%h\", cycle, out_%s);%n",
          p.name(), i, p.width() - 1, i, p.name()));
      samples.append(String.format("      prev[%d] = out_%s;%n", i, p.name()));
    }
    String connections = conn.toString().stripTrailing();
    connections = connections.substring(0, connections.length() - 1); // no comma after the last
    Map<String, String> v = new LinkedHashMap<>();
    v.put("TOP", h.top());
    v.put("CLOCK", h.clock());
    v.put("DECLARATIONS", decl.toString().stripTrailing());
    v.put("OUTPUT_COUNT", Integer.toString(h.outputs().size()));
    v.put("CONNECTIONS", connections);
    v.put("SAMPLES", samples.toString().stripTrailing());
    v.put("DRIVE_CASES", drive.toString().stripTrailing());
    return Templates.render("icarus_pin_tb.v", v);
  }

  private static String range(PinHarness.Port p) {
    return p.width() == 1 ? "" : "[" + (p.width() - 1) + ":0] ";
  }
}
