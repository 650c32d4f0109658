package dev.spikeforge.cli;

import static dev.spikeforge.cli.CliTest.assertOneCleanError;
import static dev.spikeforge.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.io.FloatNetworkJson;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.spec.NetworkSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** spikeforge train and evaluate, end to end on tiny runs of the generated delay-pattern task. */
@Tag("unit")
class TrainCommandTest {
  static String[] tiny(Path out, String... extra) {
    List<String> a = new ArrayList<>(List.of("train", "--dataset", "delay-pattern", "--arch",
        "16-24-4", "--timesteps", "64", "--epochs", "2", "--train-limit", "120", "--test-limit", "40",
        "--lr", "1e-3", "--checkpoint-every", "50", "-o", out.toString()));
    for (int k = 0; k < extra.length; k++) {
      int at = a.indexOf(extra[k]);
      if (at >= 0 && k + 1 < extra.length) {
        a.set(at + 1, extra[++k]); // override a default
      } else {
        a.add(extra[k]);
      }
    }
    return a.toArray(new String[0]);
  }

  @Test
  void floatRunWritesEveryArtefact(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("run");
    CliTest.Run r = run(tiny(out, "--rule", "desire"));
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("epoch   2/2"), r.out());
    for (String f : new String[] {"model.json", "float-model.json", "metrics.json", "metrics.csv", "curve.svg",
        "timing.json", "config.json", "checkpoint.sfck"}) {
      assertTrue(Files.exists(out.resolve(f)), f);
    }
    List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
    assertEquals(3, csv.size());
    assertTrue(csv.get(0).startsWith("epoch,learning_rate"));
    assertTrue(Files.readString(out.resolve("curve.svg")).startsWith("<svg"));
    NetworkSpec net = NetworkJson.read(out.resolve("model.json"));
    assertEquals(1, net.layers().get(1).maxDelay());
    assertEquals(8, net.layers().get(0).weightWidth());
    FloatNetworkJson.read(out.resolve("float-model.json"));
    assertTrue(Files.readString(out.resolve("metrics.json")).contains("quantizedTestAccuracy"));
    // model.json of a float run is quantized with a calibrated scale, and says which
    assertTrue(Files.readString(out.resolve("metrics.json")).contains("quantizedScale"));
    assertTrue(r.out().contains("calibrated on"), r.out());
    CliTest.Run ev = run("evaluate", out.resolve("model.json").toString(), "--dataset", "delay-pattern", "--limit", "20");
    assertEquals(0, ev.code(), ev.err());
    assertTrue(ev.out().contains("int    accuracy"), ev.out());
    Path exported = dir.resolve("q.json");
    CliTest.Run fe = run("evaluate", out.resolve("float-model.json").toString(), "--dataset", "delay-pattern",
        "--limit", "20", "--quantize", "6", "--export-int", exported.toString());
    assertEquals(0, fe.code(), fe.err());
    assertTrue(fe.out().contains("float  accuracy") && fe.out().contains("int    accuracy"), fe.out());
    assertEquals(6, NetworkJson.read(exported).layers().get(0).weightWidth());
  }

  @Test
  void integerRunIsTheTrainedNetworkAndDeterministic(@TempDir Path dir) throws Exception {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    assertEquals(0, run(tiny(a, "--precision", "int", "--weight-bits", "6", "--threads", "1")).code());
    assertEquals(0, run(tiny(b, "--precision", "int", "--weight-bits", "6", "--threads", "2")).code());
    for (String f : new String[] {"model.json", "metrics.json", "metrics.csv", "curve.svg", "checkpoint.sfck"}) {
      assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
    }
    assertEquals(6, NetworkJson.read(a.resolve("model.json")).layers().get(0).weightWidth());
    assertTrue(!Files.exists(a.resolve("float-model.json")));
  }

  @Test
  void resumeGivesTheUninterruptedResult(@TempDir Path dir) throws Exception {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    assertEquals(0, run(tiny(a)).code());
    CliTest.Run stopped = run(tiny(b, "--stop-after", "170"));
    assertEquals(0, stopped.code(), stopped.err());
    assertTrue(stopped.out().contains("continue with --resume"), stopped.out());
    assertTrue(!Files.exists(b.resolve("model.json")));
    CliTest.Run resumed = run(tiny(b, "--resume"));
    assertEquals(0, resumed.code(), resumed.err());
    for (String f : new String[] {"model.json", "float-model.json", "metrics.json", "metrics.csv", "checkpoint.sfck"}) {
      assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
    }
  }

  @Test
  void badInput(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("run");
    assertOneCleanError(run(tiny(out, "--rule", "eprop2")), "unknown rule 'eprop2'; available: desire, eprop, ottt, stdp, na");
    assertOneCleanError(run(tiny(out, "--shadow-bits", "4")), "--shadow-bits applies to --precision int only");
    assertOneCleanError(run(tiny(out, "--precision", "double")), "--precision must be float or int");
    assertOneCleanError(run(tiny(out, "--arch", "10-24-4")), "--arch starts with 10 inputs but dataset delay-pattern has 16");
    assertOneCleanError(run(tiny(out, "--arch", "16-24-2")), "has 4 classes");
    assertOneCleanError(run(tiny(out, "--resume")), "--resume finds no checkpoint in");
    assertOneCleanError(run(tiny(out, "--timesteps", "65")), "timesteps: 65 is outside");
    assertOneCleanError(run(tiny(out, "--precision", "int", "--threshold-shifts", "3")), "--threshold-shifts has 1 values for 2 layers");
    assertEquals(0, run(tiny(out, "--stop-after", "30")).code());
    assertOneCleanError(run(tiny(out, "--resume", "--arch", "16-30-4")),
        "belongs to a different run: arch is [16,24,4] in the checkpoint but [16,30,4] in this run");
    assertOneCleanError(run(tiny(out, "--resume", "--seed", "2")), "seed is 1 in the checkpoint but 2 in this run");
    Path ck = out.resolve("checkpoint.sfck");
    byte[] b = Files.readAllBytes(ck);
    b[b.length - 40] ^= 1;
    Files.write(ck, b);
    assertOneCleanError(run(tiny(out, "--resume")), "is corrupt (content hash mismatch");
  }

  @Test
  void requestErrorsNameTheOption(@TempDir Path dir) {
    Path out = dir.resolve("run");
    assertEquals("--train-limit", ConfigErrors.option("trainLimit"));
    assertEquals("--epochs", ConfigErrors.option("epochs"));
    assertOneCleanError(run(tiny(out, "--train-limit", "0")), "--train-limit must be positive, got 0");
    assertOneCleanError(run(tiny(out, "--checkpoint-every", "-1")), "--checkpoint-every must be 0 or positive, got -1");
    assertOneCleanError(run(tiny(out, "--dataset", "cifar")), "--dataset 'cifar' is unknown; choose one of");
    assertOneCleanError(run(tiny(out, "--dataset", "mnist-subset", "--delay-pattern", "noise=0")),
        "--delay-pattern applies to the dataset delay-pattern only, not to mnist-subset");
  }

  @Test
  void evaluateRefusesOptionsThatDoNotApply(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("run");
    assertEquals(0, run(tiny(out, "--precision", "int")).code());
    assertOneCleanError(run("evaluate", out.resolve("model.json").toString(), "--dataset", "delay-pattern", "--quantize", "4"),
        "--quantize applies to float models");
    assertOneCleanError(run("evaluate", dir.resolve("nothing.json").toString(), "--dataset", "delay-pattern"),
        "does not exist");
  }

  @Test
  void helpListsTrainAndEvaluate() {
    CliTest.Run r = run("--help");
    assertTrue(r.out().contains("train") && r.out().contains("evaluate"), r.out());
  }
}
