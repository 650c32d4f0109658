package dev.spikeforge.compiler.build;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spikeforge.compiler.image.MemoryImages;
import dev.spikeforge.compiler.map.HwMapper;
import dev.spikeforge.compiler.map.MemoryTarget;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.io.TraceFile;
import dev.spikeforge.golden.sim.IntSimulator;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.hw.HwCore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The compile flow: integer network → hardware spec ({@link HwMapper}) → memory images ({@link
 * MemoryImages}) → RTL (hw-gen, {@link Rtl}) → smoke vectors (golden model) → manifest, written
 * as a build directory: {@code config.json}, {@code network.json}, {@code manifest.json},
 * {@code rtl/SnnCore.sv}, {@code mem/*.hex}, {@code vectors/smoke.stim}, {@code
 * vectors/smoke.sftrace}, {@code reports/}. Same inputs → byte-identical directory. The directory
 * is assembled under a temporary name next to the target and renamed into place, so a reader never
 * sees half of one.
 */
public final class Compiler {
  private Compiler() {}

  /** What {@link #compile} wrote. */
  public record Build(Path dir, NetworkSpec network, HwCore core, CompileConfig config, ObjectNode manifest) {}

  /** The files of a build directory (relative path → bytes) and its manifest, in memory. */
  public record Contents(HwCore core, Map<String, byte[]> files, ObjectNode manifest) {}

  /** Everything a build directory holds for {@code net} and {@code config}, without writing it. */
  public static Contents contents(NetworkSpec net, CompileConfig config) {
    Objects.requireNonNull(net, "net");
    Objects.requireNonNull(config, "config");
    HwCore core = HwMapper.map(net, config.mapping(), MemoryTarget.forBoard(config.board()), config.learningSpec());
    Map<String, byte[]> files = new LinkedHashMap<>();
    String networkJson = NetworkJson.write(net);
    String hash = NetworkJson.contentHash(net);
    files.put(BuildDirectory.NETWORK, utf8(networkJson));
    files.put(BuildDirectory.CONFIG, utf8(Json.write(config.toJson())));
    Rtl.Elaborated rtl = Rtl.of(core);
    files.put(BuildDirectory.RTL, utf8(rtl.verilog()));
    for (Map.Entry<String, String> e : MemoryImages.build(net, core).entrySet()) {
      files.put(e.getKey(), utf8(e.getValue()));
    }
    List<StimulusFile.Sample> smoke =
        StimulusFile.poisson(net.inputSize(), net.timesteps(), config.smokeSamples(), config.smokeSeed());
    files.put(BuildDirectory.SMOKE_STIMULUS, utf8(StimulusFile.format(net.inputSize(), net.timesteps(), smoke)));
    files.put(BuildDirectory.SMOKE_TRACE, goldenTrace(net, hash, smoke));
    ObjectNode manifest = Manifest.build(net, hash, core, rtl.ports(), files);
    return new Contents(core, files, manifest);
  }

  /** Compiles {@code net} into the build directory {@code out} (replacing an older build there). */
  public static Build compile(NetworkSpec net, CompileConfig config, Path out) {
    Contents c = contents(net, config);
    Map<String, byte[]> all = new LinkedHashMap<>(c.files());
    all.put(BuildDirectory.MANIFEST, utf8(Json.write(c.manifest())));
    writeAtomically(out, all);
    return new Build(out, net, c.core(), config, c.manifest());
  }

  /** The golden model's traces of the stimulus (.sftrace bytes). */
  static byte[] goldenTrace(NetworkSpec net, String hash, List<StimulusFile.Sample> samples) {
    IntSimulator sim = new IntSimulator(net);
    List<TraceFile.Sample> traces = new ArrayList<>();
    for (StimulusFile.Sample s : samples) {
      traces.add(new TraceFile.Sample(s.id(), sim.runTraced(s.spikes(), hash)));
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      TraceFile.write(bytes, traces);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void writeAtomically(Path out, Map<String, byte[]> files) {
    Path target = out.toAbsolutePath().normalize();
    Path parent = target.getParent();
    String name = target.getFileName().toString();
    Path tmp = parent.resolve("." + name + ".compiling");
    Path old = parent.resolve("." + name + ".replaced");
    try {
      Files.createDirectories(parent);
      if (Files.exists(target)) {
        if (!Files.isDirectory(target)) {
          throw new BuildException(out + " exists and is not a directory; choose another output (-o)");
        }
        boolean empty;
        try (var s = Files.list(target)) {
          empty = s.findAny().isEmpty();
        }
        if (!empty && !Files.exists(target.resolve(BuildDirectory.MANIFEST))) {
          throw new BuildException(out + " exists and is not a spikeforge build directory (no "
              + BuildDirectory.MANIFEST + "); choose another output (-o) or remove it");
        }
      }
      deleteTree(tmp);
      Files.createDirectories(tmp);
      for (String dir : BuildDirectory.DIRECTORIES) {
        Files.createDirectories(tmp.resolve(dir));
      }
      for (Map.Entry<String, byte[]> e : files.entrySet()) {
        Path f = tmp.resolve(e.getKey());
        Files.createDirectories(f.getParent());
        Files.write(f, e.getValue());
      }
      deleteTree(old);
      if (Files.exists(target)) {
        Files.move(target, old);
      }
      Files.move(tmp, target);
      deleteTree(old);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the build directory " + out, e);
    }
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (var walk = Files.walk(p)) {
      for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
