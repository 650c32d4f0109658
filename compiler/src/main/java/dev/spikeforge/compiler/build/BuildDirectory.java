package dev.spikeforge.compiler.build;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.spikeforge.golden.io.ModelFormatException;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.numerics.NumericsContract;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.SpecException;
import dev.spikeforge.golden.spec.hw.HwCore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads a build directory back and refuses it, with one clear message, when it is missing, corrupt
 * (a file changed after compile), stale (made by another generator or numerics version) or when
 * its manifest disagrees with its spec (the hardware spec, images or RTL that {@code network.json}
 * and {@code config.json} compile to differ from what the manifest records).
 */
public final class BuildDirectory {
  public static final String MANIFEST = "manifest.json";
  public static final String CONFIG = "config.json";
  public static final String NETWORK = "network.json";
  public static final String RTL = "rtl/" + HwCore.TOP + ".sv";
  public static final String SMOKE_STIMULUS = "vectors/smoke.stim";
  public static final String SMOKE_TRACE = "vectors/smoke.sftrace";
  public static final List<String> DIRECTORIES = List.of("rtl", "mem", "vectors", "reports");

  private BuildDirectory() {}

  /** A build directory that passed every check. */
  public record Loaded(Path dir, NetworkSpec network, String networkHash, HwCore core, CompileConfig config,
      JsonNode manifest) {}

  /** Loads {@code dir} and checks it against its spec; see the class comment. */
  public static Loaded load(Path dir) {
    String d = dir.toString();
    String rebuild = "; rebuild it with 'spikeforge compile MODEL.json -o " + d + "'";
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new BuildException(d + " is a file, not a build directory; give the directory that 'spikeforge compile"
          + " MODEL.json -o DIR' wrote");
    }
    if (!Files.isDirectory(dir)) {
      throw new BuildException("build directory " + d + " does not exist; create it with 'spikeforge compile MODEL.json -o "
          + d + "'");
    }
    Path mf = dir.resolve(MANIFEST);
    if (!Files.isRegularFile(mf)) {
      throw new BuildException(d + " is not a spikeforge build directory: " + MANIFEST + " is missing" + rebuild);
    }
    JsonNode m;
    try {
      m = Json.MAPPER.readTree(Files.readString(mf));
    } catch (JsonProcessingException e) {
      throw new BuildException(d + "/" + MANIFEST + " is corrupt (not valid JSON: " + e.getOriginalMessage() + ")" + rebuild);
    } catch (IOException e) {
      throw new BuildException("cannot read " + mf + ": " + e.getMessage());
    }
    if (m == null || !m.isObject() || !Manifest.FORMAT.equals(m.path("format").asText())) {
      throw new BuildException(d + "/" + MANIFEST + " is corrupt: it is not a spikeforge build manifest" + rebuild);
    }
    if (m.path("version").asInt() != Manifest.VERSION) {
      throw new BuildException(d + " is stale: manifest version " + m.path("version") + ", this spikeforge reads version "
          + Manifest.VERSION + rebuild);
    }
    if (m.path("numericsVersion").asInt() != NumericsContract.VERSION) {
      throw new BuildException(d + " is stale: it was built for numerics contract version " + m.path("numericsVersion")
          + ", this spikeforge implements version " + NumericsContract.VERSION + rebuild);
    }
    JsonNode gen = Manifest.generator();
    for (Iterator<String> it = gen.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!gen.get(k).equals(m.path("generator").path(k))) {
        throw new BuildException(d + " is stale: it was generated with " + k + " " + m.path("generator").path(k)
            + ", this spikeforge uses " + gen.get(k) + rebuild);
      }
    }
    JsonNode files = m.path("files");
    if (!files.isObject() || !files.has(NETWORK) || !files.has(CONFIG) || !files.has(RTL)) {
      throw new BuildException(d + "/" + MANIFEST + " is corrupt: its file list lacks " + NETWORK + ", " + CONFIG + " or "
          + RTL + rebuild);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Path f = dir.resolve(e.getKey());
      if (!Files.isRegularFile(f)) {
        throw new BuildException(d + " is corrupt: " + e.getKey() + " is missing" + rebuild);
      }
      String actual;
      try {
        actual = Manifest.sha256(Files.readAllBytes(f));
      } catch (IOException ex) {
        throw new BuildException("cannot read " + f + ": " + ex.getMessage());
      }
      if (!actual.equals(e.getValue().asText())) {
        throw new BuildException(d + " is corrupt: " + e.getKey() + " changed after compile (its SHA-256 differs from "
            + MANIFEST + ")" + rebuild);
      }
    }
    NetworkSpec net;
    CompileConfig config;
    try {
      net = NetworkJson.read(dir.resolve(NETWORK));
      config = CompileConfig.fromJson(Json.MAPPER.readTree(Files.readString(dir.resolve(CONFIG))));
    } catch (SpecException | ModelFormatException e) {
      throw new BuildException(d + " is corrupt: " + e.getMessage() + rebuild, e);
    } catch (IOException e) {
      throw new BuildException(d + " is corrupt: " + CONFIG + ": " + e.getMessage() + rebuild, e);
    }
    Compiler.Contents expected = Compiler.contents(net, config);
    String diff = firstDifference("", expected.manifest(), m);
    if (diff != null) {
      throw new BuildException(d + ": " + MANIFEST + " does not match its spec (" + NETWORK + " + " + CONFIG + "): " + diff
          + "; the build is stale or was edited" + rebuild);
    }
    return new Loaded(dir, net, NetworkJson.contentHash(net), expected.core(), config, m);
  }

  /** The first field where {@code actual} differs from {@code expected}, described, or null. */
  static String firstDifference(String path, JsonNode expected, JsonNode actual) {
    if (expected.isObject() && actual != null && actual.isObject()) {
      for (Iterator<String> it = expected.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        String sub = firstDifference(path.isEmpty() ? k : path + "." + k, expected.get(k), actual.get(k));
        if (sub != null) {
          return sub;
        }
      }
      for (Iterator<String> it = actual.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!expected.has(k)) {
          return (path.isEmpty() ? k : path + "." + k) + " is not expected";
        }
      }
      return null;
    }
    if (expected.isArray() && actual != null && actual.isArray()) {
      if (expected.size() != actual.size()) {
        return path + " has " + actual.size() + " entries in the manifest, " + expected.size() + " from the spec";
      }
      for (int i = 0; i < expected.size(); i++) {
        String sub = firstDifference(path + "[" + i + "]", expected.get(i), actual.get(i));
        if (sub != null) {
          return sub;
        }
      }
      return null;
    }
    if (expected.equals(actual)) {
      return null;
    }
    return path + " is " + (actual == null ? "missing" : actual.toString()) + " in the manifest but " + expected
        + " from the spec";
  }
}
