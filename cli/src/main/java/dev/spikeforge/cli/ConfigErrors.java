package dev.spikeforge.cli;

import dev.spikeforge.flow.ConfigException;
import java.util.Locale;

/** A flow request's {@link ConfigException} as the command line's error: the field as its option's name. */
final class ConfigErrors {
  private ConfigErrors() {}

  /** The option of a request field: {@code trainLimit} is {@code --train-limit}. */
  static String option(String field) {
    return "--" + field.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
  }

  /** {@code e} as a one-line user error naming the option, e.g. {@code --threads must be at least 1}. */
  static UserException of(ConfigException e) {
    return new UserException(option(e.field()) + " " + e.problem());
  }
}
