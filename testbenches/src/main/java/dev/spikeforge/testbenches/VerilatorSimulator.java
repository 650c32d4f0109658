package dev.spikeforge.testbenches;

import dev.spikeforge.simkit.Bench;
import dev.spikeforge.simkit.Build;
import dev.spikeforge.simkit.BuildKey;
import dev.spikeforge.simkit.Runner;
import dev.spikeforge.simkit.SimulationException;
import dev.spikeforge.simkit.Template;
import dev.spikeforge.simkit.VerilatorRunner;
import dev.spikeforge.toolchain.Tools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The vector and stream harnesses in Verilator: this class writes their C++ mains ({@code
 * verilator_vector_harness.cpp}, {@link StreamHarness#verilatorSource()}) and builds and runs them
 * with the simulator kit's {@link VerilatorRunner} ({@code -Wall}, the one waiver file; any other
 * warning fails the build), with at most {@value #DEFAULT_BUILD_JOBS} parallel make jobs unless told
 * otherwise.
 */
public final class VerilatorSimulator implements Simulator {
  /** Parallel make jobs of a harness build. */
  public static final int DEFAULT_BUILD_JOBS = VerilatorRunner.DEFAULT_BUILD_JOBS;

  private static final String HARNESS_TEMPLATE = "verilator_vector_harness.cpp";

  /** Verilator flags of every stream-harness build (besides -Wall, the waivers and the files). */
  static final List<String> STREAM_FLAGS = List.of("-DENABLE_INITIAL_MEM_", "--x-assign", "unique", "--x-initial",
      "unique");

  private final VerilatorRunner runner;

  /** A simulator that builds with {@value #DEFAULT_BUILD_JOBS} make jobs. */
  public VerilatorSimulator() {
    this(DEFAULT_BUILD_JOBS);
  }

  public VerilatorSimulator(int buildJobs) {
    this.runner = new VerilatorRunner(Tools.system(), buildJobs);
  }

  @Override
  public String name() {
    return runner.name();
  }

  @Override
  public String version() {
    return runner.version();
  }

  /**
   * {@code verilator --lint-only -Wall} with the waivers on one file.
   *
   * @return Verilator's output (empty when clean)
   * @throws SimulationException listing the warnings if there are any
   */
  public String lint(Path verilog, String top, Path workDir) {
    return runner.lint(verilog, top, workDir);
  }

  @Override
  public CompiledHarness compile(VectorHarness harness, Path workDir) {
    Path cpp = WorkFiles.write(WorkFiles.mkdirs(workDir).resolve("vector_harness.cpp"), harnessSource(harness));
    // Verilator's runtime objects are compiled once per parent directory (the test class's or the
    // verification's work directory) and reused by its other harness builds.
    Bench bench = Bench.of(harness.top(), List.of(harness.verilog().toAbsolutePath(), cpp),
        "the vector harness of " + harness.top())
        .withSharedRuntime(workDir.toAbsolutePath().getParent().resolve("verilator-runtime"));
    Build build = runner.build(bench, workDir);
    return new CompiledVectors(this, harness, build, Runner.DEFAULT_RUN_TIMEOUT,
        (inFile, outFile) -> List.of(inFile.toString(), outFile.toString()));
  }

  @Override
  public CompiledStream compileStream(StreamHarness harness, Path workDir) {
    Tools.system().requireVerilator();
    return new Stream(harness, WorkFiles.mkdirs(workDir));
  }

  /** Builds (or reuses) the stream harness in {@code dir}, optionally with waveform support. */
  private Build buildStream(StreamHarness harness, Path dir, boolean vcd) {
    String rtl = WorkFiles.read(harness.verilog());
    String cpp = harness.verilatorSource();
    List<String> flags = new ArrayList<>(STREAM_FLAGS);
    if (vcd) {
      flags.addAll(List.of("--trace", "-CFLAGS", "-DSPIKEFORGE_VCD"));
    }
    String key = BuildKey.of(version(), String.join(" ", flags), rtl, cpp, VerilatorRunner.waivers());
    WorkFiles.write(dir.resolve("core.sv"), rtl);
    WorkFiles.write(dir.resolve("stream_harness.cpp"), cpp);
    Bench bench = new Bench(harness.top(), List.of(Path.of("core.sv"), Path.of("stream_harness.cpp")), flags,
        "the stream harness of " + harness.top() + " in " + dir,
        vcd ? null : dir.getParent().resolve("verilator-runtime"), key);
    return runner.build(bench, dir);
  }

  private final class Stream implements CompiledStream {
    private final StreamHarness harness;
    private final Path dir;
    private final Build build;
    private Build vcdBuild;

    Stream(StreamHarness harness, Path dir) {
      this.harness = harness;
      this.dir = dir;
      this.build = buildStream(harness, dir, false);
    }

    @Override
    public StreamHarness harness() {
      return harness;
    }

    @Override
    public Simulator simulator() {
      return VerilatorSimulator.this;
    }

    @Override
    public Path workDir() {
      return dir;
    }

    private synchronized Build vcdBuild() {
      if (vcdBuild == null) {
        vcdBuild = buildStream(harness, WorkFiles.mkdirs(dir.resolve("vcd")), true);
      }
      return vcdBuild;
    }

    @Override
    public Path run(StreamRun r) {
      Build b = r.vcd() == null ? build : vcdBuild();
      List<String> args = new ArrayList<>(List.of(r.beats().toAbsolutePath().toString(),
          r.loads() == null ? "-" : r.loads().toAbsolutePath().toString(), r.out().toAbsolutePath().toString(),
          Integer.toString(r.samples()), Integer.toString(r.timesteps()), Long.toString(r.maxCycles()),
          Integer.toString(r.stallSeed())));
      if (r.vcd() != null) {
        args.add(r.vcd().toAbsolutePath().toString());
      }
      Path log = r.out().toAbsolutePath().resolveSibling(r.out().getFileName() + ".log");
      b.run(args, r.runDir(), log, Runner.DEFAULT_RUN_TIMEOUT, harness.top() + " in " + r.runDir());
      return r.out();
    }
  }

  /** The C++ main for {@code h}: one line per port to drive or sample. */
  static String harnessSource(VectorHarness h) {
    List<String> drive = new ArrayList<>();
    for (int i = 0; i < h.inputs().size(); i++) {
      Port p = h.inputs().get(i);
      drive.add(String.format("    dut->%s = static_cast<%s>(v[%d] & 0x%xULL);", p.name(), cType(p), i, p.mask()));
    }
    List<String> write = new ArrayList<>();
    for (int i = 0; i < h.outputs().size(); i++) {
      Port p = h.outputs().get(i);
      String separator = i == h.outputs().size() - 1 ? "\\n" : " ";
      write.add(String.format("    writeHex(out, static_cast<uint64_t>(dut->%s) & 0x%xULL, '%s');",
          p.name(), p.mask(), separator));
    }
    Map<String, String> values = new LinkedHashMap<>();
    values.put("TOP", h.top());
    values.put("INPUT_NAMES", String.join(", ", h.inputs().stream().map(Port::name).toList()));
    values.put("OUTPUT_NAMES", String.join(", ", h.outputs().stream().map(Port::name).toList()));
    values.put("INPUT_COUNT", Integer.toString(h.inputs().size()));
    values.put("DRIVE_INPUTS", String.join("\n", drive));
    values.put("WRITE_OUTPUTS", String.join("\n", write));
    return Template.render(VerilatorSimulator.class, HARNESS_TEMPLATE, values);
  }

  /** Verilator's C++ type of a port of this width. */
  private static String cType(Port p) {
    if (p.width() <= 8) {
      return "CData";
    }
    if (p.width() <= 16) {
      return "SData";
    }
    return p.width() <= 32 ? "IData" : "QData";
  }
}
