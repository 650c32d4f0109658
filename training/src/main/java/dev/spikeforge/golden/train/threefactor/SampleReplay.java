package dev.spikeforge.golden.train.threefactor;

import dev.spikeforge.golden.train.SampleOutcome;

/**
 * One training sample of the hardware form as its learning unit sees it ({@link
 * IntThreeFactorModel#trainRecorded}): the sample's outcome and, per layer, the replay inputs and the
 * shadows before and after the update walk ({@link LayerReplay}).
 *
 * @param outcome what {@link IntThreeFactorModel#train} returned
 * @param hidden the hidden layer (learning signals L)
 * @param output the output layer (output errors δ)
 */
public record SampleReplay(SampleOutcome outcome, LayerReplay hidden, LayerReplay output) {}
