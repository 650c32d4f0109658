package dev.spikeforge.golden.train;

/**
 * A checkpoint that cannot be used: missing, corrupt (content hash mismatch, truncated, wrong
 * format or version) or made by a different run (architecture, rule, seed, …). The message names
 * the file and the reason, and what to do about it. Bad input, hence an {@link IllegalArgumentException}.
 */
public final class CheckpointException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public CheckpointException(String message) {
    super(message);
  }

  public CheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}
