package dev.spikeforge.simkit;

import dev.spikeforge.toolchain.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Icarus Verilog behind {@link Runner}: the sources are compiled with {@code iverilog}
 * {@value #LANGUAGE_FLAG} {@value #STRICT_FLAG} into {@code sim.vvp} and run with {@code vvp -n}; any
 * warning fails the build, as with Verilator.
 */
public final class IcarusRunner implements Runner {
  /** The language level of every build. */
  public static final String LANGUAGE_FLAG = "-g2012";

  /** The warning level of every build; a warning is an error. */
  public static final String STRICT_FLAG = "-Wall";

  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(2);

  private final Tools tools;

  /** Icarus from {@code tools}. */
  public IcarusRunner(Tools tools) {
    this.tools = tools;
  }

  @Override
  public String name() {
    return "icarus";
  }

  @Override
  public String title() {
    return "Icarus";
  }

  @Override
  public String version() {
    return tools.require("iverilog").version();
  }

  @Override
  public Build build(Bench bench, Path workDir) {
    tools.requireIcarus();
    Path dir = WorkDir.create(workDir);
    Path vvp = dir.resolve("sim.vvp");
    if (bench.cacheKey() != null && BuildKey.upToDate(dir, bench.cacheKey()) && Files.isRegularFile(vvp)) {
      return built(dir, vvp);
    }
    List<String> cmd = new ArrayList<>(List.of("iverilog", LANGUAGE_FLAG, STRICT_FLAG));
    cmd.addAll(bench.flags());
    cmd.addAll(List.of("-s", bench.top(), "-o", "sim.vvp"));
    bench.sources().forEach(s -> cmd.add(s.toString()));
    String what = title() + " build of " + bench.what();
    BuildFailure.checkNoWarnings(cmd, dir, dir.resolve("build.log"), BUILD_TIMEOUT, what);
    if (!Files.isRegularFile(vvp)) {
      throw new SimulationException(what + " reported success but " + vvp + " is missing; see "
          + dir.resolve("build.log"));
    }
    if (bench.cacheKey() != null) {
      BuildKey.markUpToDate(dir, bench.cacheKey());
    }
    return built(dir, vvp);
  }

  private Build built(Path dir, Path vvp) {
    return new Build() {
      @Override
      public Runner runner() {
        return IcarusRunner.this;
      }

      @Override
      public Path dir() {
        return dir;
      }

      @Override
      public List<String> command(List<String> args) {
        List<String> c = new ArrayList<>(List.of("vvp", "-n", vvp.toString()));
        c.addAll(args);
        return c;
      }
    };
  }
}
