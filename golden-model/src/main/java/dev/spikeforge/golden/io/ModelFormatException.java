package dev.spikeforge.golden.io;

/** A model or data file that cannot be read: not JSON, truncated, wrong format or version. */
public final class ModelFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ModelFormatException(String message) {
    super(message);
  }

  public ModelFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
