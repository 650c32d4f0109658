/**
 * Backpropagated neighbourhood aggregation (NA; Yang, Zhang, Li, ICML 2021), an offline float
 * trainer: {@link dev.spikeforge.golden.train.na.NaEngine} (a {@code train.TrainingEngine}) runs the
 * golden model's float LIF network forward over all T steps, estimates every neuron's {@code dL/dv'}
 * at every step by aggregating finite differences of the loss over perturbed membrane waveforms in
 * its neighbourhood ({@link dev.spikeforge.golden.train.na.Neighbourhood}), carries the estimates to
 * the layer below first-order through the weights, and steps the weights with Adam over minibatches.
 * docs/learning.md Part V.
 */
package dev.spikeforge.golden.train.na;
