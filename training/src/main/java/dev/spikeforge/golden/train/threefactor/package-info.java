/**
 * The three-factor weight-and-delay rule (e-prop form) in float and integer form, as a {@code
 * train.TrainingEngine} that the one {@code train.Trainer} drives: {@link
 * dev.spikeforge.golden.train.threefactor.ThreeFactorTraining} builds it (see its example; the
 * {@code eprop} rule of {@code train.rules} builds it from CLI options). The trained networks export
 * to the hardware contract ({@code NetworkSpec}) and to the float reference ({@code FloatNetwork});
 * the update functions live in {@code dev.spikeforge.golden.learning.threefactor}.
 */
package dev.spikeforge.golden.train.threefactor;
