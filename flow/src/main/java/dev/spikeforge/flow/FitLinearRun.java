package dev.spikeforge.flow;

import dev.spikeforge.compiler.quantize.MembraneWidth;
import dev.spikeforge.compiler.quantize.QuantizationConfig;
import dev.spikeforge.compiler.quantize.QuantizationReport;
import dev.spikeforge.compiler.quantize.Quantizer;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.train.LinearReadoutFit;
import java.io.IOException;

/**
 * A closed-form fit ({@link Flow#fitLinear}): ridge regression of a linear spiking readout on the
 * training slice, quantized to the widths asked for, written. Logs what it fits to {@code events}.
 */
final class FitLinearRun {
  private FitLinearRun() {}

  static FitLinearReport run(FitLinearRequest q, FlowEvents events) throws IOException {
    Dataset train = DataSlice.load(q.dataset(), "train", q.dataDir(), q.offset(), q.limit());
    events.log().printf("fitting a %d-%d linear spiking readout on %d samples of %s (ridge %.3g)%n",
        train.sampleLength(), train.classes(), train.size(), train.name(), q.ridge());
    FloatNetwork fl = LinearReadoutFit.fit(train, q.timesteps(), q.ridge());
    QuantizationConfig qc = QuantizationConfig.of(q.weightWidth())
        .withMembraneWidth(MembraneWidth.fixed(q.membraneWidth()));
    NetworkSpec net = Quantizer.quantize(fl, qc);
    QuantizationReport rep = QuantizationReport.analyze(fl, net, qc);
    NetworkJson.write(net, q.output());
    return new FitLinearReport(fl, net, rep, NetworkJson.contentHash(net), q.output());
  }
}
