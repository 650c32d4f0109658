package dev.spikeforge.testbenches;

import dev.spikeforge.toolchain.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Icarus Verilog behind the {@link Simulator} interface: a generated Verilog testbench ({@code
 * icarus_vector_tb.v}) reads the vectors with {@code $fscanf} and writes the outputs with {@code
 * $fdisplay}. The design is compiled with {@code iverilog -g2012 -Wall}; any warning fails the
 * build, as with Verilator.
 */
public final class IcarusSimulator implements Simulator {
  private static final String TB_TEMPLATE = "icarus_vector_tb.v";
  private static final String TB_MODULE = "spikeforge_vector_tb";
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);

  @Override
  public String name() {
    return "icarus";
  }

  @Override
  public String version() {
    return Tools.system().require("iverilog").version();
  }

  @Override
  public CompiledHarness compile(VectorHarness harness, Path workDir) {
    Tools.system().requireIcarus();
    Path dir;
    try {
      dir = Files.createDirectories(workDir.toAbsolutePath());
      Files.writeString(dir.resolve("vector_tb.v"), testbenchSource(harness));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Icarus testbench in " + workDir, e);
    }
    List<String> cmd = List.of("iverilog", "-g2012", "-Wall", "-s", TB_MODULE, "-o", "sim.vvp",
        harness.verilog().toAbsolutePath().toString(), "vector_tb.v");
    Path log = dir.resolve("build.log");
    String out = Processes.run(cmd, dir, log, BUILD_TIMEOUT, "Icarus build of the vector testbench of " + harness.top());
    if (out.toLowerCase(Locale.ROOT).contains("warning")) {
      throw new SimulationException("Icarus build of " + harness.top() + " reported warnings (treated as errors)\n"
          + Processes.describe(cmd, dir, log));
    }
    return new CompiledVectors(this, "Icarus", harness, dir, RUN_TIMEOUT,
        (inFile, outFile) -> List.of("vvp", "-n", "sim.vvp", "+in=" + inFile, "+out=" + outFile));
  }

  @Override
  public CompiledStream compileStream(StreamHarness harness, Path workDir) {
    Tools.system().requireIcarus();
    Path dir;
    try {
      dir = Files.createDirectories(workDir.toAbsolutePath());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + workDir, e);
    }
    String rtl = Builds.read(harness.verilog());
    String tb = harness.icarusSource();
    String key = Builds.key(version(), "stream", rtl, tb);
    if (!Builds.upToDate(dir, key) || !Files.isRegularFile(dir.resolve("sim.vvp"))) {
      try {
        Files.writeString(dir.resolve("core.sv"), rtl);
        Files.writeString(dir.resolve("stream_tb.v"), tb);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the Icarus stream testbench in " + dir, e);
      }
      List<String> cmd = List.of("iverilog", "-g2012", "-Wall", "-DENABLE_INITIAL_MEM_", "-s", "spikeforge_stream_tb",
          "-o", "sim.vvp", "core.sv", "stream_tb.v");
      Path log = dir.resolve("build.log");
      String out = Processes.run(cmd, dir, log, BUILD_TIMEOUT, "Icarus build of the stream testbench of " + harness.top());
      if (out.toLowerCase(Locale.ROOT).contains("warning")) {
        throw new SimulationException("Icarus build of " + harness.top() + " reported warnings (treated as errors)\n"
            + Processes.describe(cmd, dir, log));
      }
      Builds.markUpToDate(dir, key);
    }
    Path vvp = dir.resolve("sim.vvp");
    return new CompiledStream() {
      @Override
      public StreamHarness harness() {
        return harness;
      }

      @Override
      public Simulator simulator() {
        return IcarusSimulator.this;
      }

      @Override
      public Path workDir() {
        return dir;
      }

      @Override
      public Path run(StreamRun r) {
        List<String> cmd = new java.util.ArrayList<>(List.of("vvp", "-n", vvp.toString(),
            "+beats=" + r.beats().toAbsolutePath(), "+out=" + r.out().toAbsolutePath(), "+samples=" + r.samples(),
            "+timesteps=" + r.timesteps(), "+maxcycles=" + r.maxCycles(), "+stall=" + r.stallSeed()));
        if (r.vcd() != null) {
          cmd.add("+vcd=" + r.vcd().toAbsolutePath());
        }
        if (r.loads() != null) {
          cmd.add("+loads=" + r.loads().toAbsolutePath());
        }
        Path log = r.out().toAbsolutePath().resolveSibling(r.out().getFileName() + ".log");
        String text = Processes.run(cmd, r.runDir(), log, RUN_TIMEOUT, "Icarus run of " + harness.top() + " in "
            + r.runDir());
        if (text.contains("timeout after")) {
          throw new SimulationException("Icarus run of " + harness.top() + ": " + text.strip());
        }
        return r.out();
      }
    };
  }

  /** The Verilog testbench for {@code h}. */
  static String testbenchSource(VectorHarness h) {
    StringBuilder decl = new StringBuilder();
    for (Port p : h.inputs()) {
      decl.append("  reg ").append(range(p)).append(p.name()).append(";\n");
    }
    for (Port p : h.outputs()) {
      decl.append("  wire ").append(range(p)).append(p.name()).append(";\n");
    }
    String connections = java.util.stream.Stream.concat(h.inputs().stream(), h.outputs().stream())
        .map(p -> "    ." + p.name() + "(" + p.name() + ")")
        .collect(Collectors.joining(",\n"));
    Map<String, String> values = new LinkedHashMap<>();
    values.put("TOP", h.top());
    values.put("DECLARATIONS", decl.toString().stripTrailing());
    values.put("CONNECTIONS", connections);
    values.put("INPUT_COUNT", Integer.toString(h.inputs().size()));
    values.put("SCAN_FORMAT", String.join(" ", h.inputs().stream().map(p -> "%h").toList()));
    values.put("SCAN_ARGS", String.join(", ", h.inputs().stream().map(Port::name).toList()));
    values.put("DISPLAY_FORMAT", String.join(" ", h.outputs().stream().map(p -> "%h").toList()));
    values.put("DISPLAY_ARGS", String.join(", ", h.outputs().stream().map(Port::name).toList()));
    return Template.render(TB_TEMPLATE, values);
  }

  private static String range(Port p) {
    return p.width() == 1 ? "" : "[" + (p.width() - 1) + ":0] ";
  }
}
