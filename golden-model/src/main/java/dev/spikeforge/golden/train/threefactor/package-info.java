/**
 * Training loops of the three-factor weight-and-delay rule (e-prop form) in float and integer form:
 * {@link dev.spikeforge.golden.train.threefactor.ThreeFactorTraining#run} is the entry point. The
 * trained networks export to the hardware contract ({@code NetworkSpec}) and to the float reference
 * ({@code FloatNetwork}); the update functions live in {@code
 * dev.spikeforge.golden.learning.threefactor}.
 */
package dev.spikeforge.golden.train.threefactor;
