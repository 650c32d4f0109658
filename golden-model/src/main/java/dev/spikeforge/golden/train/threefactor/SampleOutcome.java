package dev.spikeforge.golden.train.threefactor;

/**
 * What one training sample produced, before its update.
 *
 * @param correct the label output held the unique maximum spike count
 * @param loss {@code ½ Σ_k δ_k²}
 * @param outputCounts output spike counts
 * @param hiddenSpikes hidden spikes emitted
 */
public record SampleOutcome(boolean correct, double loss, int[] outputCounts, long hiddenSpikes) {}
