package dev.spikeforge.golden.train.rules;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a rule builds its engine from: the settings every rule shares and the rule's own options.
 *
 * @param sizes the architecture, input … output, e.g. {@code {784, 1000, 100, 10}}
 * @param dataset name of the dataset (rules may take their defaults from it)
 * @param precision {@code float} or {@code int}
 * @param seed seed of initialisation and of the rule's pseudo-random choices
 * @param weightBits width of the forward weights, or null for the rule's default
 * @param membraneBits membrane width, or null for the rule's default
 * @param threads threads the engine may use (results do not depend on it)
 * @param options the rule's own options
 */
public record RuleConfig(int[] sizes, String dataset, String precision, long seed, Integer weightBits,
    Integer membraneBits, int threads, RuleOptions options) {
  /** Forward weight width when none is given. */
  public static final int DEFAULT_WEIGHT_BITS = 8;

  public RuleConfig {
    if (!precision.equals("float") && !precision.equals("int")) {
      throw new IllegalArgumentException("precision must be float or int, not '" + precision + "'");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
    sizes = sizes.clone();
  }

  @Override
  public int[] sizes() {
    return sizes.clone();
  }

  /** Whether the run learns in the integer form. */
  public boolean integer() {
    return precision.equals("int");
  }

  /** {@link #weightBits()} or {@value #DEFAULT_WEIGHT_BITS}. */
  public int weightBitsOrDefault() {
    return weightBits == null ? DEFAULT_WEIGHT_BITS : weightBits;
  }

  /** The architecture as {@code 784-1000-100-10}. */
  public String arch() {
    return Arrays.stream(sizes).mapToObj(Integer::toString).collect(Collectors.joining("-"));
  }
}
