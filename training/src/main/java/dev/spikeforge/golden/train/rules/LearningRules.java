package dev.spikeforge.golden.train.rules;

import java.util.List;

/**
 * The learning rules spikeforge knows, by name. A new rule is one class implementing {@link
 * LearningRule} in this package and one entry in {@link #ALL}; front ends list and look rules up
 * here and never change for it.
 */
public final class LearningRules {
  /** Every rule, in the order front ends list them. */
  private static final List<LearningRule> ALL = List.of(new DesireRule(), new EpropRule(), new OtttRule(), new StdpRule(), new NaRule());

  private LearningRules() {}

  /** Every rule, in the order front ends list them. */
  public static List<LearningRule> all() {
    return ALL;
  }

  /** The names of {@link #all()}. */
  public static List<String> names() {
    return ALL.stream().map(LearningRule::name).toList();
  }

  /**
   * The rule called {@code name}.
   *
   * @throws LearningRuleException naming the known rules if there is none
   */
  public static LearningRule get(String name) {
    return ALL.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow(() ->
        new LearningRuleException("unknown rule '" + name + "'; available: " + String.join(", ", names())));
  }
}
