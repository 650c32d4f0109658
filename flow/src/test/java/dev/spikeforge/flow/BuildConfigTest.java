package dev.spikeforge.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The presets, the JSON round trip and the validation messages of {@link BuildConfig}. */
@Tag("unit")
class BuildConfigTest {

  @Test
  void presetsRoundTripThroughJson() {
    for (BuildConfig c : List.of(BuildConfig.demo(), BuildConfig.tiny(),
        BuildConfig.tiny().withBitstream(new BitstreamConfig(true, 24.0)).withTraining(
            BuildConfig.tiny().training().withFloatModel("m/float-model.json")),
        BuildConfig.tiny().withHardware(BuildConfig.tiny().hardware().withLearning("desire")))) {
      String json = c.toJson();
      assertEquals(c, BuildConfig.fromJson(json), json);
      assertEquals(json, BuildConfig.fromJson(json).toJson());
    }
  }

  @Test
  void demoPresetIsWhatTheDemoCommandDoesByDefault() {
    BuildConfig d = BuildConfig.demo();
    assertEquals("784-128-10", d.training().arch());
    assertEquals(3, d.training().epochs());
    assertEquals(60_000, d.training().trainSamples());
    assertEquals(4, d.quantize().weightWidth());
    assertEquals(CalibrationRule.DEFAULT_IMAGES, d.quantize().calibrationImages());
    assertEquals(4, d.hardware().lanes());
    assertEquals("icebreaker", d.hardware().board());
    assertEquals(32, d.verify().images());
    assertTrue(d.verify().enabled() && d.bitstream().enabled());
    assertFalse(BuildConfig.tiny().bitstream().enabled());
  }

  @Test
  void validationNamesTheFieldAndTheFix() {
    ConfigException e = assertThrows(ConfigException.class, () -> BuildConfig.tiny().training().withEpochs(0));
    assertEquals("training.epochs", e.field());
    assertEquals("training.epochs must be at least 1, got 0", e.getMessage());
    e = assertThrows(ConfigException.class, () -> new HardwareConfig(0, "icebreaker"));
    assertEquals("hardware.lanes", e.field());
    e = assertThrows(ConfigException.class, () -> new HardwareConfig(4, "icebreaker", "hebb"));
    assertEquals("hardware.learning", e.field());
    assertTrue(e.problem().contains("choose desire or leave it out"), e.problem());
    // eprop is a compile unit the build flow cannot make (it trains desire): refused at load, not after training
    e = assertThrows(ConfigException.class, () -> new HardwareConfig(4, "icebreaker", "eprop"));
    assertEquals("hardware.learning", e.field());
    assertTrue(e.problem().contains("trains desire") && e.problem().contains("train --rule eprop --precision int"
        + " --hardware-form") && e.problem().contains("compile --learning eprop"), e.problem());
    e = assertThrows(ConfigException.class, () -> BuildConfig.fromJson(BuildConfig.tiny().withHardware(
        BuildConfig.tiny().hardware().withLearning("desire")).toJson().replace("\"desire\"", "\"eprop\"")));
    assertEquals("hardware.learning", e.field());
    e = assertThrows(ConfigException.class, () -> new TrainingConfig("100-8-10", 1, 300, 1, 20, null, false));
    assertTrue(e.getMessage().contains("must start with 784 inputs"), e.getMessage());
    e = assertThrows(ConfigException.class, () -> new DataConfig("cifar", null, null));
    assertEquals("data.dataset", e.field());
    assertTrue(e.problem().contains("fashion-mnist, mnist-subset"), e.problem());
    String bad = BuildConfig.tiny().toJson().replace("\"lanes\" : 4", "\"lanes\" : -1");
    e = assertThrows(ConfigException.class, () -> BuildConfig.fromJson(bad));
    assertEquals("hardware.lanes", e.field());
    e = assertThrows(ConfigException.class, () -> BuildConfig.fromJson("{\"outDir\": 3"));
    assertTrue(e.getMessage().startsWith("(json) is not a build config"), e.getMessage());
  }
}
