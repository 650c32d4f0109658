package dev.spikeforge.boards.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spikeforge.boards.BoardSignal;
import dev.spikeforge.boards.Pcf;
import dev.spikeforge.golden.files.AtomicFiles;
import dev.spikeforge.golden.json.JsonMappers;
import dev.spikeforge.hwgen.HwGen;
import dev.spikeforge.simkit.ProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Runs Yosys synthesis on a directory of Verilog and reads back its statistics and top ports. */
final class Yosys {
  private static final ObjectMapper JSON = JsonMappers.compact();
  private static final Pattern MODULE = Pattern.compile("^\\s*module\\s+([A-Za-z_][A-Za-z0-9_$]*)", Pattern.MULTILINE);

  /** The synthesised design. */
  record Synthesis(YosysStat stat, List<Pcf.TopPort> ports, Path netlist, Duration elapsed) {}

  private Yosys() {}

  /** The {@code .v} and {@code .sv} files of {@code dir}, sorted by name. */
  static List<Path> verilogFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new FlowException("Verilog directory " + dir + " does not exist");
    }
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> files = s.filter(p -> {
        String n = p.getFileName().toString();
        return Files.isRegularFile(p) && (n.endsWith(".v") || n.endsWith(".sv"));
      }).sorted().collect(Collectors.toList());
      if (files.isEmpty()) {
        throw new FlowException("no Verilog files (.v, .sv) in " + dir);
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /** Checks that some file defines module {@code top}; the error lists the modules found. */
  static void requireTop(List<Path> files, String top) {
    List<String> modules = new ArrayList<>();
    for (Path f : files) {
      try {
        Matcher m = MODULE.matcher(Files.readString(f, StandardCharsets.UTF_8));
        while (m.find()) {
          modules.add(m.group(1));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + f, e);
      }
    }
    if (!modules.contains(top)) {
      throw new FlowException("top module " + top + " is not defined in " + files.get(0).getParent()
          + "; modules found: " + String.join(", ", modules));
    }
  }

  /**
   * Synthesises {@code files} with {@code synthCommand} (e.g. {@code synth_ice40 -dsp}) and writes
   * {@code workDir/synth.ys}, {@code synth.json}, {@code stat.json} and {@code yosys.log}. Yosys
   * runs in {@code sourceDir}, so relative {@code $readmemh} paths resolve from there.
   */
  static Synthesis synthesize(List<Path> files, String top, String synthCommand, Path workDir, Path sourceDir,
      Duration timeout) {
    return synthesize(files, top, synthCommand, workDir, sourceDir, timeout, null);
  }

  /**
   * As {@link #synthesize(List, String, String, Path, Path, Duration)}; with a non-null {@code yosysId} (the
   * Yosys binary's path and version) the netlist already in {@code workDir} is kept (no Yosys run, elapsed
   * zero) when its content key, written beside it as {@code synth.key}, equals this run's: the SHA-256 of
   * {@code yosysId}, the script and every file under {@code sourceDir} (relative name and bytes, sorted;
   * {@code workDir} left out).
   */
  static Synthesis synthesize(List<Path> files, String top, String synthCommand, Path workDir, Path sourceDir,
      Duration timeout, String yosysId) {
    Path netlist = workDir.resolve("synth.json").toAbsolutePath();
    Path keyFile = workDir.resolve("synth.key").toAbsolutePath();
    Path stat = workDir.resolve("stat.json").toAbsolutePath();
    Path script = workDir.resolve("synth.ys").toAbsolutePath();
    StringBuilder ys = new StringBuilder();
    ys.append("# spikeforge synthesis of ").append(top).append('\n');
    ys.append("read_verilog -sv -DENABLE_INITIAL_MEM_");
    for (Path f : files) {
      ys.append(' ').append(quote(f.toAbsolutePath().toString()));
    }
    ys.append('\n');
    // memories hw-gen marks as never read in the clock their word is written (HwGen.NoRwCheckTag): no collision logic
    ys.append("setattr -set no_rw_check 1 *").append(HwGen.NoRwCheckTag()).append("*/m:*\n");
    ys.append(synthCommand).append(" -top ").append(top).append('\n');
    ys.append("tee -q -o ").append(quote(stat.toString())).append(" stat -json\n");
    ys.append("write_json ").append(quote(netlist.toString())).append('\n');
    String key = yosysId == null ? null : contentKey(yosysId, ys.toString(), sourceDir, workDir);
    if (key != null && Files.isRegularFile(netlist) && Files.isRegularFile(stat) && Files.isRegularFile(keyFile)) {
      try {
        if (Files.readString(keyFile, StandardCharsets.UTF_8).strip().equals(key)) {
          YosysStat s = YosysStat.parse(Files.readString(stat, StandardCharsets.UTF_8));
          return new Synthesis(s, topPorts(Files.readString(netlist, StandardCharsets.UTF_8), top), netlist,
              Duration.ZERO);
        }
      } catch (IOException | IllegalArgumentException e) {
        // an unreadable earlier result: synthesize again below
      }
    }
    try {
      Files.createDirectories(workDir);
      Files.deleteIfExists(keyFile);
      Files.deleteIfExists(netlist);
      Files.deleteIfExists(stat);
      AtomicFiles.writeString(script, ys.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + script, e);
    }
    Path log = workDir.resolve("yosys.log").toAbsolutePath();
    List<String> cmd = List.of("yosys", "-q", "-l", log.toString(), "-s", script.toString());
    ProcessRunner.Outcome o = FlowProcesses.run(cmd, sourceDir, workDir.resolve("yosys.out").toAbsolutePath(), timeout,
        "yosys synthesis of " + top);
    if (o.exitCode() != 0) {
      throw new FlowException("yosys synthesis of " + top + " failed (exit code " + o.exitCode() + "): "
          + firstError(log, workDir.resolve("yosys.out").toAbsolutePath()) + "\n" + ProcessRunner.describe(cmd, sourceDir, log));
    }
    try {
      YosysStat s = YosysStat.parse(Files.readString(stat, StandardCharsets.UTF_8));
      Synthesis done = new Synthesis(s, topPorts(Files.readString(netlist, StandardCharsets.UTF_8), top), netlist,
          o.elapsed());
      if (key != null) {
        AtomicFiles.writeString(keyFile, key + "\n"); // last: a key never stands beside a half-written netlist
      }
      return done;
    } catch (IOException e) {
      throw new FlowException("yosys reported success but did not write " + stat + " / " + netlist, e);
    }
  }

  /** SHA-256 (hex) of the Yosys binary's id, the script and every file under {@code dir} outside {@code skip}. */
  static String contentKey(String yosysId, String script, Path dir, Path skip) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
    md.update((yosysId + "\n" + script + "\n").getBytes(StandardCharsets.UTF_8));
    Path skipAbs = skip.toAbsolutePath().normalize();
    try (Stream<Path> all = Files.walk(dir)) {
      List<Path> inputs = all.filter(Files::isRegularFile)
          .filter(f -> !f.toAbsolutePath().normalize().startsWith(skipAbs)).sorted().toList();
      for (Path f : inputs) {
        md.update((dir.relativize(f) + "\n").getBytes(StandardCharsets.UTF_8));
        byte[] bytes = Files.readAllBytes(f);
        md.update((bytes.length + "\n").getBytes(StandardCharsets.UTF_8));
        md.update(bytes);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Verilog directory " + dir, e);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** The top module's ports from a Yosys JSON netlist, in its order. */
  static List<Pcf.TopPort> topPorts(String netlistJson, String top) {
    JsonNode ports;
    try {
      ports = JSON.readTree(netlistJson).path("modules").path(top).get("ports");
    } catch (IOException e) {
      throw new FlowException("cannot read the Yosys netlist of " + top + ": " + e.getMessage(), e);
    }
    if (ports == null || !ports.isObject()) {
      throw new FlowException("the Yosys netlist has no module " + top);
    }
    List<Pcf.TopPort> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = ports.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String dir = e.getValue().path("direction").asText();
      BoardSignal.Direction d = switch (dir) {
        case "input" -> BoardSignal.Direction.IN;
        case "output" -> BoardSignal.Direction.OUT;
        default -> BoardSignal.Direction.INOUT;
      };
      out.add(new Pcf.TopPort(e.getKey(), e.getValue().path("bits").size(), d));
    }
    return out;
  }

  private static String firstError(Path... logs) {
    for (Path log : logs) {
      try {
        // ISO-8859-1 reads any byte; Yosys echoes source text, which need not be UTF-8
        String hit = Files.readAllLines(log, StandardCharsets.ISO_8859_1).stream()
            .filter(l -> l.startsWith("ERROR")).findFirst().map(String::strip).orElse(null);
        if (hit != null) {
          return hit;
        }
      } catch (IOException e) {
        // try the next
      }
    }
    return "see the log";
  }

  /** Yosys script commands split at white space and do not all honour quotes: such paths are refused. */
  private static String quote(String path) {
    if (path.matches(".*[\\s\"#;].*")) {
      throw new FlowException("the path " + path + " contains white space, a quote, '#' or ';', which Yosys "
          + "scripts cannot carry; use a directory without them");
    }
    return path;
  }
}
