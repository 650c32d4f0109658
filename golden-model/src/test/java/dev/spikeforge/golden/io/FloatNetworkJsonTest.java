package dev.spikeforge.golden.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.network.DesireTopology;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.SpecException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The float network file: exact round trips (float32 and float64 weights), strict reading. */
@Tag("unit")
class FloatNetworkJsonTest {
  static FloatNetwork net(boolean float32) {
    SplittableRandom r = new SplittableRandom(3);
    double[][][] w = new double[2][][];
    int[] sizes = {5, 4, 3};
    for (int l = 0; l < 2; l++) {
      w[l] = new double[sizes[l + 1]][sizes[l]];
      for (double[] row : w[l]) {
        for (int i = 0; i < row.length; i++) {
          double x = r.nextGaussian() / 3;
          row[i] = float32 ? (float) x : x;
        }
      }
    }
    return DesireTopology.floatNetwork("net", 20, 2, 1.0, 1, w);
  }

  @Test
  void roundTripsAreExact(@TempDir Path dir) throws Exception {
    for (boolean f32 : new boolean[] {true, false}) {
      FloatNetwork a = net(f32);
      Path f = dir.resolve("m" + f32 + ".json");
      FloatNetworkJson.write(a, f);
      String text = java.nio.file.Files.readString(f);
      assertTrue(text.contains("\"weightType\": \"" + (f32 ? "float32" : "float64") + "\""));
      FloatNetwork b = FloatNetworkJson.read(f);
      for (int l = 0; l < 2; l++) {
        for (int j = 0; j < a.layers().get(l).size(); j++) {
          assertArrayEquals(a.layers().get(l).weights()[j], b.layers().get(l).weights()[j]);
        }
        assertArrayEquals(a.layers().get(l).axonalDelays(), b.layers().get(l).axonalDelays());
        assertEquals(a.layers().get(l).leak(), b.layers().get(l).leak());
      }
      assertEquals(text, FloatNetworkJson.write(b));
      assertTrue(FloatNetworkJson.isFloatNetwork(text));
    }
  }

  @Test
  void strictReading() {
    String good = FloatNetworkJson.write(net(true));
    SpecException e = assertThrows(SpecException.class, () -> FloatNetworkJson.parse(good.replace("\"leak\"", "\"leek\"")));
    assertTrue(e.getMessage().startsWith("layers[0].leek: unknown field"), e.getMessage());
    e = assertThrows(SpecException.class, () -> FloatNetworkJson.parse(good.replace("spikeforge.float-network", "x")));
    assertTrue(e.getMessage().startsWith("format:"), e.getMessage());
    e = assertThrows(SpecException.class, () -> FloatNetworkJson.parse(good.replaceFirst("\"threshold\": 1.0", "\"threshold\": -1.0")));
    assertTrue(e.getMessage().contains("threshold"), e.getMessage());
    assertThrows(ModelFormatException.class, () -> FloatNetworkJson.parse(good.substring(0, 100)));
  }
}
