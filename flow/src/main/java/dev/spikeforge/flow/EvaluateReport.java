package dev.spikeforge.flow;

import dev.spikeforge.compiler.quantize.QuantizationCheck;
import dev.spikeforge.golden.eval.EarlyExitSweep;
import dev.spikeforge.golden.eval.EvalReport;
import dev.spikeforge.golden.io.ModelFiles;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.NetworkSpec;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@link Flow#evaluate} measured.
 *
 * @param dataset        the dataset and split, e.g. {@code fashion-mnist/test}
 * @param coding         the encoder's name, or {@code pre-timed} for a temporal dataset
 * @param samples        samples evaluated
 * @param floatNetwork   the float model, or null for an integer one
 * @param floatReport    the float model's evaluation, or null
 * @param weightBits     the quantized network's weight width, or null when a float model was not quantized
 * @param membraneBits   the quantized network's membrane width
 * @param network        the integer network evaluated (given, or quantized), or null
 * @param intReport      its evaluation, or null
 * @param modelHash      its content hash, or null
 * @param earlyExitSweep the early-exit sweep's points, or null when not asked for
 * @param exported       where the quantized network was written, or null
 * @param json           where the results were written, or null
 * @param source         the model file (or npy directory) read, and the path it was found from
 * @param scale          the quantization's scale rule as asked and the strategy it gave, e.g.
 *                       {@code calibrate: PERCENTILE(99.9)}, or null when not quantized
 * @param check          the quantization's float-against-integer check on the calibration images, or null
 */
public record EvaluateReport(String dataset, String coding, int samples, FloatNetwork floatNetwork,
    EvalReport floatReport, Integer weightBits, int membraneBits, NetworkSpec network, EvalReport intReport,
    String modelHash, List<EarlyExitSweep.Point> earlyExitSweep, Path exported, Path json, ModelFiles.Source source,
    String scale, QuantizationCheck check) {}
