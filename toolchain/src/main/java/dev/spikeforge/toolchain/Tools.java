package dev.spikeforge.toolchain;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Finds the external programs spikeforge runs (the simulators, the iCE40 flow, the helpers they need)
 * on a search path and reads their versions. This is the one implementation: testbenches, boards and
 * the CLI all ask it, so a missing tool reads the same everywhere.
 *
 * <p>A missing tool is a {@link ToolMissingException} whose message names the tool and the command
 * that installs the Debian package providing it, e.g. {@code nextpnr-ice40 is not installed (not
 * found on PATH); install it with: apt-get install nextpnr-ice40}. A tool that is found is run once
 * with its version option; the first non-blank line it prints is its version (icepack has no version
 * option and is reported by its package name). Results are cached per instance; {@link #system()} is
 * one instance per JVM.
 *
 * <p>Versions are only read here, not compared: {@code scripts/check-toolchain.sh} compares them with
 * {@code toolchain.versions} at the start of every test run.
 */
public final class Tools {
  /** An executable found on the search path and the first line of its version output. */
  public record Tool(String name, Path path, String version) {}

  private record Known(List<String> versionArgs, String debianPackage) {}

  private static final Map<String, Known> KNOWN = Map.ofEntries(
      Map.entry("yosys", new Known(List.of("-V"), "yosys")),
      Map.entry("nextpnr-ice40", new Known(List.of("--version"), "nextpnr-ice40")),
      Map.entry("icepack", new Known(List.of("-h"), "fpga-icestorm")),
      Map.entry("icepll", new Known(List.of("-h"), "fpga-icestorm")),
      Map.entry("verilator", new Known(List.of("--version"), "verilator")),
      Map.entry("iverilog", new Known(List.of("-V"), "iverilog")),
      Map.entry("vvp", new Known(List.of("-V"), "iverilog")),
      Map.entry("make", new Known(List.of("--version"), "make")),
      Map.entry("g++", new Known(List.of("--version"), "g++")),
      Map.entry("stty", new Known(List.of("--version"), "coreutils")),
      Map.entry("script", new Known(List.of("--version"), "bsdutils")));

  /** The tools {@code toolchain.versions} pins, in its order ({@code spikeforge info} lists these). */
  public static final List<String> PINNED = List.of("verilator", "iverilog", "yosys", "nextpnr-ice40", "icepack");

  private static final long VERSION_TIMEOUT_SECONDS = 30;
  private static final Tools SYSTEM = new Tools(System.getenv("PATH"));

  private final String searchPath;
  private final long versionTimeoutMillis;
  private final Map<String, Tool> found = new ConcurrentHashMap<>();

  /** Tools on {@code searchPath} (directories separated as in {@code PATH}; null is empty). */
  public Tools(String searchPath) {
    this(searchPath, VERSION_TIMEOUT_SECONDS * 1000);
  }

  /** As {@link #Tools(String)}, giving a tool {@code versionTimeoutMillis} to print its version (tests). */
  Tools(String searchPath, long versionTimeoutMillis) {
    this.searchPath = searchPath == null ? "" : searchPath;
    this.versionTimeoutMillis = versionTimeoutMillis;
  }

  /** Tools on this process's {@code PATH}, one instance per JVM. */
  public static Tools system() {
    return SYSTEM;
  }

  /** The tools a Verilator build needs: Verilator itself, make and g++ (Verilator's default CXX). */
  public List<Tool> requireVerilator() {
    return requireAll("verilator", "make", "g++");
  }

  /** The tools an Icarus run needs: the compiler iverilog and the runtime vvp. */
  public List<Tool> requireIcarus() {
    return requireAll("iverilog", "vvp");
  }

  /** The tools of the iCE40 flow: yosys, nextpnr-ice40, icepack. */
  public List<Tool> requireIce40Flow() {
    return requireAll("yosys", "nextpnr-ice40", "icepack");
  }

  /** {@link #require} for each, in order (the first missing one is reported). */
  public List<Tool> requireAll(String... names) {
    List<Tool> tools = new ArrayList<>();
    for (String n : names) {
      tools.add(require(n));
    }
    return tools;
  }

  /**
   * The tool {@code name} with its version.
   *
   * @throws ToolMissingException naming the tool and the install command, if it is not on the search
   *     path or does not answer its version option
   */
  public Tool require(String name) {
    Tool t = found.get(name);
    if (t != null) {
      return t;
    }
    Path path = find(name).orElseThrow(() -> new ToolMissingException(name,
        name + " is not installed (not found on PATH); install it with: " + installCommand(name)));
    t = new Tool(name, path, readVersion(name, path, versionTimeoutMillis));
    found.put(name, t);
    return t;
  }

  /** Whether {@code name} is on the search path (does not run it). */
  public boolean isInstalled(String name) {
    return find(name).isPresent();
  }

  /** The first executable called {@code name} on the search path. */
  public Optional<Path> find(String name) {
    for (String dir : searchPath.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir, name);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** {@code apt-get install <package>}: the Debian/Ubuntu package that provides {@code name}. */
  public static String installCommand(String name) {
    Known k = KNOWN.get(name);
    return "apt-get install " + (k == null ? name : k.debianPackage());
  }

  /**
   * Runs {@code path}'s version option. The output goes to a temporary file, not a pipe, so that a
   * tool that hangs is killed after {@code timeoutMillis} instead of blocking the reader forever.
   */
  private static String readVersion(String name, Path path, long timeoutMillis) {
    Known k = KNOWN.get(name);
    List<String> args = k == null ? List.of("--version") : k.versionArgs();
    List<String> cmd = new ArrayList<>();
    cmd.add(path.toString());
    cmd.addAll(args);
    Path log = null;
    try {
      log = Files.createTempFile("spikeforge-tool-", ".txt");
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      p.getOutputStream().close();
      if (!p.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new ToolMissingException(name, String.format(Locale.ROOT, "%s at %s did not answer %s within %.0f s;"
            + " reinstall it: %s", name, path, args, timeoutMillis / 1000.0, installCommand(name)));
      }
      String out = Files.readString(log, StandardCharsets.UTF_8);
      if (name.equals("icepack")) {
        return "icepack (" + k.debianPackage() + ")"; // it has no version option; -h prints usage only
      }
      String first = out.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
      if (first.isEmpty()) {
        throw new ToolMissingException(name, name + " at " + path + " printed no version; reinstall it: "
            + installCommand(name));
      }
      return first;
    } catch (IOException e) {
      throw new ToolMissingException(name, name + " at " + path + " cannot be run (" + e.getMessage()
          + "); reinstall it: " + installCommand(name));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking " + name + " for its version", e);
    } finally {
      if (log != null) {
        try {
          Files.deleteIfExists(log);
        } catch (IOException ignored) {
          // a leftover temporary file is harmless
        }
      }
    }
  }
}
