package dev.spikeforge.golden.train.threefactor;

/**
 * One epoch of training.
 *
 * @param epoch 1-based
 * @param trainAccuracy fraction of training samples classified correctly by the training forward pass (before each update)
 * @param trainLoss mean {@code ½ Σ δ²} per sample
 * @param testAccuracy accuracy of the exported network on the test set, by the matching simulator
 * @param meanHiddenSpikes hidden spikes per training sample
 * @param seconds wall-clock time of the epoch (training and evaluation)
 */
public record EpochMetrics(int epoch, double trainAccuracy, double trainLoss, double testAccuracy,
    double meanHiddenSpikes, double seconds) {}
