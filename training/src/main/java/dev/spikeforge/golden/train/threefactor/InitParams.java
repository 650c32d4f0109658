package dev.spikeforge.golden.train.threefactor;

/**
 * Initial weight distributions, as fractions of the layer threshold: a weight is {@code θ·(mean +
 * spread·(2u − 1))} with u uniform in [0, 1), rounded half-even to an integer, so the float and the
 * integer form start from the same network. Learned delays start uniform over their range.
 */
public record InitParams(double hiddenMean, double hiddenSpread, double recurrentSpread, double outputMean,
    double outputSpread) {}
