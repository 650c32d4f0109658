package dev.spikeforge.boards.sim;

import dev.spikeforge.simkit.Bench;
import dev.spikeforge.simkit.IcarusRunner;
import dev.spikeforge.simkit.Template;
import dev.spikeforge.toolchain.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pin harness in Icarus Verilog: this class writes its Verilog testbench ({@code
 * icarus_pin_tb.v}, the driver and monitor of the pin protocol) and builds it with the design through
 * the simulator kit's {@link IcarusRunner} ({@code -g2012 -Wall}; any warning fails the build).
 */
public final class IcarusPinSimulator implements PinSimulator {
  private static final String TB = "spikeforge_pin_tb";
  private final IcarusRunner runner;

  public IcarusPinSimulator() {
    this(Tools.system());
  }

  public IcarusPinSimulator(Tools tools) {
    this.runner = new IcarusRunner(tools);
  }

  @Override
  public String name() {
    return runner.name();
  }

  @Override
  public Build compile(PinHarness h, Path workDir) {
    Path dir = workDir.toAbsolutePath();
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("pin_tb.v"), source(h));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Icarus testbench in " + dir, e);
    }
    List<Path> sources = new ArrayList<>();
    h.verilog().forEach(v -> sources.add(v.toAbsolutePath()));
    sources.add(Path.of("pin_tb.v"));
    Bench bench = Bench.of(TB, sources, "the pin testbench of " + h.top()).withFlags(List.of("-DENABLE_INITIAL_MEM_"));
    dev.spikeforge.simkit.Build build = runner.build(bench, dir);
    return () -> new ProcessPinSession(h, build);
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
    return Template.render(IcarusPinSimulator.class, "icarus_pin_tb.v", v);
  }

  private static String range(PinHarness.Port p) {
    return p.width() == 1 ? "" : "[" + (p.width() - 1) + ":0] ";
  }
}
