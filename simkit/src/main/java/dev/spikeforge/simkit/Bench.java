package dev.spikeforge.simkit;

import java.nio.file.Path;
import java.util.List;

/**
 * What a {@link Runner} compiles: the design's Verilog and the harness that drives and watches it.
 *
 * @param top           the module elaborated as the root: for Verilator the design's top (driven by
 *                      the C++ harness), for Icarus the Verilog testbench module
 * @param sources       Verilog files and the harness (a C++ main for Verilator, whose file name
 *                      without {@code .cpp} names the executable; a Verilog testbench for Icarus);
 *                      relative paths are relative to the work directory
 * @param flags         further simulator flags, e.g. {@code -DENABLE_INITIAL_MEM_} (never a
 *                      warning switch: the strict flags are the runner's)
 * @param what          what is built, for messages ("the vector harness of lif_8_8")
 * @param sharedRuntime Verilator only, may be null: a directory in which Verilator's runtime objects
 *                      are compiled once and reused by every build naming it. Name it only for builds
 *                      whose flags do not change how the runtime compiles (no {@code --trace})
 * @param cacheKey      may be null: the hash of everything the build reads ({@link BuildKey#of}); a
 *                      work directory that holds a build made with the same key is reused as it is
 */
public record Bench(String top, List<Path> sources, List<String> flags, String what, Path sharedRuntime,
    String cacheKey) {
  public Bench {
    sources = List.copyOf(sources);
    flags = List.copyOf(flags);
    if (top == null || !top.matches("[A-Za-z_][A-Za-z0-9_$]*")) {
      throw new IllegalArgumentException("top must be a Verilog module name, got " + top);
    }
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("nothing to compile for " + what);
    }
  }

  /** A bench without further flags or a shared runtime. */
  public static Bench of(String top, List<Path> sources, String what) {
    return new Bench(top, sources, List.of(), what, null, null);
  }

  /** This bench with {@code flags} instead of its flags. */
  public Bench withFlags(List<String> flags) {
    return new Bench(top, sources, flags, what, sharedRuntime, cacheKey);
  }

  /** This bench sharing Verilator's runtime objects through {@code dir}. */
  public Bench withSharedRuntime(Path dir) {
    return new Bench(top, sources, flags, what, dir, cacheKey);
  }

  /** This bench reusing a build in its work directory that was made with {@code key}. */
  public Bench withCacheKey(String key) {
    return new Bench(top, sources, flags, what, sharedRuntime, key);
  }
}
