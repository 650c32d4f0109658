package dev.spikeforge.golden.spec;

/**
 * An invalid value in a spec or model file. The message always starts with the path of the
 * offending field (for example {@code layers[1].neuron.threshold}) and says what is allowed.
 */
public final class SpecException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String field;

  public SpecException(String field, String message) {
    super(field + ": " + message);
    this.field = field;
  }

  /** Path of the field the error is about. */
  public String field() {
    return field;
  }

  /** The same error with {@code prefix} prepended to its field path. */
  public SpecException under(String prefix) {
    String msg = getMessage().substring(field.length() + 2);
    SpecException e = new SpecException(prefix + "." + field, msg);
    e.setStackTrace(getStackTrace());
    return e;
  }

  public static void check(boolean ok, String field, String message) {
    if (!ok) {
      throw new SpecException(field, message);
    }
  }

  public static void inRange(long v, long lo, long hi, String field, String why) {
    if (v < lo || v > hi) {
      throw new SpecException(
          field, v + " is outside the allowed range " + lo + ".." + hi + (why.isEmpty() ? "" : " (" + why + ")"));
    }
  }
}
