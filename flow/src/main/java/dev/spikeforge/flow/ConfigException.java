package dev.spikeforge.flow;

/**
 * An invalid {@link BuildConfig}: names the field (dotted path, e.g. {@code training.epochs}) and
 * says what would fix it. A front end can map {@link #field()} to its own option name and reuse
 * {@link #problem()}.
 */
public final class ConfigException extends IllegalArgumentException {
  private final String field;
  private final String problem;

  ConfigException(String field, String problem) {
    this(field, problem, null);
  }

  ConfigException(String field, String problem, Throwable cause) {
    super(field + " " + problem, cause);
    this.field = field;
    this.problem = problem;
  }

  /** The dotted path of the offending field, e.g. {@code verify.images}. */
  public String field() {
    return field;
  }

  /** The problem and its fix, without the field name. */
  public String problem() {
    return problem;
  }

  static void require(boolean ok, String field, String problem) {
    if (!ok) {
      throw new ConfigException(field, problem);
    }
  }
}
