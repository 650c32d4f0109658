package dev.spikeforge.golden.train.rules;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.io.FloatNetworkJson;
import dev.spikeforge.golden.train.TrainingEngine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A learning rule the one {@code train.Trainer} can drive: it names itself, declares the options only
 * it reads, builds its {@link TrainingEngine} from sizes or from a starting model (checking that the
 * data and the model fit it) and writes its own output files. Front ends (the CLI, the flow) never
 * switch on a rule's name: they look the rule up in {@link LearningRules}.
 */
public interface LearningRule {
  /** The name {@code --rule} takes, e.g. {@code desire}. */
  String name();

  /** What the rule is, a few words for {@code --rule}'s help, e.g. {@code desire backpropagation}. */
  String summary();

  /** The options only this rule reads, in the order of the help. */
  List<RuleOption> options();

  /**
   * The engine of a run: validates the config's options, checks that the data (and a starting model
   * among the options) fit the rule, and builds the engine.
   *
   * @throws LearningRuleException with one line for the user if anything does not fit
   */
  TrainingEngine engine(RuleConfig config, Dataset train);

  /** A short name of the model a run starts from (for "initial network (…)"), or empty when it starts from scratch. */
  default Optional<String> startingModel(RuleOptions options) {
    return Optional.empty();
  }

  /**
   * Writes the rule's files of a finished run into {@code dir}: by default {@code float-model.json}
   * when the engine trains a float network (the integer {@code model.json} is the front end's, which
   * quantizes a float network).
   */
  default void writeOutputs(TrainingEngine engine, RuleOptions options, Path dir) throws IOException {
    if (engine.intNetwork() == null) {
      FloatNetworkJson.write(engine.floatNetwork(), dir.resolve("float-model.json"));
    }
  }
}
