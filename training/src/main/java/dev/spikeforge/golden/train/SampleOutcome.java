package dev.spikeforge.golden.train;

/**
 * How one training sample went in the forward pass (before the update).
 *
 * @param prediction output neuron with the most spikes (lowest index on ties)
 * @param correct whether the label neuron held the unique maximum (desire backpropagation's rule)
 * @param loss the rule's loss of the sample (desire: mean over outputs of {@code |target − c/T_eff|})
 */
public record SampleOutcome(int prediction, boolean correct, double loss) {}
