package dev.spikeforge.testbenches;

import dev.spikeforge.simkit.Bench;
import dev.spikeforge.simkit.Build;
import dev.spikeforge.simkit.BuildKey;
import dev.spikeforge.simkit.IcarusRunner;
import dev.spikeforge.simkit.Runner;
import dev.spikeforge.simkit.SimulationException;
import dev.spikeforge.simkit.Template;
import dev.spikeforge.toolchain.Tools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The vector and stream harnesses in Icarus Verilog: this class writes their Verilog testbenches
 * ({@code icarus_vector_tb.v}, which reads the vectors with {@code $fscanf} and writes the outputs
 * with {@code $fdisplay}, and {@link StreamHarness#icarusSource()}) and builds and runs them with the
 * simulator kit's {@link IcarusRunner} ({@code -g2012 -Wall}; any warning fails the build, as with
 * Verilator).
 */
public final class IcarusSimulator implements Simulator {
  private static final String TB_TEMPLATE = "icarus_vector_tb.v";
  private static final String TB_MODULE = "spikeforge_vector_tb";

  private final IcarusRunner runner = new IcarusRunner(Tools.system());

  @Override
  public String name() {
    return runner.name();
  }

  @Override
  public String version() {
    return runner.version();
  }

  @Override
  public CompiledHarness compile(VectorHarness harness, Path workDir) {
    Path tb = WorkFiles.write(WorkFiles.mkdirs(workDir).resolve("vector_tb.v"), testbenchSource(harness));
    Bench bench = Bench.of(TB_MODULE, List.of(harness.verilog().toAbsolutePath(), tb),
        "the vector testbench of " + harness.top());
    Build build = runner.build(bench, workDir);
    return new CompiledVectors(this, harness, build, Runner.DEFAULT_RUN_TIMEOUT,
        (inFile, outFile) -> List.of("+in=" + inFile, "+out=" + outFile));
  }

  @Override
  public CompiledStream compileStream(StreamHarness harness, Path workDir) {
    Path dir = WorkFiles.mkdirs(workDir);
    String rtl = WorkFiles.read(harness.verilog());
    String tb = harness.icarusSource();
    Bench bench = new Bench("spikeforge_stream_tb", List.of(Path.of("core.sv"), Path.of("stream_tb.v")),
        List.of("-DENABLE_INITIAL_MEM_"), "the stream testbench of " + harness.top(), null,
        BuildKey.of(version(), "stream", rtl, tb));
    WorkFiles.write(dir.resolve("core.sv"), rtl);
    WorkFiles.write(dir.resolve("stream_tb.v"), tb);
    Build build = runner.build(bench, dir);
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
        List<String> args = new ArrayList<>(List.of("+beats=" + r.beats().toAbsolutePath(),
            "+out=" + r.out().toAbsolutePath(), "+samples=" + r.samples(), "+timesteps=" + r.timesteps(),
            "+maxcycles=" + r.maxCycles(), "+stall=" + r.stallSeed()));
        if (r.vcd() != null) {
          args.add("+vcd=" + r.vcd().toAbsolutePath());
        }
        if (r.loads() != null) {
          args.add("+loads=" + r.loads().toAbsolutePath());
        }
        Path log = r.out().toAbsolutePath().resolveSibling(r.out().getFileName() + ".log");
        String text = build.run(args, r.runDir(), log, Runner.DEFAULT_RUN_TIMEOUT, harness.top() + " in " + r.runDir());
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
    return Template.render(IcarusSimulator.class, TB_TEMPLATE, values);
  }

  private static String range(Port p) {
    return p.width() == 1 ? "" : "[" + (p.width() - 1) + ":0] ";
  }
}
