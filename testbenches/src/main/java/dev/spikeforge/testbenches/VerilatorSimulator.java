package dev.spikeforge.testbenches;

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
 * Verilator behind the {@link Simulator} interface. The design is always verilated with {@code
 * -Wall} and the checked-in waivers ({@value #WAIVERS_RESOURCE}); any other warning fails the
 * build. The C++ harness ({@code verilator_vector_harness.cpp}) is built with at most
 * {@value #DEFAULT_BUILD_JOBS} parallel make jobs unless told otherwise.
 */
public final class VerilatorSimulator implements Simulator {
  /** Lint waivers for firtool output, a resource of this package. */
  public static final String WAIVERS_RESOURCE = "verilator_waivers.vlt";

  /** Parallel make jobs of a harness build. */
  public static final int DEFAULT_BUILD_JOBS = 2;

  private static final String HARNESS_TEMPLATE = "verilator_vector_harness.cpp";
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(10);

  private final int buildJobs;

  /** A simulator that builds with {@value #DEFAULT_BUILD_JOBS} make jobs. */
  public VerilatorSimulator() {
    this(DEFAULT_BUILD_JOBS);
  }

  public VerilatorSimulator(int buildJobs) {
    if (buildJobs < 1) {
      throw new IllegalArgumentException("buildJobs must be at least 1, got " + buildJobs);
    }
    this.buildJobs = buildJobs;
  }

  @Override
  public String name() {
    return "verilator";
  }

  @Override
  public String version() {
    return Tools.system().require("verilator").version();
  }

  /**
   * {@code verilator --lint-only -Wall} with the waivers on one file.
   *
   * @return Verilator's output (empty when clean)
   * @throws SimulationException listing the warnings if there are any
   */
  public String lint(Path verilog, String top, Path workDir) {
    Tools.system().require("verilator");
    Path dir = prepare(workDir);
    Path waivers = writeWaivers(dir);
    List<String> cmd = List.of("verilator", "--lint-only", "-Wall", "--top-module", top,
        waivers.toString(), verilog.toAbsolutePath().toString());
    return Processes.run(cmd, dir, dir.resolve("lint.log"), BUILD_TIMEOUT, "Verilator lint of " + top);
  }

  @Override
  public CompiledHarness compile(VectorHarness harness, Path workDir) {
    Tools.system().requireVerilator();
    Path dir = prepare(workDir);
    Path waivers = writeWaivers(dir);
    Path cpp = dir.resolve("vector_harness.cpp");
    write(cpp, harnessSource(harness));
    List<String> cmd = new ArrayList<>(List.of(
        "verilator", "-Wall", "--cc", "--exe", "--build", "--build-jobs", Integer.toString(buildJobs),
        "--prefix", "Vdut", "--top-module", harness.top(), "-Mdir", "obj", "-o", "vector_harness",
        waivers.toString(), harness.verilog().toAbsolutePath().toString(), cpp.toString()));
    Processes.run(cmd, dir, dir.resolve("build.log"), BUILD_TIMEOUT,
        "Verilator build of the vector harness of " + harness.top());
    Path exe = dir.resolve("obj").resolve("vector_harness");
    if (!Files.isExecutable(exe)) {
      throw new SimulationException("Verilator build of " + harness.top() + " reported success but "
          + exe + " is missing; see " + dir.resolve("build.log"));
    }
    return new CompiledVectors(this, "Verilator", harness, dir, RUN_TIMEOUT,
        (inFile, outFile) -> List.of(exe.toString(), inFile.toString(), outFile.toString()));
  }

  /** Verilator flags of every stream-harness build (besides -Wall, the waivers and the files). */
  static final List<String> STREAM_FLAGS = List.of("-DENABLE_INITIAL_MEM_", "--x-assign", "unique", "--x-initial",
      "unique");

  @Override
  public CompiledStream compileStream(StreamHarness harness, Path workDir) {
    Tools.system().requireVerilator();
    return new Stream(harness, prepare(workDir));
  }

  /** Builds (or reuses) the stream harness in {@code dir}, optionally with waveform support. */
  private Path buildStream(StreamHarness harness, Path dir, boolean vcd) {
    String rtl = Builds.read(harness.verilog());
    String cpp = harness.verilatorSource();
    List<String> flags = new ArrayList<>(STREAM_FLAGS);
    if (vcd) {
      flags.addAll(List.of("--trace", "-CFLAGS", "-DSPIKEFORGE_VCD"));
    }
    String key = Builds.key(version(), String.join(" ", flags), rtl, cpp, Template.resource(WAIVERS_RESOURCE));
    Path exe = dir.resolve("obj").resolve("stream_harness");
    if (Builds.upToDate(dir, key) && Files.isExecutable(exe)) {
      return exe;
    }
    Path waivers = writeWaivers(dir);
    write(dir.resolve("core.sv"), rtl);
    write(dir.resolve("stream_harness.cpp"), cpp);
    List<String> cmd = new ArrayList<>(List.of("verilator", "-Wall", "--cc", "--exe", "--prefix", "Vdut",
        "--top-module", harness.top(), "-Mdir", "obj", "-o", "stream_harness"));
    cmd.addAll(flags);
    cmd.addAll(List.of(waivers.toString(), "core.sv", "stream_harness.cpp"));
    String what = "Verilator build of the stream harness of " + harness.top() + " in " + dir;
    Processes.run(cmd, dir, dir.resolve("build.log"), BUILD_TIMEOUT, what);
    Path obj = dir.resolve("obj");
    Path runtime = dir.getParent().resolve("verilator-runtime");
    if (!vcd) {
      RuntimeObjects.copyInto(runtime, obj, version());
    }
    Processes.run(List.of("make", "-j", Integer.toString(buildJobs), "-f", "Vdut.mk"), obj, dir.resolve("make.log"),
        BUILD_TIMEOUT, what);
    if (!Files.isExecutable(exe)) {
      throw new SimulationException("Verilator build in " + dir + " reported success but " + exe + " is missing");
    }
    if (!vcd) {
      RuntimeObjects.keep(runtime, obj, version());
    }
    Builds.markUpToDate(dir, key);
    return exe;
  }

  /**
   * Verilator's runtime library (verilated.cpp and verilated_threads.cpp, about two thirds of the
   * compile time of a small design) compiled once per work root and Verilator version and reused by
   * every later build with the same flags: its objects are copied into the new build's object
   * directory before make, which then finds them up to date.
   */
  private static final class RuntimeObjects {
    private static final List<String> FILES = List.of("verilated.o", "verilated.d", "verilated_threads.o",
        "verilated_threads.d");

    static synchronized void copyInto(Path runtime, Path obj, String version) {
      try {
        if (!Builds.upToDate(runtime, Builds.key(version))) {
          return;
        }
        for (String f : FILES) {
          Files.copy(runtime.resolve(f), obj.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot reuse the Verilator runtime objects of " + runtime, e);
      }
    }

    static synchronized void keep(Path runtime, Path obj, String version) {
      String key = Builds.key(version);
      if (Builds.upToDate(runtime, key)) {
        return;
      }
      try {
        Files.createDirectories(runtime);
        for (String f : FILES) {
          if (!Files.isRegularFile(obj.resolve(f))) {
            return;
          }
          Files.copy(obj.resolve(f), runtime.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Builds.markUpToDate(runtime, key);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot keep the Verilator runtime objects in " + runtime, e);
      }
    }
  }

  private final class Stream implements CompiledStream {
    private final StreamHarness harness;
    private final Path dir;
    private final Path exe;
    private Path vcdExe;

    Stream(StreamHarness harness, Path dir) {
      this.harness = harness;
      this.dir = dir;
      this.exe = buildStream(harness, dir, false);
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

    private synchronized Path vcdExe() {
      if (vcdExe == null) {
        vcdExe = buildStream(harness, prepare(dir.resolve("vcd")), true);
      }
      return vcdExe;
    }

    @Override
    public Path run(StreamRun r) {
      Path bin = r.vcd() == null ? exe : vcdExe();
      List<String> cmd = new ArrayList<>(List.of(bin.toString(), r.beats().toAbsolutePath().toString(),
          r.loads() == null ? "-" : r.loads().toAbsolutePath().toString(), r.out().toAbsolutePath().toString(), Integer.toString(r.samples()), Integer.toString(r.timesteps()),
          Long.toString(r.maxCycles()), Integer.toString(r.stallSeed())));
      if (r.vcd() != null) {
        cmd.add(r.vcd().toAbsolutePath().toString());
      }
      Path log = r.out().toAbsolutePath().resolveSibling(r.out().getFileName() + ".log");
      Processes.run(cmd, r.runDir(), log, RUN_TIMEOUT, "Verilator run of " + harness.top() + " in " + r.runDir());
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
    return Template.render(HARNESS_TEMPLATE, values);
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

  private static Path prepare(Path workDir) {
    try {
      return Files.createDirectories(workDir.toAbsolutePath());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create work directory " + workDir, e);
    }
  }

  private static Path writeWaivers(Path dir) {
    Path f = dir.resolve(WAIVERS_RESOURCE);
    write(f, Template.resource(WAIVERS_RESOURCE));
    return f;
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
