package dev.spikeforge.cli;

import static dev.spikeforge.cli.CliTest.assertOneCleanError;
import static dev.spikeforge.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spikeforge compile} and {@code spikeforge verify}: determinism of the build directory and
 * one clear error (exit code 2, no stack trace) for each kind of bad input: a missing or malformed
 * model, bad options, an output that is not a build directory, a missing, corrupt, stale or
 * mismatched build directory.
 */
@Tag("unit")
class CompileVerifyCliTest {

  static Path model(Path dir, String... extra) {
    Path m = dir.resolve("m.json");
    String[] args = Stream.concat(Stream.of("model", "random", "--sizes", "6,5,3", "--timesteps", "8", "-o", m.toString()),
        Stream.of(extra)).toArray(String[]::new);
    CliTest.Run r = run(args);
    assertEquals(0, r.code(), r.err());
    return m;
  }

  static Path compiled(Path dir) {
    Path m = model(dir);
    Path b = dir.resolve("build");
    CliTest.Run r = run("compile", m.toString(), "-o", b.toString(), "--lanes", "2");
    assertEquals(0, r.code(), r.err());
    return b;
  }

  @Test
  void compileWritesAByteIdenticalBuildDirectory(@TempDir Path dir) throws IOException {
    Path m = model(dir, "--max-delay", "3", "--recurrent");
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    CliTest.Run ra = run("compile", m.toString(), "-o", a.toString(), "--lanes", "2");
    assertEquals(0, ra.code(), ra.err());
    assertTrue(ra.out().contains("recurrent"), ra.out());
    assertEquals(0, run("compile", m.toString(), "-o", b.toString(), "--lanes", "2").code());
    List<String> files = list(a);
    assertEquals(files, list(b));
    for (String f : List.of("config.json", "network.json", "manifest.json", "rtl/SnnCore.sv", "mem/layer0_ff.hex",
        "mem/layer0_axonal.hex", "mem/layer0_rec.hex", "vectors/smoke.stim", "vectors/smoke.sftrace")) {
      assertTrue(files.contains(f), f + " missing from " + files);
    }
    for (String f : files) {
      assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
    }
    assertTrue(Files.isDirectory(a.resolve("reports")));
    // Recompiling into an existing build directory replaces it, leaving nothing temporary behind.
    assertEquals(0, run("compile", m.toString(), "-o", a.toString(), "--lanes", "4").code());
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of("a", "b", "m.json"), s.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  private static List<String> list(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void compileQuantizesAFloatModelAndRecordsItsSource(@TempDir Path dir) throws IOException {
    Path m = model(dir);
    Path fm = dir.resolve("float-model.json");
    dev.spikeforge.golden.io.FloatNetworkJson.write(
        dev.spikeforge.golden.network.FloatNetwork.of(dev.spikeforge.golden.io.NetworkJson.read(m)), fm);
    Path b = dir.resolve("q");
    // a 6-input model has no dataset to calibrate and check on: said clearly, and quantized unchecked only if asked
    assertOneCleanError(run("compile", fm.toString(), "-o", b.toString(), "--weight-width", "4"),
        "--dataset 'fashion-mnist-train' has 784 input channels but the model has 6 inputs");
    assertFalse(Files.exists(b));
    CliTest.Run r = run("compile", fm.toString(), "-o", b.toString(), "--weight-width", "4", "--membrane-width", "12",
        "--calibration-images", "0", "--scale", "max-abs");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("WARNING: quantized to 4-bit weights (scale max-abs) WITHOUT a check"), r.out());
    assertTrue(r.out().contains("quantized the float model to 4-bit weights, membrane width 12:"), r.out());
    dev.spikeforge.golden.spec.NetworkSpec q = dev.spikeforge.golden.io.NetworkJson.read(b.resolve("network.json"));
    assertEquals(4, q.layers().get(0).weightWidth());
    assertEquals(12, q.layers().get(0).neuron().membraneWidth());
    String config = Files.readString(b.resolve("config.json"));
    assertTrue(config.contains("\"format\" : \"spikeforge.float-network\""), config);
    assertOneCleanError(run("compile", m.toString(), "--weight-width", "4"),
        "--weight-width applies only to float models (spikeforge.float-network), which compile quantizes; ");
  }

  @Test
  void compileMissingModel(@TempDir Path dir) {
    assertOneCleanError(run("compile", dir.resolve("nope.json").toString(), "-o", dir.resolve("b").toString()),
        "does not exist");
  }

  @Test
  void compileMalformedModel(@TempDir Path dir) throws IOException {
    Path m = dir.resolve("bad.json");
    Files.writeString(m, "{\"format\": \"spikeforge.network\", ");
    assertOneCleanError(run("compile", m.toString(), "-o", dir.resolve("b").toString()), "not valid JSON");
  }

  @Test
  void compileBadOptions(@TempDir Path dir) {
    Path m = model(dir);
    assertOneCleanError(run("compile", m.toString(), "--lanes", "four"), "--lanes must be a number or 'all'");
    assertOneCleanError(run("compile", m.toString(), "--input-word-width", "3"), "inputWordWidth");
    assertOneCleanError(run("compile", m.toString(), "--board", "de10"), "board: 'de10' is not a known board");
  }

  @Test
  void compileRefusesToOverwriteSomethingElse(@TempDir Path dir) throws IOException {
    Path m = model(dir);
    Path other = dir.resolve("mine");
    Files.createDirectories(other);
    Files.writeString(other.resolve("notes.txt"), "keep me");
    assertOneCleanError(run("compile", m.toString(), "-o", other.toString()), "is not a spikeforge build directory");
    assertEquals("keep me", Files.readString(other.resolve("notes.txt")));
  }

  @Test
  void verifyMissingDirectory(@TempDir Path dir) {
    assertOneCleanError(run("verify", dir.resolve("nope").toString()), "does not exist");
  }

  /** Fuzzing found that {@code --lanes 0} silently meant "all". */
  @Test
  void lanesZeroIsRefusedNotAll(@TempDir Path dir) throws IOException {
    Path m = model(dir);
    assertOneCleanError(run("compile", m.toString(), "-o", dir.resolve("b").toString(), "--lanes", "0"),
        "--lanes must be at least 1 or 'all', not 0");
    assertOneCleanError(run("compile", m.toString(), "-o", dir.resolve("b").toString(), "--input-word-width", "-8"),
        "--input-word-width must be at least 1 or 'auto', not -8");
    assertFalse(Files.exists(dir.resolve("b")), "nothing written");
  }

  /** {@code --lanes 4,2}: one count per layer, written to config.json; each bad count list one clean error, exit 2. */
  @Test
  void perLayerLanes(@TempDir Path dir) throws IOException {
    Path m = model(dir); // 6-5-3: two layers of 5 and 3 neurons
    Path b = dir.resolve("b");
    CliTest.Run r = run("compile", m.toString(), "-o", b.toString(), "--lanes", "4,2");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("4 lanes x 2 groups") && r.out().contains("2 lanes x 2 groups"), r.out());
    assertTrue(Files.readString(b.resolve("config.json")).contains("\"lanes\" : \"4,2\""));
    assertTrue(run("compile", "--help").out().contains("one count per layer"));
    Path bad = dir.resolve("bad");
    assertOneCleanError(run("compile", m.toString(), "-o", bad.toString(), "--lanes", "4,2,1"),
        "lanes: 3 lane counts (4,2,1) for a network of 2 layers; give one count per layer");
    assertOneCleanError(run("compile", m.toString(), "-o", bad.toString(), "--lanes", "4,4"),
        "lanes: layer 1 has 3 neurons but its lane count is 4 (4,4); give it at most 3 lanes");
    assertOneCleanError(run("compile", m.toString(), "-o", bad.toString(), "--lanes", "6,1"),
        "layer 0 has 5 neurons but its lane count is 6");
    assertOneCleanError(run("compile", m.toString(), "-o", bad.toString(), "--lanes", "4,0"),
        "--lanes '4,0': 0 lanes; every per-layer count must be at least 1");
    assertOneCleanError(run("compile", m.toString(), "-o", bad.toString(), "--lanes", "4,all"),
        "--lanes '4,all': 'all' is not a number");
    assertFalse(Files.exists(bad), "nothing written");
  }

