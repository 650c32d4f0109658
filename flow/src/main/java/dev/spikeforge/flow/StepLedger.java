package dev.spikeforge.flow;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A build directory's record of its steps: the content hash of each step's inputs when it last
 * succeeded ({@value #HASHES}) and each step's wall time in the last run ({@value #TIMES}).
 */
final class StepLedger {
  static final String HASHES = "reports/step_inputs.json";
  static final String TIMES = "reports/time_per_step.json";

  private final Path out;

  StepLedger(Path out) {
    this.out = out;
  }

  /** Whether {@code step} last succeeded on inputs of hash {@code hash}. */
  boolean unchanged(String step, String hash) {
    return hash.equals(read(HASHES).get(step));
  }

  /** Records that {@code step} succeeded on inputs of hash {@code hash}. */
  void recordInputs(String step, String hash) {
    Map<String, Object> m = read(HASHES);
    m.put(step, hash);
    Json.writeFile(out.resolve(HASHES), m);
  }

  /** Records {@code step}'s wall time and whether it was skipped. */
  void recordTime(String step, double seconds, boolean skipped) {
    Map<String, Object> m = read(TIMES);
    Map<String, Object> t = new LinkedHashMap<>(); // ordered: Map.of's order changes from run to run
    t.put("seconds", seconds);
    t.put("skipped", skipped);
    m.put(step, t);
    Json.writeFile(out.resolve(TIMES), m);
  }

  private Map<String, Object> read(String name) {
    Path f = out.resolve(name);
    if (!Files.isRegularFile(f)) {
      return new LinkedHashMap<>();
    }
    try {
      return Json.MAPPER.readValue(f.toFile(), new TypeReference<LinkedHashMap<String, Object>>() { });
    } catch (IOException e) {
      return new LinkedHashMap<>(); // unreadable: every step runs again and rewrites it
    }
  }

  /** A SHA-256 over a step's name, the JSON of its config sections and the bytes of its input files. */
  static final class Hash {
    private final MessageDigest md;

    Hash(String step) {
      try {
        md = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
      text(step);
    }

    Hash config(Object section) {
      return text(Json.write(section));
    }

    Hash text(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      md.update(Integer.toString(b.length).getBytes(StandardCharsets.UTF_8));
      md.update((byte) ':');
      md.update(b);
      return this;
    }

    /** The file's bytes, or every file below a directory (sorted by relative path); a missing path hashes as such. */
    Hash files(Path root, List<String> names) {
      for (String name : names) {
        Path p = root.resolve(name);
        if (Files.isDirectory(p)) {
          try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
              file(root, f);
            }
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        } else if (Files.isRegularFile(p)) {
          file(root, p);
        } else {
          text("missing " + name);
        }
      }
      return this;
    }

    private void file(Path root, Path f) {
      text(root.relativize(f).toString().replace('\\', '/'));
      try (InputStream in = Files.newInputStream(f)) {
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) {
          md.update(buf, 0, n);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String hex() {
      return HexFormat.of().formatHex(md.digest());
    }
  }
}
