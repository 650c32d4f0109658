package dev.spikeforge.compiler.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spikeforge.golden.learning.DesireIntParams;
import dev.spikeforge.golden.learning.DesireParams;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.SpecException;
import dev.spikeforge.golden.spec.hw.HwDesireLearning;
import dev.spikeforge.golden.train.DesireConfig;
import dev.spikeforge.golden.train.DesireHardware;
import dev.spikeforge.golden.train.DesireLearningReference;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A learning core's build directory: config.json and manifest.json carry the learning spec (read back
 * with every field checked; a tampered value is refused by name), the feedforward images hold the
 * shadow words, and they are what the golden learning reference packs before its first sample.
 */
@Tag("unit")
class LearningBuildTest {
  static final int[] SIZES = {12, 8, 4};

  static DesireConfig config() {
    DesireParams p = DesireParams.fashionMnist().withTimesteps(10).withDropout(0.1, 0.3);
    return DesireConfig.intForm(SIZES, p, DesireIntParams.defaults(SIZES, 6).withLayerShadowBits(3, 6)
        .withRoundingBits(16), 9);
  }

  static CompileConfig.Learning learning(DesireConfig c) {
    return new CompileConfig.Learning(DesireHardware.learningSpec(c),
        Json.MAPPER.valueToTree(DesireHardware.describe(c)));
  }

  /** The network of the configuration's initial (Kaiming) weights, through the public training API. */
  private static NetworkSpec placeholder(DesireConfig c) {
    try (var e = c.engine(1)) {
      return e.intNetwork();
    }
  }

  @Test
  void aLearningBuildRoundTripsAndItsImagesAreTheReferencesFirstWords(@TempDir Path dir) throws Exception {
    DesireConfig c = config();
    NetworkSpec net = placeholder(c);
    CompileConfig cfg = CompileConfig.lanes(2).withLearning(learning(c));
    Compiler.compile(net, cfg, dir.resolve("b"));
    BuildDirectory.Loaded b = BuildDirectory.load(dir.resolve("b"));
    HwDesireLearning spec = DesireHardware.learningSpec(c);
    assertEquals(spec, b.core().learning());
    assertEquals(cfg, b.config());
    JsonNode m = b.manifest().path("hardware").path("learning");
    assertEquals(spec.dropoutScales()[1], m.path("dropoutScales").get(1).asInt());
    assertEquals(6 + 6, m.path("layers").get(1).path("shadowWidth").asInt());
    assertEquals(12, b.manifest().path("hardware").path("layers").get(1).path("storedWeightWidth").asInt());
    assertEquals(2 * 12, b.manifest().path("memories").get(3).path("width").asInt(), "layer1_ff: 2 lanes of B + E");
    DesireConfig back = DesireHardware.fromDescription(Json.MAPPER.convertValue(b.config().learning().run(),
        java.util.Map.class), c.name());
    try (DesireLearningReference ref = DesireLearningReference.of(back, b.core(), b.network())) {
      for (int l = 0; l < 2; l++) {
        assertEquals(Files.readString(dir.resolve("b/mem/layer" + l + "_ff.hex")), ref.memoryImage(l), "layer " + l);
      }
    }
    // an inference core of the same network has none of it
    ObjectNode plain = HwSpecJson.core(dev.spikeforge.compiler.map.HwMapper.map(net,
        dev.spikeforge.compiler.map.MappingOptions.lanes(2)));
    assertTrue(plain.path("learning").isMissingNode());
    assertTrue(plain.path("layers").get(0).path("shadowBits").isMissingNode());
  }

  @Test
  void aTamperedLearningFieldIsRefusedByName(@TempDir Path dir) throws Exception {
    DesireConfig c = config();
    Path b = dir.resolve("b");
    Compiler.compile(placeholder(c), CompileConfig.lanes(2).withLearning(learning(c)), b);
    Path mf = b.resolve(BuildDirectory.MANIFEST);
    String original = Files.readString(mf);
    ObjectNode m = (ObjectNode) Json.MAPPER.readTree(original);
    ((ArrayNode) m.with("hardware").with("learning").get("dropoutScales")).set(1, 300);
    Files.writeString(mf, Json.write(m));
    BuildException e = assertThrows(BuildException.class, () -> BuildDirectory.load(b));
    assertTrue(e.getMessage().contains("hardware.learning.dropoutScales[1] is 300 in the manifest"), e.getMessage());
    // config.json is covered by its hash
    Files.writeString(mf, original);
    BuildDirectory.load(b);
    Path cf = b.resolve(BuildDirectory.CONFIG);
    Files.writeString(cf, Files.readString(cf).replace("\"roundingBits\" : 16", "\"roundingBits\" : 8"));
    BuildException h = assertThrows(BuildException.class, () -> BuildDirectory.load(b));
    assertTrue(h.getMessage().contains("config.json changed after compile"), h.getMessage());
  }

