package dev.spikeforge.flow;

import dev.spikeforge.compiler.quantize.QuantizationReport;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.NetworkSpec;
import java.nio.file.Path;

/**
 * What {@link Flow#fitLinear} fitted and wrote.
 *
 * @param floatNetwork the fitted float classifier
 * @param network      its quantization, written to {@code output}
 * @param quantization the quantization's per-layer figures
 * @param modelHash    the integer network's content hash
 * @param output       where it was written
 */
public record FitLinearReport(FloatNetwork floatNetwork, NetworkSpec network, QuantizationReport quantization,
    String modelHash, Path output) {}
