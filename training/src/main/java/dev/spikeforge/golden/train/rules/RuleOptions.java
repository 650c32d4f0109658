package dev.spikeforge.golden.train.rules;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The options a run gives its rule: option name (with dashes) to value, only those given, each of
 * its {@link RuleOption.Kind}'s type; checked against the rule when created.
 *
 * <pre>{@code
 * RuleOptions o = RuleOptions.of(LearningRules.get("eprop"), Map.of("--delays", "axonal", "--max-delay", 6));
 * }</pre>
 */
public final class RuleOptions {
  private final Map<String, Object> values;

  private RuleOptions(Map<String, Object> values) {
    this.values = values;
  }

  /**
   * The options {@code given} for {@code rule}.
   *
   * @throws LearningRuleException naming the rules that read it if an option is not the rule's, or
   *     if a value has the wrong type
   */
  public static RuleOptions of(LearningRule rule, Map<String, ?> given) {
    Map<String, RuleOption> own = rule.options().stream()
        .collect(Collectors.toMap(RuleOption::name, o -> o, (a, b) -> a, LinkedHashMap::new));
    for (LearningRule other : LearningRules.all()) {
      for (RuleOption o : other.options()) {
        if (given.containsKey(o.name()) && !own.containsKey(o.name())) {
          throw new LearningRuleException(o.name() + " applies to --rule " + String.join(", ", readers(o.name()))
              + " only, not to --rule " + rule.name());
        }
      }
    }
    Map<String, Object> v = new LinkedHashMap<>();
    for (Map.Entry<String, ?> e : given.entrySet()) {
      RuleOption o = own.get(e.getKey());
      if (o == null) {
        throw new LearningRuleException("unknown option " + e.getKey() + " of --rule " + rule.name() + "; its options: "
            + String.join(", ", own.keySet()));
      }
      if (!o.kind().type().isInstance(e.getValue())) {
        throw new LearningRuleException(o.name() + " takes " + o.kind().type().getSimpleName() + ", got "
            + (e.getValue() == null ? "null" : e.getValue().getClass().getSimpleName()));
      }
      if (e.getValue() instanceof Double d && !Double.isFinite(d)
          || e.getValue() instanceof double[] ds && !Arrays.stream(ds).allMatch(Double::isFinite)) {
        throw new LearningRuleException(o.name() + " must be a finite number, not "
            + (e.getValue() instanceof double[] ds ? Arrays.toString(ds) : e.getValue()));
      }
      v.put(e.getKey(), e.getValue());
    }
    return new RuleOptions(Collections.unmodifiableMap(v));
  }

  /** No options: the rule's defaults. */
  public static RuleOptions none(LearningRule rule) {
    return of(rule, Map.of());
  }

  private static List<String> readers(String option) {
    return LearningRules.all().stream()
        .filter(r -> r.options().stream().anyMatch(o -> o.name().equals(option)))
        .map(LearningRule::name).toList();
  }

  /** Whether {@code option} was given. */
  public boolean given(String option) {
    return values.containsKey(option);
  }

  /** The given options and their values. */
  public Map<String, Object> values() {
    return values;
  }

  public Integer integer(String option) {
    return (Integer) values.get(option);
  }

  public Double real(String option) {
    return (Double) values.get(option);
  }

  public String text(String option) {
    return (String) values.get(option);
  }

  public Path path(String option) {
    return (Path) values.get(option);
  }

  /** A flag: given (true) or not. */
  public boolean flag(String option) {
    return Boolean.TRUE.equals(values.get(option));
  }

  public int[] ints(String option) {
    int[] a = (int[]) values.get(option);
    return a == null ? null : a.clone();
  }

  public double[] reals(String option) {
    double[] a = (double[]) values.get(option);
    return a == null ? null : a.clone();
  }

  @SuppressWarnings("unchecked")
  public List<String> words(String option) {
    List<String> a = (List<String>) values.get(option);
    return a == null ? null : List.copyOf(a);
  }
}
