package dev.spikeforge.testbenches;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Reuse of simulator builds: a build directory records the hash of everything its build read. */
final class Builds {
  private static final String KEY_FILE = "build.key";

  private Builds() {}

  static String key(String... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (String p : parts) {
        md.update(p.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static boolean upToDate(Path dir, String key) {
    try {
      Path f = dir.resolve(KEY_FILE);
      return Files.isRegularFile(f) && Files.readString(f).equals(key);
    } catch (IOException e) {
      return false;
    }
  }

  static void markUpToDate(Path dir, String key) {
    try {
      Files.writeString(dir.resolve(KEY_FILE), key);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve(KEY_FILE), e);
    }
  }

  static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + f, e);
    }
  }
}
