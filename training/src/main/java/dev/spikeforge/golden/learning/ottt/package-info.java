/**
 * Online training through time (OTTT; Xiao et al., NeurIPS 2022) as pure update functions: the
 * surrogate gradient of the spike, the instantaneous output error and its spatial backpropagation,
 * the presynaptic eligibility trace and the weight step, in a float form ({@link
 * dev.spikeforge.golden.learning.ottt.OtttFloat}) and an integer form ({@link
 * dev.spikeforge.golden.learning.ottt.OtttInt}, widths in {@link
 * dev.spikeforge.golden.learning.ottt.OtttIntParams}) whose rounding and saturation are {@code
 * numerics.Fx}'s. Equations and every width: docs/learning.md Part III. The sample loop that calls
 * them is {@code golden.train.ottt}.
 */
package dev.spikeforge.golden.learning.ottt;
