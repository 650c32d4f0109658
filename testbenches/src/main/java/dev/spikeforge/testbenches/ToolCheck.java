package dev.spikeforge.testbenches;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Finds the external tools the testbenches run (Verilator, Icarus, make, a C++ compiler) on PATH
 * and reads their versions. A missing tool is reported with its name and the command that installs
 * it. Results are cached per JVM.
 */
public final class ToolCheck {
  /** An executable found on PATH and the first line of its version output. */
  public record Tool(String name, Path path, String version) {}

  private record Known(List<String> versionArgs, String install) {}

  private static final Map<String, Known> KNOWN = Map.of(
      "verilator", new Known(List.of("--version"), "apt-get install verilator"),
      "iverilog", new Known(List.of("-V"), "apt-get install iverilog"),
      "vvp", new Known(List.of("-V"), "apt-get install iverilog"),
      "make", new Known(List.of("--version"), "apt-get install make"),
      "g++", new Known(List.of("--version"), "apt-get install g++"),
      "yosys", new Known(List.of("-V"), "apt-get install yosys"));

  private static final Map<String, Tool> FOUND = new ConcurrentHashMap<>();

  private ToolCheck() {}

  /** The tools a Verilator build needs: Verilator itself, make and g++ (Verilator's default CXX). */
  public static List<Tool> requireVerilator() {
    return requireAll("verilator", "make", "g++");
  }

  /** The tools an Icarus run needs: the compiler and the runtime. */
  public static List<Tool> requireIcarus() {
    return requireAll("iverilog", "vvp");
  }

  /** {@link #require} for each name, in order. */
  public static List<Tool> requireAll(String... names) {
    List<Tool> tools = new ArrayList<>();
    for (String n : names) {
      tools.add(require(n));
    }
    return tools;
  }

  /**
   * The tool {@code name} on PATH with its version.
   *
   * @throws ToolMissingException naming the tool and how to install it
   */
  public static Tool require(String name) {
    Tool t = FOUND.get(name);
    if (t != null) {
      return t;
    }
    Path path = find(name).orElseThrow(() -> new ToolMissingException(name,
        name + " was not found on PATH; install it: " + installHint(name)));
    t = new Tool(name, path, readVersion(name, path));
    FOUND.put(name, t);
    return t;
  }

  /** The first executable called {@code name} in the directories of PATH. */
  public static Optional<Path> find(String name) {
    String pathVar = System.getenv("PATH");
    if (pathVar == null) {
      return Optional.empty();
    }
    for (String dir : pathVar.split(File.pathSeparator)) {
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

  /** How to install {@code name} on Debian/Ubuntu. */
  public static String installHint(String name) {
    Known k = KNOWN.get(name);
    return k == null ? "apt-get install " + name : k.install();
  }

  private static String readVersion(String name, Path path) {
    Known k = KNOWN.get(name);
    List<String> cmd = new ArrayList<>();
    cmd.add(path.toString());
    cmd.addAll(k == null ? List.of("--version") : k.versionArgs());
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out;
      try (InputStream in = p.getInputStream()) {
        out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new ToolMissingException(name, name + " at " + path + " did not answer " + cmd.subList(1, cmd.size())
            + " within 30 s; reinstall it: " + installHint(name));
      }
      String first = out.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
      if (first.isEmpty()) {
        throw new ToolMissingException(name, name + " at " + path + " printed no version; reinstall it: "
            + installHint(name));
      }
      return first;
    } catch (IOException e) {
      throw new ToolMissingException(name, name + " at " + path + " cannot be run (" + e.getMessage()
          + "); reinstall it: " + installHint(name));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking " + name + " for its version", e);
    }
  }
}
