package dev.spikeforge.cli;

import static dev.spikeforge.cli.CliTest.assertOneCleanError;
import static dev.spikeforge.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.DatasetCatalog;
import dev.spikeforge.golden.data.Split;
import dev.spikeforge.golden.io.DesireNpyImport;
import dev.spikeforge.golden.io.FloatNetworkJson;
import dev.spikeforge.golden.network.DesireTopology;
import dev.spikeforge.golden.network.FloatLayer;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.train.LinearReadoutFit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, item 1 on the command line: a quantization that loses accuracy says so (WARNING) or is refused
 * ({@code --max-drop}, exit 2, nothing written); the npy export directory (fcN.npy or layerN.npy) is accepted by
 * compile and simulate; evaluate's help states the default encoder of each model kind.
 */
@Tag("unit")
class QuantizationCliTest {
  /** A linear readout fitted on mnist-subset, plus three huge weights on always-dark pixels (the failure mode). */
  private static Path fewLargeWeights(Path dir) throws Exception {
    Dataset train = DatasetCatalog.load("mnist-subset", Split.TRAIN, null);
    FloatNetwork fit = LinearReadoutFit.fit(train, 20, 10.0);
    FloatLayer l = fit.layers().get(0);
    double[][] w = new double[l.size()][];
    for (int j = 0; j < l.size(); j++) {
      w[j] = l.weights()[j].clone();
    }
    // pixel 0..2 (the top-left corner) is dark in every mnist-subset image the commands below read
    for (int k = 0; k < 3; k++) {
      w[k][k] = 50.0;
    }
    Path m = dir.resolve("float-model.json");
    FloatNetworkJson.write(new FloatNetwork("few_large", fit.inputSize(), fit.timesteps(), List.of(new FloatLayer(
        l.name(), l.kind(), l.inputSize(), l.size(), l.threshold(), l.leak(), l.reset(), w, 0, null, null, null,
        null)), fit.readout()), m);
    return m;
  }

  @Test
  void evaluateQuantizeWithMaxAbsWarnsAndMaxDropRefuses(@TempDir Path dir) throws Exception {
    Path m = fewLargeWeights(dir);
    CliTest.Run r = run("evaluate", m.toString(), "--dataset", "mnist-subset", "--quantize", "8",
        "--scale", "max-abs", "--calibration-images", "1000", "--threads", "1");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("WARNING: quantizing to 8-bit weights (scale max-abs) lost"), r.out());
    assertTrue(r.out().contains("check: float "), r.out());
    Path export = dir.resolve("q.json");
    CliTest.Run refused = run("evaluate", m.toString(), "--dataset", "mnist-subset", "--quantize",
        "8", "--scale", "max-abs", "--calibration-images", "1000", "--max-drop", "1", "--export-int", export.toString());
    assertOneCleanError(refused, "--max-drop is 1.00 points, but quantizing to 8-bit weights (scale max-abs) lost");
    assertFalse(Files.exists(export));
    CliTest.Run calibrated = run("evaluate", m.toString(), "--dataset", "mnist-subset",
        "--quantize", "8", "--calibration-images", "1000", "--max-drop", "1", "--threads", "1");
    assertEquals(0, calibrated.code(), calibrated.err());
    assertTrue(calibrated.out().contains("scale rule calibrate: PERCENTILE("), calibrated.out());
    assertFalse(calibrated.out().contains("WARNING"), calibrated.out());
  }

  @Test
  void compileAndSimulateAcceptTheNpyExportDirectory(@TempDir Path dir) throws Exception {
    SplittableRandom rnd = new SplittableRandom(3);
    double[][] w1 = new double[5][784];
    double[][] w2 = new double[10][5];
    for (double[][] w : new double[][][] {w1, w2}) {
      for (double[] row : w) {
        for (int i = 0; i < row.length; i++) {
          row[i] = (float) (rnd.nextGaussian() * 0.3);
        }
      }
    }
    Path npy = dir.resolve("export");
    DesireNpyImport.export(DesireTopology.floatNetwork("x", 20, 2, 1.0, 1, new double[][][] {w1, w2}), npy);
    Files.move(npy.resolve("fc1.npy"), npy.resolve("layer1.npy"));
    Files.move(npy.resolve("fc2.npy"), npy.resolve("layer2.npy"));
    CliTest.Run c = run("compile", npy.toString(), "--dataset", "mnist-subset", "--calibration-images", "40",
        "--threads", "1", "-o", dir.resolve("b").toString());
    assertEquals(0, c.code(), c.err());
    assertTrue(c.out().contains("check: float "), c.out());
    assertTrue(Files.readString(dir.resolve("b/config.json")).contains("desire-npy"));
    CliTest.Run s = run("simulate", npy.toString(), "--dataset", "mnist-subset", "--limit", "10", "--threads", "1");
    assertEquals(0, s.code(), s.err());
    assertTrue(s.out().contains("float model export (784-5-10"), s.out());
    assertTrue(s.out().contains("rate32 coding"), s.out());
    assertOneCleanError(run("simulate", npy.toString(), "--dataset", "mnist-subset", "--sim", "int"),
        "--sim 'int' needs an integer network");
    Files.move(npy.resolve("layer2.npy"), npy.resolve("layer3.npy"));
    assertOneCleanError(run("compile", npy.toString(), "-o", dir.resolve("c").toString()),
        "[layer3.npy] is not part of layer1.npy … layer1.npy");
    assertFalse(Files.exists(dir.resolve("c")));
  }

  @Test
  void evaluateHelpStatesTheDefaultEncoderOfEachModelKind() {
    CliTest.Run h = run("evaluate", "--help");
    assertEquals(0, h.code());
    assertTrue(h.out().replaceAll("\\s+", " ").contains("Default encoder: the one the model records (train --encoder,"
        + " compile --encoder; rate when it records none), rate32 (the authors' float32 input coding) for a directory"
        + " of npy layer files."), h.out());
    assertTrue(h.out().contains("--max-drop"), h.out());
  }
}
