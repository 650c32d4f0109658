package dev.spikeforge.golden.data;

import java.nio.file.Path;

/**
 * A dataset directory or file that does not exist. The message names the path and says how to
 * obtain the data or point spikeforge at another copy.
 */
public final class DatasetNotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Path path;

  /** {@code path} is the missing file or directory; {@code fix} tells the user how to get it. */
  public DatasetNotFoundException(Path path, String what, String fix) {
    super(what + " not found: " + path + ". Fix: " + fix);
    this.path = path;
  }

  /** The missing file or directory. */
  public Path path() {
    return path;
  }
}
