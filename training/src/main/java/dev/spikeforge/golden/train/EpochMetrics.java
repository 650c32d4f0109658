package dev.spikeforge.golden.train;

/**
 * Metrics of one finished epoch; deterministic (no timings), so a resumed run reports the same.
 *
 * @param epoch 1-based epoch number
 * @param learningRate learning rate in effect (integer forms: the power of two they use)
 * @param trainSamples samples trained on
 * @param trainAccuracy fraction of training samples correct during training (dropout on, weights changing)
 * @param trainLoss mean training loss of the rule
 * @param testSamples samples evaluated
 * @param testAccuracy fraction of test samples correct with the weights at the end of the epoch
 */
public record EpochMetrics(
    int epoch, double learningRate, int trainSamples, double trainAccuracy, double trainLoss, int testSamples,
    double testAccuracy) {}
