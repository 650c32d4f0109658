package dev.spikeforge.flow;

import dev.spikeforge.compiler.binarize.BinarizationPlan;
import dev.spikeforge.compiler.quantize.QuantizationCheck;
import dev.spikeforge.golden.spec.NetworkSpec;
import java.nio.file.Path;

/**
 * What {@link Flow#binarize} chose and wrote.
 *
 * @param integer   whether the model given was an integer one (binarized in the integer domain)
 * @param plan      the estimator's per-layer figures and the layers chosen
 * @param network   the integer network written
 * @param modelHash its content hash
 * @param output    where it was written
 * @param check     a float model's quantization check: the binarized float network against the integer network
 *                  written, on the calibration images; null for an integer model
 */
public record BinarizeReport(boolean integer, BinarizationPlan plan, NetworkSpec network, String modelHash,
    Path output, QuantizationCheck check) {}
