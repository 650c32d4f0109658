package dev.spikeforge.cli;

import static dev.spikeforge.cli.CliTest.assertOneCleanError;
import static dev.spikeforge.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.spec.NetworkSpec;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spikeforge nir import|export} end to end on the real NIR files of other tools (nir's test
 * resources): the snnTorch Braille RNN imports, simulates on the float evaluator, compiles, and the
 * compiled integer network simulates and comes back bit for bit through NIR.
 */
@Tag("unit")
class NirCliTest {
  static Path fixture(String name) {
    return Path.of(System.getProperty("spikeforge.root", "..")).resolve("nir/src/test/resources/nir").resolve(name);
  }

  /** An IDX dataset of 3x4-pixel images (12 channels, as the Braille network reads) with labels 0..6. */
  static Path idx12(Path dir) throws IOException {
    Path d = dir.resolve("idx12");
    Files.createDirectories(d);
    SplittableRandom rnd = new SplittableRandom(9);
    for (String prefix : new String[] {"train", "t10k"}) {
      int n = 40;
      try (DataOutputStream img = new DataOutputStream(Files.newOutputStream(d.resolve(prefix + "-images-idx3-ubyte")));
           DataOutputStream lab = new DataOutputStream(Files.newOutputStream(d.resolve(prefix + "-labels-idx1-ubyte")))) {
        img.writeInt(0x00000803);
        img.writeInt(n);
        img.writeInt(3);
        img.writeInt(4);
        lab.writeInt(0x00000801);
        lab.writeInt(n);
        for (int s = 0; s < n; s++) {
          for (int p = 0; p < 12; p++) {
            img.writeByte(rnd.nextInt(256));
          }
          lab.writeByte(s % 7);
        }
      }
    }
    return d;
  }

  @Test
  void brailleImportsSimulatesAndCompilesAndTheBuildRoundTripsThroughNir(@TempDir Path dir) throws IOException {
    Path model = dir.resolve("braille.json");
    CliTest.Run imp = run("nir", "import", fixture("03_rnn__braille_noDelay_noBias_subtract.nir").toString(),
        "-o", model.toString(), "--reset", "subtract", "--timesteps", "64");
    assertEquals(0, imp.code(), imp.err());
    assertTrue(imp.out().contains("lif1_lif <- 'lif1.lif' CubaLIF"), imp.out());
    assertTrue(imp.err().contains("warning: node 'lif1.lif' (CubaLIF) is approximated"), imp.err());

    Path data = idx12(dir);
    CliTest.Run eval = run("evaluate", model.toString(), "--dataset", "idx", "--data-dir", data.toString(),
        "--limit", "20");
    assertEquals(0, eval.code(), eval.out() + eval.err());

    Path build = dir.resolve("build");
    // compile quantizes a float model with a calibrated scale and checks it on the dataset's training split
    CliTest.Run compile = run("compile", model.toString(), "-o", build.toString(), "--weight-width", "8",
        "--membrane-width", "16", "--lanes", "4", "--dataset", "idx", "--data-dir", data.toString());
    assertEquals(0, compile.code(), compile.out() + compile.err());
    assertTrue(compile.out().contains("check: float "), compile.out());
    Path network = build.resolve("network.json");
    CliTest.Run sim = run("simulate", network.toString(), "--dataset", "idx", "--data-dir", data.toString(),
        "--limit", "20", "--sim", "both");
    assertEquals(0, sim.code(), sim.out() + sim.err());

    Path nir = dir.resolve("braille-int.nir");
    CliTest.Run exp = run("nir", "export", network.toString(), "-o", nir.toString());
    assertEquals(0, exp.code(), exp.err());
    assertTrue(exp.err().contains("resets by subtracting the threshold"), exp.err());
    Path back = dir.resolve("back.json");
    CliTest.Run again = run("nir", "import", nir.toString(), "-o", back.toString());
    assertEquals(0, again.code(), again.err());
    assertTrue(again.out().contains("the exact spikeforge network carried in the file's metadata"), again.out());
    NetworkSpec original = NetworkJson.read(network);
    assertEquals(NetworkJson.write(original), Files.readString(back));
  }

  @Test
  void theNorseLifImportsWithItsTimesteps(@TempDir Path dir) {
    Path model = dir.resolve("lif.json");
    CliTest.Run r = run("nir", "import", fixture("01_lif__lif_norse.nir").toString(), "-o", model.toString(),
        "--timesteps", "1000");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("dt = 1.0E-4 s, euler"), r.out());
    assertTrue(r.out().contains("timesteps: 1000 (--timesteps)"), r.out());
    assertTrue(r.err().isEmpty(), r.err());
  }

  @Test
  void badInputIsOneCleanError(@TempDir Path dir) throws IOException {
    Path notNir = dir.resolve("model.json");
    Files.writeString(notNir, "{}");
    assertOneCleanError(run("nir", "import", notNir.toString(), "-o", dir.resolve("o.json").toString()),
        "not a readable HDF5 file");
    assertOneCleanError(run("nir", "import", fixture("01_lif__lif_norse.nir").toString(), "-o",
        dir.resolve("o.json").toString(), "--discretisation", "rk4"), "--discretisation: 'rk4' is not one of euler, exact");
    assertOneCleanError(run("nir", "import", fixture("03_rnn__braille_noDelay_noBias_subtract.nir").toString(), "-o",
        dir.resolve("o.json").toString(), "--strict"), "node 'lif1.lif' (CubaLIF) is approximated");
    assertFalse(Files.exists(dir.resolve("o.json")));
    assertOneCleanError(run("nir", "export", dir.resolve("missing.json").toString(), "-o",
        dir.resolve("o.nir").toString()), "does not exist");
    assertOneCleanError(run("nir", "import", fixture("01_lif__lif_norse.nir").toString(), "-o",
        dir.resolve("o.json").toString(), "--dt", "0.01"), "tau = 0.0024999999441206455 s is not larger than dt");
  }
}