  @Test
  void theConfigFileReadsEveryLearningFieldWithItsName() throws Exception {
    DesireConfig c = config();
    ObjectNode o = CompileConfig.lanes(2).withLearning(learning(c)).toJson();
    assertEquals(CompileConfig.lanes(2).withLearning(learning(c)), CompileConfig.fromJson(o));
    ObjectNode missing = o.deepCopy();
    missing.with("learning").with("spec").remove("dropoutScales");
    SpecException a = assertThrows(SpecException.class, () -> CompileConfig.fromJson(missing));
    assertTrue(a.getMessage().startsWith("config.json: learning.spec.dropoutScales: is missing"), a.getMessage());
    ObjectNode range = o.deepCopy();
    ((ArrayNode) range.with("learning").with("spec").get("dropoutScales")).set(0, 100);
    SpecException r = assertThrows(SpecException.class, () -> CompileConfig.fromJson(range));
    assertTrue(r.getMessage().contains("learning.spec.dropoutScales[0]"), r.getMessage());
    ObjectNode text = o.deepCopy();
    text.with("learning").with("spec").put("roundingBits", "16");
    SpecException t = assertThrows(SpecException.class, () -> CompileConfig.fromJson(text));
    assertTrue(t.getMessage().contains("learning.spec.roundingBits") && t.getMessage().contains("not an integer"),
        t.getMessage());
  }

  /**
   * A three-factor learning build (docs/hardware.md §7.2): config.json's spec is the three-factor unit's and reads
   * back equal (rule "eprop"), the manifest carries its widths, the feedforward and axonal images are the shadow words
   * {@code w << F_w}, {@code d << F_d}, which are the golden reference's first words.
   */
  @Test
  void aThreeFactorBuildRoundTripsAndItsImagesAreTheReferencesFirstWords(@TempDir Path dir) throws Exception {
    for (dev.spikeforge.golden.spec.hw.DelayMode mode : java.util.List.of(dev.spikeforge.golden.spec.hw.DelayMode.SYNAPTIC,
        dev.spikeforge.golden.spec.hw.DelayMode.AXONAL)) {
      var c = dev.spikeforge.golden.train.threefactor.ThreeFactorConfig.preset(6, false, mode,
          dev.spikeforge.golden.train.threefactor.NumericForm.HARDWARE);
      var model = dev.spikeforge.golden.train.threefactor.IntThreeFactorModel.create(c, c.task().channels(),
          c.task().classes(), c.task().steps());
      NetworkSpec net = model.export();
      var spec = dev.spikeforge.golden.train.threefactor.HardwareLearningSpec.of(c);
      ObjectNode run = Json.MAPPER.createObjectNode().put("rule", "eprop");
      CompileConfig cfg = CompileConfig.lanes(1).withLearning(new CompileConfig.Learning(spec, run));
      Path out = dir.resolve(mode.name());
      Compiler.compile(net, cfg, out);
      BuildDirectory.Loaded b = BuildDirectory.load(out);
      assertEquals(spec, b.core().threeFactorLearning());
      assertEquals(null, b.core().learning(), "not a desire core");
      assertEquals(cfg, b.config(), "config.json reads back");
      JsonNode m = b.manifest().path("hardware").path("learning");
      assertEquals("eprop", m.path("rule").asText(), m.toString());
      assertEquals(spec.psiCodeWidth(), m.path("psiCodeWidth").asInt());
      var ref = dev.spikeforge.golden.train.threefactor.ThreeFactorLearningReference.of(c, b.core(), b.network());
      for (int l = 0; l < 2; l++) {
        var mem = b.core().memory(l, dev.spikeforge.golden.spec.hw.MemoryRole.FEEDFORWARD);
        assertEquals(Files.readString(out.resolve(mem.file())),
            dev.spikeforge.golden.spec.hw.HwImage.hex(ref.memoryWords(l), mem), mode + " layer " + l);
      }
      if (mode == dev.spikeforge.golden.spec.hw.DelayMode.AXONAL) {
        var ax = b.core().memory(0, dev.spikeforge.golden.spec.hw.MemoryRole.AXONAL);
        assertEquals(Files.readString(out.resolve(ax.file())), dev.spikeforge.golden.spec.hw.HwImage.hex(ref.delayWords(0),
            ax), "axonal shadow delays");
      }
    }
  }
}
