package dev.spikeforge.golden.sim;

/**
 * Everything observable in one time step: the input spikes consumed, and per layer the spikes
 * emitted and every neuron's membrane after the reset (the state carried into the next step).
 * This is exactly what the hardware's trace port exposes.
 *
 * @param step time step t
 * @param inputSpikes sorted indices of the input channels that spiked at t
 * @param spikes {@code [layer]} sorted indices of the neurons that fired at t
 * @param membranes {@code [layer][neuron]} membrane after step t
 */
public record TraceStep(int step, int[] inputSpikes, int[][] spikes, int[][] membranes) {}
