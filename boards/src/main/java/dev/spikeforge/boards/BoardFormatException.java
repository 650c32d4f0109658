package dev.spikeforge.boards;

/** A board or part description is invalid; the message names the field. */
public final class BoardFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String field;

  public BoardFormatException(String field, String message) {
    super(field + ": " + message);
    this.field = field;
  }

  /** The offending field, e.g. {@code signals.led0.pin}. */
  public String field() {
    return field;
  }
}
