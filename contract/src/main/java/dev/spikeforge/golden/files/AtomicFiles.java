package dev.spikeforge.golden.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes files so that a reader never sees half of one: the content goes to a temporary file in
 * the same directory, {@code .NAME.PID.RANDOM.tmp}, which is then renamed over the target. A writer
 * killed before the rename (kill -9) leaves its temporary file; the next write of the same target
 * deletes those of writers that are no longer running, and leaves those of live ones alone.
 */
public final class AtomicFiles {
  /** What follows {@code .NAME.} in a temporary file of ours: the writer's pid, the random part, {@code .tmp}. */
  private static final Pattern TEMP_SUFFIX = Pattern.compile("(\\d{1,18})\\.\\d+\\.tmp");

  private AtomicFiles() {}

  /** A writer of an output stream that may throw. */
  public interface StreamWriter {
    void write(OutputStream out) throws IOException;
  }

  /** A writer of a file at a path, for libraries that write files rather than streams (HDF5). */
  public interface PathWriter {
    void write(Path tmp) throws IOException;
  }

  public static void writeString(Path file, String text) throws IOException {
    write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  public static void writeBytes(Path file, byte[] bytes) throws IOException {
    write(file, out -> out.write(bytes));
  }

  public static void write(Path file, StreamWriter writer) throws IOException {
    writeVia(file, tmp -> {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        writer.write(out);
      }
    });
  }

  /**
   * Lets {@code writer} write the temporary file (which exists, empty) at its path, then renames it over
   * {@code file} as {@link #write} does.
   */
  public static void writeVia(Path file, PathWriter writer) throws IOException {
    Path abs = file.toAbsolutePath();
    if (Files.isDirectory(abs)) { // checked first: renaming onto a directory would fail naming the temporary file
      throw new FileSystemException(abs.toString(), null, "is a directory");
    }
    Path dir = abs.getParent();
    Files.createDirectories(dir);
    String prefix = "." + abs.getFileName() + ".";
    deleteAbandoned(dir, prefix);
    Path tmp = Files.createTempFile(dir, prefix + ProcessHandle.current().pid() + ".", ".tmp");
    try {
      writer.write(tmp);
      try {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Deletes {@code dir/PREFIX<pid>.<random>.tmp} files whose process {@code pid} has ended. */
  private static void deleteAbandoned(Path dir, String prefix) throws IOException {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, p -> {
      String n = p.getFileName().toString();
      return n.startsWith(prefix) && n.endsWith(".tmp");
    })) {
      for (Path p : s) {
        Matcher m = TEMP_SUFFIX.matcher(p.getFileName().toString().substring(prefix.length()));
        if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
