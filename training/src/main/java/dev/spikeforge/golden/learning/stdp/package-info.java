/**
 * Spike-timing-dependent plasticity (STDP) as pure update functions: the pre- and postsynaptic
 * traces of the trace-based (all-to-all) and pair-based (nearest-spike) forms and the weight step,
 * in a float form ({@link dev.spikeforge.golden.learning.stdp.StdpFloat}) and an integer form
 * ({@link dev.spikeforge.golden.learning.stdp.StdpInt}) whose traces are {@code x − (x >> k) + s}
 * and whose rounding and saturation are {@code numerics.Fx}'s. Equations: docs/learning.md Part IV.
 * The sample loop that calls them is {@code golden.train.stdp}.
 */
package dev.spikeforge.golden.learning.stdp;