  /** Fuzzing found that {@code verify --images 2147483647} printed an OutOfMemoryError stack trace. */
  @Test
  void verifyCountsAreBounded(@TempDir Path dir) {
    assertOneCleanError(run("verify", dir.toString(), "--images", "2147483647"), "--images must be in 1..1000000");
    assertOneCleanError(run("verify", dir.toString(), "--threads", "0"), "--threads must be in 1..256, got 0");
  }

  /** Fuzzing found that verify on a regular file said it "does not exist". */
  @Test
  void verifyOnARegularFileSaysItIsAFile(@TempDir Path dir) throws IOException {
    Path f = Files.writeString(dir.resolve("model.json"), "{}");
    assertOneCleanError(run("verify", f.toString()), f + " is a file, not a build directory");
  }

  @Test
  void verifyNotABuildDirectory(@TempDir Path dir) {
    assertOneCleanError(run("verify", dir.toString()), "is not a spikeforge build directory: manifest.json is missing");
  }

  @Test
  void verifyCorruptManifest(@TempDir Path dir) throws IOException {
    Path b = compiled(dir);
    String m = Files.readString(b.resolve("manifest.json"));
    Files.writeString(b.resolve("manifest.json"), m.substring(0, m.length() / 2));
    assertOneCleanError(run("verify", b.toString()), "manifest.json is corrupt (not valid JSON");
  }

