/**
 * The one training loop: {@link dev.spikeforge.golden.train.Trainer#run} drives any {@link
 * dev.spikeforge.golden.train.TrainingEngine} (epochs, seeded shuffling, per-epoch evaluation,
 * checkpoints every N samples, resume, stop-after, time limit; the same bits on any number of
 * threads), reports to one {@link dev.spikeforge.golden.train.TrainListener} with one {@link
 * dev.spikeforge.golden.train.EpochMetrics} per epoch and returns one {@link
 * dev.spikeforge.golden.train.TrainResult}. Desire backpropagation's engines live here; other rules'
 * engines in sub-packages ({@code threefactor}); the rules by name, their options and checks in
 * {@code train.rules}, where a new rule goes (see its package-info).
 */
package dev.spikeforge.golden.train;
