package dev.spikeforge.cli;

import static dev.spikeforge.cli.CliTest.assertOneCleanError;
import static dev.spikeforge.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.flow.TrainRequest;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.DatasetCatalog;
import dev.spikeforge.golden.data.Split;
import dev.spikeforge.golden.io.FloatNetworkJson;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.hw.DelayMode;
import dev.spikeforge.golden.train.TrainListener;
import dev.spikeforge.golden.train.TrainResult;
import dev.spikeforge.golden.train.Trainer;
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

/** spikeforge train --rule eprop: three-factor learning of weights and delays through the common Trainer. */
@Tag("unit")
class TrainEpropCliTest {
  static String[] eprop(Path out, String... extra) {
    List<String> a = new ArrayList<>(List.of("train", "--rule", "eprop", "--dataset", "delay-pattern", "--arch",
        "16-12-4", "--epochs", "2", "--train-limit", "100", "--test-limit", "40", "--checkpoint-every", "30",
        "-o", out.toString()));
    a.addAll(List.of(extra));
    return a.toArray(new String[0]);
  }

  /** The command's network is the Java API's on the same data: same options, init, order, updates. */
  @Test
  void integerRunIsThreeFactorTrainingRun(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("run");
    CliTest.Run r = run(eprop(out, "--precision", "int", "--delays", "axonal", "--max-delay", "6", "--seed", "3"));
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("training eprop") && r.out().contains("epoch   2/2"), r.out());
    for (String f : new String[] {"model.json", "metrics.json", "metrics.csv", "curve.svg", "timing.json",
        "config.json", "checkpoint.sfck"}) {
      assertTrue(Files.exists(out.resolve(f)), f);
    }
    Dataset train = DatasetCatalog.load("delay-pattern", Split.TRAIN, null).shuffled(TrainRequest.LIMIT_SEED).slice(0, 100);
    Dataset test = DatasetCatalog.load("delay-pattern", Split.TEST, null).shuffled(TrainRequest.LIMIT_SEED).slice(0, 40);
    ThreeFactorConfig cfg = ThreeFactorConfig.preset(12, false, DelayMode.AXONAL, NumericForm.INT).withSeed(3)
        .withEpochs(2);
    cfg = cfg.withShape(new dev.spikeforge.golden.train.threefactor.NetworkShape(12, false, DelayMode.AXONAL, 6,
        cfg.shape().hiddenNeuron(), cfg.shape().outputNeuron()));
    ThreeFactorEngine engine = ThreeFactorTraining.engine(cfg, train, test);
    TrainResult ref = Trainer.run(engine, train, test, null, ThreeFactorTraining.options(cfg), TrainListener.NONE);
    NetworkSpec mine = NetworkJson.read(out.resolve("model.json"));
    assertEquals(NetworkJson.contentHash(engine.intNetwork()), NetworkJson.contentHash(mine));
    assertTrue(Files.readString(out.resolve("metrics.json")).contains("\"rule\" : \"eprop\""));
    String csv = Files.readString(out.resolve("metrics.csv"));
    assertTrue(csv.contains(String.valueOf(ref.epochs().get(1).testAccuracy())), csv + " vs " + ref.epochs());
  }

  @Test
  void delayPatternOptionsChooseTheTask(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("run");
    List<String> a = new ArrayList<>(List.of(eprop(out, "--delay-pattern", "channels=9,maxLag=16,jitter=0,noise=3")));
    a.set(a.indexOf("16-12-4"), "9-12-4");
    a.set(a.indexOf("--epochs") + 1, "1");
    CliTest.Run r = run(a.toArray(new String[0]));
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.readString(out.resolve("config.json")).contains("channels=9"));
    List<String> b = new ArrayList<>(List.of(eprop(dir.resolve("other"))));
    b.set(b.indexOf("16-12-4"), "9-12-4");
    assertOneCleanError(run(b.toArray(new String[0])), "dataset delay-pattern has 16 input channels");
  }

  @Test
  void resumeGivesTheUninterruptedResult(@TempDir Path dir) throws Exception {
    for (String[] opts : new String[][] {{"--precision", "int", "--recurrent"}, {"--delays", "synaptic"}}) {
      Path a = dir.resolve("a" + opts.length);
      Path b = dir.resolve("b" + opts.length);
      assertEquals(0, run(eprop(a, opts)).code());
      List<String> stop = new ArrayList<>(List.of(opts));
      stop.addAll(List.of("--stop-after", "130"));
      assertEquals(0, run(eprop(b, stop.toArray(new String[0]))).code());
      List<String> resume = new ArrayList<>(List.of(opts));
      resume.add("--resume");
      CliTest.Run r = run(eprop(b, resume.toArray(new String[0])));
      assertEquals(0, r.code(), r.err());
      List<String> files = new ArrayList<>(List.of("model.json", "metrics.json", "metrics.csv", "checkpoint.sfck"));
      if (opts.length == 2) {
        files.add("float-model.json");
        FloatNetworkJson.read(a.resolve("float-model.json"));
      }
      for (String f : files) {
        assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
      }
    }
  }

  @Test
  void badInput(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("run");
    assertOneCleanError(run(eprop(out, "--dropout", "0,0.2")), "--dropout applies to --rule desire only, not to --rule eprop");
    assertOneCleanError(run(eprop(out, "--binarize", "fc1")), "--binarize applies to --rule desire only");
    assertOneCleanError(run(TrainCommandTest.tiny(out, "--delays", "axonal")), "--delays applies to --rule eprop only");
    assertOneCleanError(run(TrainCommandTest.tiny(out, "--recurrent")), "--recurrent applies to --rule eprop, ottt only");
    assertOneCleanError(run(eprop(out, "--delays", "diagonal")), "--delays must be none, axonal or synaptic");
    assertOneCleanError(run(eprop(out, "--feedback", "mirror")), "--feedback must be symmetric or random");
    assertOneCleanError(run(eprop(out, "--max-delay", "0")), "--max-delay must be in 1..255");
    assertOneCleanError(run(eprop(out, "--lr-log2", "-12,-10")), "--lr-log2 takes four exponents");
    assertOneCleanError(run(eprop(out, "--delay-pattern", "lag=3")), "--delay-pattern: unknown key 'lag'");
    assertOneCleanError(run(eprop(out, "--delay-pattern", "steps=8,maxLag=16")), "--delay-pattern: delay-pattern task: steps must be at least");
    List<String> deep = new ArrayList<>(List.of(eprop(out)));
    deep.set(deep.indexOf("16-12-4"), "16-12-12-4");
    assertOneCleanError(run(deep.toArray(new String[0])), "--rule eprop trains one hidden layer");
  }
}
