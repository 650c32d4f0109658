package dev.spikeforge.flow;

/**
 * An invalid {@link BuildConfig} or {@link TrainRequest}: names the field (a dotted path such as
 * {@code training.epochs}, or a request's field such as {@code trainLimit}) and says what would fix it. A front end can map {@link #field()} to its own option name and reuse
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

  /** The offending field, e.g. {@code verify.images} or {@code trainLimit}. */
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
