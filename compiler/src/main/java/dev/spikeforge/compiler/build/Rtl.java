package dev.spikeforge.compiler.build;

import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.hwgen.GeneratedModule;
import dev.spikeforge.hwgen.HwGen;
import dev.spikeforge.hwgen.HwPort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The core's RTL for a hardware spec, elaborated by hw-gen. Elaboration is deterministic and the
 * RTL depends on the spec only, so results are kept per JVM keyed by the spec's canonical JSON:
 * compiling many networks of one structure elaborates once.
 */
public final class Rtl {
  /** Verilog text and top-module ports of one elaboration. */
  public record Elaborated(String verilog, List<HwPort> ports) {}

  private static final ConcurrentHashMap<String, Elaborated> CACHE = new ConcurrentHashMap<>();

  private Rtl() {}

  /** The RTL of {@code core} (from the cache, or elaborated into a scratch directory). */
  public static Elaborated of(HwCore core) {
    String key = Json.write(HwSpecJson.core(core));
    return CACHE.computeIfAbsent(key, k -> elaborate(core));
  }

  private static synchronized Elaborated elaborate(HwCore core) {
    try {
      Path dir = Files.createTempDirectory("spikeforge-rtl");
      try {
        GeneratedModule m = HwGen.generateCore(core, dir);
        return new Elaborated(Files.readString(m.verilog()), List.copyOf(m.ports()));
      } finally {
        try (var files = Files.list(dir)) {
          for (Path f : (Iterable<Path>) files::iterator) {
            Files.deleteIfExists(f);
          }
        }
        Files.deleteIfExists(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot elaborate the core", e);
    }
  }
}
