package dev.spikeforge.golden.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.network.RandomNetworks;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.ReadoutSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one model-loading function (issue 16, item 1): "compile and simulate refuse the documented .npy export
 * directory" ("Input length = 1", "Is a directory"), layerN.npy as well as fcN.npy, a training output
 * directory, and a misnamed or gapped export named in the error instead of a silently shorter network.
 */
@Tag("unit")
class ModelFilesTest {
  private static NetworkSpec tiny() {
    return RandomNetworks.generate(new RandomNetworks.Options(new int[] {9, 4, 2}, 8, 4, 16, 0, false, false,
        false, false, ReadoutSpec.spikeCount(), 0.05), 3);
  }

  @Test
  void npyDirectoryWithFcOrLayerNamesLoadsTheSameNetwork(@TempDir Path dir) throws Exception {
    Path fc = Files.createDirectories(dir.resolve("a/export"));
    Path layer = Files.createDirectories(dir.resolve("b/export"));
    float[][] w1 = DesireNpyImportTest.random(7, 9, 1);
    float[][] w2 = DesireNpyImportTest.random(3, 7, 2);
    DesireNpyImportTest.writeLayer(fc, "fc1.npy", w1);
    DesireNpyImportTest.writeLayer(fc, "fc2.npy", w2);
    DesireNpyImportTest.writeLayer(layer, "layer1.npy", w1);
    DesireNpyImportTest.writeLayer(layer, "layer2.npy", w2);
    ModelFiles.Model a = ModelFiles.load(fc);
    ModelFiles.Model b = ModelFiles.load(layer);
    assertEquals(ModelFiles.Kind.NPY, a.source().kind());
    assertEquals(ModelFiles.NPY_FORMAT, a.format());
    assertTrue(a.isFloat());
    assertNull(a.network());
    assertEquals(FloatNetworkJson.write(a.floatNetwork()), FloatNetworkJson.write(b.floatNetwork()));
    assertNotEquals(a.sha256(), b.sha256(), "the hash covers the file names");
    assertEquals(2, a.floatNetwork().layers().size());
  }

  @Test
  void gapsStrayAndMixedNamesAreErrorsNamingTheFiles(@TempDir Path dir) throws Exception {
    DesireNpyImportTest.writeLayer(dir, "fc1.npy", DesireNpyImportTest.random(7, 9, 1));
    DesireNpyImportTest.writeLayer(dir, "fc3.npy", DesireNpyImportTest.random(3, 7, 2));
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFiles.load(dir));
    assertTrue(e.getMessage().contains("[fc3.npy] is not part of fc1.npy … fc1.npy"), e.getMessage());
    Files.delete(dir.resolve("fc3.npy"));
    DesireNpyImportTest.writeLayer(dir, "layer1.npy", DesireNpyImportTest.random(3, 7, 2));
    e = assertThrows(ModelFormatException.class, () -> ModelFiles.load(dir));
    assertTrue(e.getMessage().contains("holds both fc1.npy and layer1.npy"), e.getMessage());
    Files.delete(dir.resolve("fc1.npy"));
    Files.delete(dir.resolve("layer1.npy"));
    DesireNpyImportTest.writeLayer(dir, "w0.npy", DesireNpyImportTest.random(3, 7, 2));
    e = assertThrows(ModelFormatException.class, () -> ModelFiles.load(dir));
    assertTrue(e.getMessage().contains("holds no fc1.npy (nor layer1.npy); its .npy files [w0.npy] are not named as"
        + " expected; export one NumPy matrix (outputs, inputs) per layer, numbered from 1"), e.getMessage());
    Files.delete(dir.resolve("w0.npy"));
    e = assertThrows(ModelFormatException.class, () -> ModelFiles.load(dir));
    assertTrue(e.getMessage().contains("is a directory but holds no model"), e.getMessage());
    e = assertThrows(ModelFormatException.class, () -> ModelFiles.load(dir.resolve("nope.json")));
    assertTrue(e.getMessage().contains("nope.json does not exist"), e.getMessage());
  }

  @Test
  void trainingOutputDirectoryGivesItsFloatModelElseItsIntegerModel(@TempDir Path dir) throws Exception {
    NetworkSpec net = tiny();
    NetworkJson.write(net, dir.resolve("model.json"));
    ModelFiles.Model m = ModelFiles.load(dir);
    assertEquals(ModelFiles.Kind.INTEGER, m.source().kind());
    assertEquals(dir.resolve("model.json"), m.source().path());
    assertTrue(m.source().foundInDirectory());
    assertEquals(NetworkJson.contentHash(net), NetworkJson.contentHash(m.network()));
    FloatNetworkJson.write(FloatNetwork.of(net), dir.resolve("float-model.json"));
    m = ModelFiles.load(dir);
    assertEquals(ModelFiles.Kind.FLOAT, m.source().kind());
    assertEquals(dir.resolve("float-model.json"), m.source().path());
    assertEquals(FloatNetworkJson.FORMAT, m.format());
    ModelFiles.Model direct = ModelFiles.load(dir.resolve("float-model.json"));
    assertFalse(direct.source().foundInDirectory());
    assertEquals(m.sha256(), direct.sha256());
    assertArrayEquals(m.floatNetwork().layers().get(0).weights()[0], direct.floatNetwork().layers().get(0).weights()[0]);
  }
}
