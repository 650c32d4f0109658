package dev.spikeforge.cli;

import dev.spikeforge.golden.train.rules.LearningRule;
import dev.spikeforge.golden.train.rules.LearningRules;
import dev.spikeforge.golden.train.rules.RuleOption;
import dev.spikeforge.golden.train.rules.RuleOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Option parsing of {@code train --rule}: the options every rule of {@link LearningRules} declares
 * become options of the command (in the help after {@value #ANCHOR}, rule by rule), {@code --rule}'s
 * help lists the rules, and the options given on the command line go to the flow (which makes them
 * the rule's {@link RuleOptions}). The rules themselves, their checks and their engines live in {@code golden.train.rules}.
 */
final class TrainingRules implements IModelTransformer {
  /** The common option after which the rules' options are listed. */
  static final String ANCHOR = "--membrane-bits";

  @Override
  public CommandSpec transform(CommandSpec spec) {
    List<OptionSpec> declared = new ArrayList<>(spec.options());
    declared.forEach(spec::remove);
    for (OptionSpec o : declared) {
      spec.addOption(o.longestName().equals("--rule") ? o.toBuilder().description(ruleHelp()).build() : o);
      if (o.longestName().equals(ANCHOR)) {
        for (LearningRule r : LearningRules.all()) {
          for (RuleOption ro : r.options()) {
            if (spec.findOption(ro.name()) == null) {
              spec.addOption(option(ro, sharedDescription(ro.name())));
            }
          }
        }
      }
    }
    return spec;
  }

  /** {@code Learning rule: desire (desire backpropagation) or eprop (…). Default: desire.} */
  private static String ruleHelp() {
    List<String> rules = LearningRules.all().stream().map(r -> r.name() + " (" + r.summary() + ")").toList();
    String list = rules.size() == 1 ? rules.get(0)
        : String.join(", ", rules.subList(0, rules.size() - 1)) + " or " + rules.get(rules.size() - 1);
    return "Learning rule: " + list + ". Default: ${DEFAULT-VALUE}.";
  }

  /** The help of an option several rules read: each rule's description, in registry order. */
  private static String sharedDescription(String name) {
    return String.join(" ", LearningRules.all().stream().flatMap(r -> r.options().stream())
        .filter(o -> o.name().equals(name)).map(RuleOption::description).distinct().toList());
  }

  private static OptionSpec option(RuleOption ro, String description) {
    OptionSpec.Builder b = OptionSpec.builder(ro.name()).description(description).paramLabel(ro.label());
    switch (ro.kind()) {
      case FLAG -> b.type(boolean.class).arity("0");
      case WORDS -> b.type(List.class).auxiliaryTypes(String.class).splitRegex(",");
      case INTS -> b.type(int[].class).auxiliaryTypes(int.class).splitRegex(",");
      case REALS -> b.type(double[].class).auxiliaryTypes(double.class).splitRegex(",");
      default -> b.type(ro.kind().type());
    }
    return b.build();
  }

  /**
   * The rules' options given on the command line, by name, typed by their kind; the flow checks them
   * against the chosen rule (and refuses another rule's options).
   */
  static Map<String, Object> given(ParseResult parsed) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (LearningRule r : LearningRules.all()) {
      for (RuleOption ro : r.options()) {
        if (parsed.hasMatchedOption(ro.name())) {
          Object v = parsed.matchedOption(ro.name()).getValue();
          values.putIfAbsent(ro.name(), ro.kind() == RuleOption.Kind.FLAG ? Boolean.TRUE : v);
        }
      }
    }
    return values;
  }
}
