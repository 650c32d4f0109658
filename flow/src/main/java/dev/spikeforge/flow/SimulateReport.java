package dev.spikeforge.flow;

import dev.spikeforge.golden.eval.EvalReport;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.NetworkSpec;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@link Flow#simulate} measured.
 *
 * @param network   the integer network simulated, or null for a float model
 * @param floatNetwork the float model simulated, or null for an integer network
 * @param dataset   the dataset and split, e.g. {@code fashion-mnist/test}
 * @param coding    the encoder's name, or {@code pre-timed} for a temporal dataset
 * @param samples   samples simulated
 * @param reports   the golden model's evaluation, then the float twin's (as asked)
 * @param agreement with both: the fraction of samples on which their predictions agree, else null
 * @param traced    samples traced into {@code trace}
 * @param trace     where the trace was written, or null
 * @param json      where the results were written, or null
 */
public record SimulateReport(NetworkSpec network, FloatNetwork floatNetwork, String dataset, String coding, int samples,
    List<EvalReport> reports, Double agreement, int traced, Path trace, Path json) {}
