package dev.spikeforge.boards.link;

/**
 * The serial link failed: the board reported an error, did not answer in time, or sent bytes that
 * are not a valid frame. The message says which and what to check.
 */
public final class LinkException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LinkException(String message) {
    super(message);
  }

  public LinkException(String message, Throwable cause) {
    super(message, cause);
  }
}
