package dev.spikeforge.compiler.build;

/**
 * A build directory that cannot be used: missing, corrupt, stale or disagreeing with its spec. The
 * message names the directory, the file or field, what is wrong and how to fix it.
 */
public final class BuildException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BuildException(String message) {
    super(message);
  }

  public BuildException(String message, Throwable cause) {
    super(message, cause);
  }
}
