package dev.spikeforge.simkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Verilator's runtime library (verilated.cpp and verilated_threads.cpp, about two thirds of the
 * compile time of a small design) compiled once per shared directory and Verilator version and reused
 * by every later build naming that directory: its objects are copied into the new build's object
 * directory before make, which then finds them up to date.
 */
final class RuntimeObjects {
  private static final List<String> FILES = List.of("verilated.o", "verilated.d", "verilated_threads.o",
      "verilated_threads.d");

  private RuntimeObjects() {}

  /** Copies the kept objects into {@code obj}, if {@code runtime} holds them for {@code version}. */
  static synchronized void copyInto(Path runtime, Path obj, String version) {
    try {
      if (!BuildKey.upToDate(runtime, BuildKey.of(version))) {
        return;
      }
      for (String f : FILES) {
        Files.copy(runtime.resolve(f), obj.resolve(f), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reuse the Verilator runtime objects of " + runtime, e);
    }
  }

  /** Keeps the runtime objects of the build in {@code obj} in {@code runtime}, unless already kept. */
  static synchronized void keep(Path runtime, Path obj, String version) {
    String key = BuildKey.of(version);
    if (BuildKey.upToDate(runtime, key)) {
      return;
    }
    try {
      Files.createDirectories(runtime);
      for (String f : FILES) {
        if (!Files.isRegularFile(obj.resolve(f))) {
          return;
        }
        Files.copy(obj.resolve(f), runtime.resolve(f), StandardCopyOption.REPLACE_EXISTING);
      }
      BuildKey.markUpToDate(runtime, key);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the Verilator runtime objects in " + runtime, e);
    }
  }
}
