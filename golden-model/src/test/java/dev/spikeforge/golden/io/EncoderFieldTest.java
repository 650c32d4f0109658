package dev.spikeforge.golden.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.EncoderSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.SpecException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The optional {@code encoder} field of model.json and float-model.json (docs/model-format.md): absent means
 * rate and is never written for rate (bytes and content hash of rate-coded networks unchanged), any other
 * encoder round-trips and changes the hash, a malformed one is refused with its field path.
 */
@Tag("unit")
class EncoderFieldTest {
  private static final NetworkSpec NET = NetworkJson.parse(NetworkJsonTest.VALID);

  @Test
  void rateIsTheDefaultAndIsNotWritten() {
    assertEquals(EncoderSpec.DEFAULT, NET.encoder());
    String text = NetworkJson.write(NET);
    assertFalse(text.contains("\"encoder\""), text);
    assertEquals(NetworkJson.contentHash(NET), NetworkJson.contentHash(NET.withEncoder(EncoderSpec.parse("rate"))));
    assertFalse(FloatNetworkJson.write(FloatNetwork.of(NET)).contains("\"encoder\""));
  }

  @Test
  void anotherEncoderRoundTripsAndChangesTheHash() {
    for (String spec : new String[] {"latency", "latency:min=64", "rate:min=32", "poisson:seed=5", "rate32"}) {
      NetworkSpec coded = NET.withEncoder(EncoderSpec.parse(spec));
      String text = NetworkJson.write(coded);
      assertTrue(text.contains("  \"timesteps\": 5,\n  \"encoder\": \"" + spec + "\",\n"), text);
      assertEquals(coded, NetworkJson.parse(text));
      assertEquals(text, NetworkJson.write(NetworkJson.parse(text)));
      assertNotEquals(NetworkJson.contentHash(NET), NetworkJson.contentHash(coded), spec);
      FloatNetwork fl = FloatNetwork.of(coded);
      assertEquals(coded.encoder(), fl.encoder());
      String flText = FloatNetworkJson.write(fl);
      assertEquals(coded.encoder(), FloatNetworkJson.parse(flText).encoder());
      assertEquals(flText, FloatNetworkJson.write(FloatNetworkJson.parse(flText)));
    }
  }

  @Test
  void refusesAMalformedEncoderWithItsPath() {
    String bad = NetworkJsonTest.VALID.replace("\"timesteps\": 5,", "\"timesteps\": 5, \"encoder\": \"latency:min=300\",");
    SpecException e = assertThrows(SpecException.class, () -> NetworkJson.parse(bad));
    assertTrue(e.getMessage().startsWith("encoder.min: 300 is outside the allowed range 0..255"), e.getMessage());
    String unknown = NetworkJsonTest.VALID.replace("\"timesteps\": 5,", "\"timesteps\": 5, \"encoder\": \"ttfs\",");
    SpecException u = assertThrows(SpecException.class, () -> NetworkJson.parse(unknown));
    assertTrue(u.getMessage().contains("unknown encoder 'ttfs'"), u.getMessage());
  }
}
