package dev.spikeforge.testbenches;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files of a harness build: the work directory, generated sources, the RTL read for a build key. */
final class WorkFiles {
  private WorkFiles() {}

  /** {@code dir}, absolute, created if needed. */
  static Path mkdirs(Path dir) {
    try {
      return Files.createDirectories(dir.toAbsolutePath());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create work directory " + dir, e);
    }
  }

  /** Writes {@code text} to {@code file} and returns it. */
  static Path write(Path file, String text) {
    try {
      return Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
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
