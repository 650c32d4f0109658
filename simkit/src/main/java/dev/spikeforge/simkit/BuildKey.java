package dev.spikeforge.simkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Reuse of simulator builds: a build directory records, in {@code build.key}, the hash of everything
 * its build read; a later build with the same hash reuses it.
 */
public final class BuildKey {
  private static final String KEY_FILE = "build.key";

  private BuildKey() {}

  /** SHA-256 (hex) of the parts, each terminated by a zero byte. */
  public static String of(String... parts) {
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

  /** Whether {@code dir} holds a build made with {@code key}. */
  public static boolean upToDate(Path dir, String key) {
    try {
      Path f = dir.resolve(KEY_FILE);
      return Files.isRegularFile(f) && Files.readString(f).equals(key);
    } catch (IOException e) {
      return false;
    }
  }

  /** Records that {@code dir} now holds a build made with {@code key}. */
  public static void markUpToDate(Path dir, String key) {
    try {
      Files.writeString(dir.resolve(KEY_FILE), key);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve(KEY_FILE), e);
    }
  }
}
