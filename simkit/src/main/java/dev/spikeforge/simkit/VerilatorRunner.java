package dev.spikeforge.simkit;

import dev.spikeforge.toolchain.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Verilator behind {@link Runner}. Every design is verilated with {@value #STRICT_FLAG} and the one
 * checked-in waiver file ({@value #WAIVERS_RESOURCE}, written next to the build); any other warning
 * fails the build. The C++ harness is compiled with at most the given number of parallel make jobs.
 */
public final class VerilatorRunner implements Runner {
  /** The lint level of every build and lint run. */
  public static final String STRICT_FLAG = "-Wall";

  /** The lint waivers for firtool's output style, a resource of this package. */
  public static final String WAIVERS_RESOURCE = "verilator_waivers.vlt";

  /** Parallel make jobs of a harness build unless told otherwise. */
  public static final int DEFAULT_BUILD_JOBS = 2;

  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);

  private final Tools tools;
  private final int buildJobs;

  /** Verilator from {@code tools}, building with {@code buildJobs} make jobs. */
  public VerilatorRunner(Tools tools, int buildJobs) {
    if (buildJobs < 1) {
      throw new IllegalArgumentException("buildJobs must be at least 1, got " + buildJobs);
    }
    this.tools = tools;
    this.buildJobs = buildJobs;
  }

  @Override
  public String name() {
    return "verilator";
  }

  @Override
  public String title() {
    return "Verilator";
  }

  @Override
  public String version() {
    return tools.require("verilator").version();
  }

  /** The text of the waiver file (part of every build's inputs). */
  public static String waivers() {
    return Template.resource(VerilatorRunner.class, WAIVERS_RESOURCE);
  }

  /**
   * {@code verilator --lint-only -Wall} with the waivers on one file, in {@code workDir}.
   *
   * @return Verilator's output (empty when clean)
   * @throws SimulationException listing the warnings if there are any
   */
  public String lint(Path verilog, String top, Path workDir) {
    tools.require("verilator");
    Path dir = WorkDir.create(workDir);
    List<String> cmd = List.of("verilator", "--lint-only", STRICT_FLAG, "--top-module", top,
        writeWaivers(dir).toString(), verilog.toAbsolutePath().toString());
    return ProcessRunner.runChecked(cmd, dir, dir.resolve("lint.log"), BUILD_TIMEOUT, title() + " lint of " + top)
        .logText();
  }

  /**
   * Verilates and compiles {@code bench}: in one {@code verilator --build} step, or, when the bench
   * names a shared runtime, verilate then {@code make} (log {@code make.log}) with Verilator's
   * runtime objects taken from and kept in that directory. A build whose cache key matches is reused.
   */
  @Override
  public Build build(Bench bench, Path workDir) {
    tools.requireVerilator();
    Path dir = WorkDir.create(workDir);
    Path exe = dir.resolve("obj").resolve(executableName(bench));
    if (bench.cacheKey() != null && BuildKey.upToDate(dir, bench.cacheKey()) && Files.isExecutable(exe)) {
      return built(dir, exe);
    }
    String exeName = executableName(bench);
    String what = title() + " build of " + bench.what();
    boolean split = bench.sharedRuntime() != null;
    List<String> cmd = new ArrayList<>(List.of(name(), STRICT_FLAG, "--cc", "--exe"));
    if (!split) {
      cmd.addAll(List.of("--build", "--build-jobs", Integer.toString(buildJobs)));
    }
    cmd.addAll(List.of("--prefix", "Vdut", "--top-module", bench.top(), "-Mdir", "obj", "-o", exeName));
    cmd.addAll(bench.flags());
    cmd.add(writeWaivers(dir).toString());
    bench.sources().forEach(s -> cmd.add(s.toString()));
    BuildFailure.check(cmd, dir, dir.resolve("build.log"), BUILD_TIMEOUT, what);
    Path obj = dir.resolve("obj");
    if (split) {
      Path runtime = bench.sharedRuntime().toAbsolutePath();
      RuntimeObjects.copyInto(runtime, obj, version());
      BuildFailure.check(List.of("make", "-j", Integer.toString(buildJobs), "-f", "Vdut.mk"), obj,
          dir.resolve("make.log"), BUILD_TIMEOUT, what);
    }
    if (!Files.isExecutable(exe)) {
      throw new SimulationException(what + " reported success but " + exe + " is missing; see "
          + dir.resolve("build.log"));
    }
    if (split) {
      RuntimeObjects.keep(bench.sharedRuntime().toAbsolutePath(), obj, version());
    }
    if (bench.cacheKey() != null) {
      BuildKey.markUpToDate(dir, bench.cacheKey());
    }
    return built(dir, exe);
  }

  private Build built(Path dir, Path exe) {
    return new Build() {
      @Override
      public Runner runner() {
        return VerilatorRunner.this;
      }

      @Override
      public Path dir() {
        return dir;
      }

      @Override
      public List<String> command(List<String> args) {
        List<String> c = new ArrayList<>(List.of(exe.toString()));
        c.addAll(args);
        return c;
      }
    };
  }

  /** The C++ harness's file name without {@code .cpp}. */
  private static String executableName(Bench bench) {
    for (Path s : bench.sources()) {
      String f = s.getFileName().toString();
      if (f.endsWith(".cpp")) {
        return f.substring(0, f.length() - ".cpp".length());
      }
    }
    throw new IllegalArgumentException("Verilator needs a C++ harness (a .cpp file) among the sources of "
        + bench.what() + ", got " + bench.sources());
  }

  private static Path writeWaivers(Path dir) {
    Path f = dir.resolve(WAIVERS_RESOURCE);
    try {
      Files.writeString(f, waivers());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + f, e);
    }
    return f;
  }
}
