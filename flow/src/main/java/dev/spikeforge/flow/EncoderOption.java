package dev.spikeforge.flow;

import dev.spikeforge.golden.spec.EncoderSpec;
import dev.spikeforge.golden.spec.SpecException;

/**
 * The {@code encoder} field of the requests: the text of an {@link EncoderSpec} ({@code rate}, {@code rate:min=M},
 * {@code latency[:min=M]}, {@code poisson[:seed=S]}, {@code rate32}), checked into a {@link ConfigException}.
 */
final class EncoderOption {
  private EncoderOption() {}

  /** Refuses a malformed spec, naming {@code field}; null passes (the model's or the default encoder). */
  static void check(String field, String text) {
    if (text != null) {
      spec(field, text, 1);
    }
  }

  /** {@code text} parsed, or {@link EncoderSpec#DEFAULT} for null. */
  static EncoderSpec spec(String text) {
    return text == null ? EncoderSpec.DEFAULT : spec("encoder", text, 1);
  }

  /**
   * {@code text} parsed; a bare {@code poisson} (no {@code seed=}) takes {@code seed}, the requests' separate seed
   * field (the CLI's {@code --seed}).
   */
  static EncoderSpec spec(String field, String text, long seed) {
    try {
      EncoderSpec s = EncoderSpec.parse(text);
      return s.kind() == EncoderSpec.Kind.POISSON && !text.contains("seed=") ? EncoderSpec.poisson(seed) : s;
    } catch (SpecException e) {
      throw new ConfigException(field, e.getMessage().replaceFirst("^encoder(\\.\\w+)?: ", ""), e);
    }
  }

  /** The encoder {@code text} names (with {@code seed} for a bare poisson), or the model's {@code recorded}. */
  static EncoderSpec resolve(String text, long seed, EncoderSpec recorded) {
    return text == null ? recorded : spec("encoder", text, seed);
  }
}
