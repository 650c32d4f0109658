package dev.spikeforge.simkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The work directory of a build, created on demand and always absolute. */
final class WorkDir {
  private WorkDir() {}

  static Path create(Path workDir) {
    try {
      return Files.createDirectories(workDir.toAbsolutePath());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create work directory " + workDir, e);
    }
  }
}
