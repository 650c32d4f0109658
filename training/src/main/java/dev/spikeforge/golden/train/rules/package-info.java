/**
 * The learning rules, by name: {@link dev.spikeforge.golden.train.rules.LearningRules} ({@code
 * desire}, {@code eprop}, {@code ottt}). A rule ({@link
 * dev.spikeforge.golden.train.rules.LearningRule}) declares its options, checks that the data and a
 * starting model fit it, builds the {@code train.TrainingEngine} that the one {@code train.Trainer} drives, and writes its own files. Front
 * ends (CLI {@code train}, the flow) parse options, look the rule up and call the Trainer:
 *
 * <pre>{@code
 * LearningRule rule = LearningRules.get("eprop");
 * RuleOptions opts = RuleOptions.of(rule, Map.of("--delays", "axonal", "--max-delay", 6));
 * RuleConfig cfg = new RuleConfig(new int[] {16, 32, 4}, "delay-pattern", "int", 1, null, null, 2, opts);
 * try (TrainingEngine engine = rule.engine(cfg, train)) {
 *   TrainResult r = Trainer.run(engine, train, test, new RateEncoder(),
 *       TrainOptions.of(3, cfg.seed()).withEvalThreads(2), TrainListener.NONE);
 *   rule.writeOutputs(engine, opts, dir);          // float-model.json, npy/ …
 *   NetworkSpec trained = engine.intNetwork();      // null for a float run: quantize floatNetwork()
 * }
 * }</pre>
 *
 * <p><b>Adding a rule</b> (NA, STDP, OTTT, …): put its engine (a {@code TrainingEngine}: one sample
 * at a time, pseudo-random choices keyed by epoch and position, {@code state()}/{@code restore()}
 * for checkpoints) and its arithmetic in a package of its own under {@code golden.train} and {@code
 * golden.learning}, like {@code train.threefactor}; then write one class here implementing {@code
 * LearningRule} (name, summary, options, engine, outputs; see {@code EpropRule}) and add it to
 * {@code LearningRules}. The CLI then lists it under {@code --rule}, shows its options in the help
 * and refuses them for the other rules; checkpoints, resume, metrics files and thread-count
 * determinism come from the Trainer. Give it a determinism and a resume test through the Trainer
 * (see {@code RuleResumeTest}).
 *
 * <p>This package depends on the rules' packages; they do not depend on it (no package cycle).
 */
package dev.spikeforge.golden.train.rules;
