package dev.spikeforge.cli;

import static dev.spikeforge.cli.CliTest.assertOneCleanError;
import static dev.spikeforge.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.flow.TrainRequest;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.DatasetCatalog;
import dev.spikeforge.golden.data.ImageStream;
import dev.spikeforge.golden.data.ImageStreamParams;
import dev.spikeforge.golden.data.Split;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.spec.hw.DelayMode;
import dev.spikeforge.golden.train.TrainListener;
import dev.spikeforge.golden.train.Trainer;
import dev.spikeforge.golden.train.threefactor.NetworkShape;
import dev.spikeforge.golden.train.threefactor.NeuronParams;
import dev.spikeforge.golden.train.threefactor.NumericForm;
import dev.spikeforge.golden.train.threefactor.ThreeFactorConfig;
import dev.spikeforge.golden.train.threefactor.ThreeFactorEngine;
import dev.spikeforge.golden.train.threefactor.ThreeFactorTraining;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** spikeforge train --rule eprop --image-stream: the MNIST subset streamed four rows per step, the hardware form. */
@Tag("unit")
class TrainImageStreamCliTest {
  private static final ImageStreamParams STREAM = new ImageStreamParams(4, 128, 4, ImageStreamParams.Order.ROWS);

  static String[] stream(Path out, String... extra) {
    List<String> a = new ArrayList<>(List.of("train", "--rule", "eprop", "--precision", "int", "--hardware-form",
        "--dataset", "mnist-subset", "--image-stream", "rows=4,silence=4", "--arch", "112-6-10", "--max-delay", "4",
        "--leak-shift", "2", "--targets", "4,1", "--epochs", "2", "--train-limit", "40", "--test-limit", "20",
        "--checkpoint-every", "30", "-o", out.toString()));
    a.addAll(List.of(extra));
    return a.toArray(new String[0]);
  }

  /** The command's network is the Java API's on the same streamed subsets, and config.json records the stream. */
  @Test
  void hardwareFormRunIsTheApiRun(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("run");
    CliTest.Run r = run(stream(out));
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.readString(out.resolve("config.json")).contains("\"imageStream\" : \"" + STREAM + "\""));
    Dataset train = subset(Split.TRAIN, 40);
    Dataset test = subset(Split.TEST, 20);
    ThreeFactorConfig cfg = ThreeFactorConfig.preset(6, false, DelayMode.SYNAPTIC, NumericForm.HARDWARE).withEpochs(2);
    NeuronParams h = cfg.shape().hiddenNeuron();
    cfg = cfg.withShape(new NetworkShape(6, false, DelayMode.SYNAPTIC, 4, new NeuronParams(h.threshold(), 2,
        h.membraneWidth(), h.weightWidth()), cfg.shape().outputNeuron()))
        .withLearning(cfg.learning().withTargets(4, 1));
    ThreeFactorEngine engine = ThreeFactorTraining.engine(cfg, train, test);
    Trainer.run(engine, train, test, null, ThreeFactorTraining.options(cfg), TrainListener.NONE);
    assertEquals(NetworkJson.contentHash(engine.intNetwork()), NetworkJson.contentHash(NetworkJson.read(out.resolve("model.json"))));
  }

  /** Stopped and resumed, the run ends with the bytes of the uninterrupted one; another stream is refused. */
  @Test
  void resumeGivesTheUninterruptedResult(@TempDir Path dir) throws Exception {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    assertEquals(0, run(stream(a)).code());
    assertEquals(0, run(stream(b, "--stop-after", "50")).code());
    List<String> other = new ArrayList<>(List.of(stream(b, "--resume")));
    other.set(other.indexOf("rows=4,silence=4"), "rows=4,silence=5");
    assertOneCleanError(run(other.toArray(new String[0])), "imageStream");
    CliTest.Run r = run(stream(b, "--resume"));
    assertEquals(0, r.code(), r.err());
    for (String f : new String[] {"model.json", "metrics.json", "checkpoint.sfck"}) {
      assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
    }
  }

  @Test
  void badInput(@TempDir Path dir) {
    Path out = dir.resolve("run");
    assertOneCleanError(run(with(out, "rows=4,silence=4", "rows=3")),
        "--image-stream rows=3 must divide the 28 rows of a 28×28 image (choose a divisor of 28)");
    assertOneCleanError(run(with(out, "rows=4,silence=4", "lines=4")), "--image-stream: unknown key 'lines'");
    assertOneCleanError(run(with(out, "rows=4,silence=4", "rows=four")), "--image-stream: rows=four is not an integer");
    assertOneCleanError(run(with(out, "rows=4,silence=4", "threshold=0")), "--image-stream: threshold must be in 1..255");
    assertOneCleanError(run(with(out, "rows=4,silence=4", "silence=-1")), "--image-stream: silence must be in 0..4096");
    assertOneCleanError(run(with(out, "rows=4,silence=4", "order=diagonal")),
        "--image-stream: order must be rows or columns, not 'diagonal'");
    assertOneCleanError(run(with(out, "mnist-subset", "delay-pattern")), "--image-stream applies to image datasets");
    assertOneCleanError(run(stream(out, "--encoder", "latency")), "--encoder does not apply to an image stream");
    assertOneCleanError(run(with(out, "112-6-10", "784-6-10")),
        "--arch starts with 784 inputs but dataset mnist-subset has 112 input channels");
    assertOneCleanError(run(with(out, "4,1", "2,2")), "--targets takes two spike counts ON,OFF with ON > OFF >= 0");
    assertOneCleanError(run(with(out, "2", "0")), "--leak-shift must be in 1..15, got 0");
    assertOneCleanError(run(with(out, "--max-delay", "4", "--max-delay", "11")),
        "--max-delay 11 must be below the 11 steps of a sample for --hardware-form");
    assertTrue(!Files.exists(out), "nothing written");
    RuleCliFixture.assertHelpContains("--image-stream=KEY=VALUE", "threshold (1..255)", "--targets=ON,OFF",
        "eprop: k of the hidden neurons' leak");
  }

  /** {@link #stream} with one argument (or an option and its value) replaced. */
  private static String[] with(Path out, String... replace) {
    List<String> a = new ArrayList<>(List.of(stream(out)));
    for (int i = 0; i + 1 < replace.length; i += 2) {
      if (replace[i].startsWith("--")) {
        a.set(a.indexOf(replace[i]) + 1, replace[i + 3]);
        i += 2;
      } else {
        a.set(a.indexOf(replace[i]), replace[i + 1]);
      }
    }
    return a.toArray(new String[0]);
  }

  private static Dataset subset(Split split, int n) {
    Dataset images = DatasetCatalog.load("mnist-subset", split, null).shuffled(TrainRequest.LIMIT_SEED).slice(0, n);
    return new ImageStream(STREAM).apply(images);
  }
}