  @Test
  void verifyCorruptImage(@TempDir Path dir) throws IOException {
    Path b = compiled(dir);
    Path img = b.resolve("mem/layer0_ff.hex");
    String text = Files.readString(img);
    Files.writeString(img, (text.charAt(0) == '0' ? "1" : "0") + text.substring(1));
    assertOneCleanError(run("verify", b.toString()), "is corrupt: mem/layer0_ff.hex changed after compile");
  }

  @Test
  void verifyMissingRtl(@TempDir Path dir) throws IOException {
    Path b = compiled(dir);
    Files.delete(b.resolve("rtl/SnnCore.sv"));
    assertOneCleanError(run("verify", b.toString()), "is corrupt: rtl/SnnCore.sv is missing");
  }

  @Test
  void verifyStaleGenerator(@TempDir Path dir) throws IOException {
    Path b = compiled(dir);
    Path mf = b.resolve("manifest.json");
    Files.writeString(mf, Files.readString(mf).replace("\"hwGen\" : \"", "\"hwGen\" : \"old-"));
    assertOneCleanError(run("verify", b.toString()), "is stale: it was generated with hwGen \"old-");
  }

  @Test
  void verifyManifestThatDisagreesWithTheSpec(@TempDir Path dir) throws IOException {
    Path b = compiled(dir);
    Path mf = b.resolve("manifest.json");
    String m = Files.readString(mf);
    String edited = m.replaceFirst("\"lanes\" : 2,", "\"lanes\" : 3,");
    assertTrue(!edited.equals(m));
    Files.writeString(mf, edited);
    assertOneCleanError(run("verify", b.toString()),
        "manifest.json does not match its spec (network.json + config.json): hardware.layers[0].lanes is 3 in the manifest but 2 from the spec");
  }

  @Test
  void verifyBadOptions(@TempDir Path dir) {
    Path b = compiled(dir);
    assertOneCleanError(run("verify", b.toString(), "--sim", "modelsim"), "--sim must be verilator, icarus or both");
    assertOneCleanError(run("verify", b.toString(), "--images", "0"), "--images must be in 1..1000000, got 0");
    assertOneCleanError(run("verify", b.toString(), "--dataset", "fashion-mnist", "--data-dir", dir.toString()), "IDX file");
  }
}
