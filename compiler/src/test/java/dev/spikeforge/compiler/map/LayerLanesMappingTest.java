package dev.spikeforge.compiler.map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.compiler.build.BuildDirectory;
import dev.spikeforge.compiler.build.CompileConfig;
import dev.spikeforge.compiler.build.Compiler;
import dev.spikeforge.golden.network.RandomNetworks;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.ReadoutSpec;
import dev.spikeforge.golden.spec.SpecException;
import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.golden.spec.hw.HwLayer;
import dev.spikeforge.golden.spec.hw.MemoryRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-layer lane counts ({@code compile --lanes 16,2}): the mapping, config.json, and every refusal. */
@Tag("unit")
class LayerLanesMappingTest {
  private static NetworkSpec net(int... sizes) {
    return RandomNetworks.generate(new RandomNetworks.Options(sizes, 20, 4, 8, 0, false, false, false, false,
        ReadoutSpec.spikeCount(), 0.05), 1);
  }

  private static int[] lanes(HwCore c) {
    return c.layers().stream().mapToInt(HwLayer::lanes).toArray();
  }

  @Test
  void eachLayerGetsItsOwnCountAndTheNextLayerReadsThatEdge() {
    HwCore c = HwMapper.map(net(40, 24, 10, 6), MappingOptions.perLayer(List.of(8, 2, 6)));
    assertArrayEquals(new int[] {8, 2, 6}, lanes(c));
    assertArrayEquals(new int[] {3, 5, 1}, c.layers().stream().mapToInt(HwLayer::groups).toArray());
    // layer l + 1's input edge carries layer l's spike-list entries: its width is layer l's lanes
    assertEquals(8, c.layers().get(1).feedforwardEdgeWidth());
    assertEquals(2, c.layers().get(2).feedforwardEdgeWidth());
    // the weight words hold one weight per lane: 2 lanes of 4 bits
    assertEquals(8, c.memory(1, MemoryRole.FEEDFORWARD).width());
    assertEquals(24 * 5, c.memory(1, MemoryRole.FEEDFORWARD).depth());
  }

  @Test
  void oneNumberKeepsItsMeaningAndTheSameCountsGiveTheSameCore() {
    NetworkSpec n = net(40, 24, 10);
    // one number: min(P, size) in every layer, as before; the same counts given per layer map identically
    assertArrayEquals(new int[] {16, 10}, lanes(HwMapper.map(n, MappingOptions.lanes(16))));
    assertEquals(HwMapper.map(n, MappingOptions.lanes(16)), HwMapper.map(n, MappingOptions.perLayer(List.of(16, 10))));
    assertArrayEquals(new int[] {24, 10}, lanes(HwMapper.map(n, MappingOptions.lanes(MappingOptions.ALL_LANES))));
    assertFalse(MappingOptions.lanes(16).perLayerLanes());
    assertEquals("16", MappingOptions.parseLanes("16", 0, MappingOptions.WeightMemory.AUTO, "--lanes").lanesText());
    assertEquals("all", MappingOptions.parseLanes("all", 0, MappingOptions.WeightMemory.AUTO, "--lanes").lanesText());
    MappingOptions p = MappingOptions.parseLanes("16,2", 0, MappingOptions.WeightMemory.SPRAM, "--lanes");
    assertEquals(List.of(16, 2), p.layerLanes());
    assertEquals(16, p.lanes());
    assertEquals("16,2", p.lanesText());
    assertEquals(MappingOptions.WeightMemory.SPRAM, p.weightMemory());
    assertEquals(p, p.withWeightMemory(MappingOptions.WeightMemory.AUTO).withWeightMemory(MappingOptions.WeightMemory.SPRAM));
  }

  @Test
  void countsThatDoNotMatchTheNetworkAreRefusedNamingTheLayerAndTheFix() {
    NetworkSpec n = net(40, 24, 10);
    SpecException few = assertThrows(SpecException.class, () -> HwMapper.map(n, MappingOptions.perLayer(List.of(4, 2, 1))));
    assertEquals("lanes", few.field());
    assertTrue(few.getMessage().contains("3 lane counts (4,2,1) for a network of 2 layers; give one count per layer"),
        few.getMessage());
    SpecException big = assertThrows(SpecException.class, () -> HwMapper.map(n, MappingOptions.perLayer(List.of(4, 11))));
    assertEquals("lanes", big.field());
    assertTrue(big.getMessage().contains("layer 1 has 10 neurons but its lane count is 11 (4,11); give it at most 10"),
        big.getMessage());
    SpecException zero = assertThrows(SpecException.class, () -> MappingOptions.perLayer(List.of(4, 0)));
    assertTrue(zero.getMessage().contains("at least 1"), zero.getMessage());
    SpecException word = assertThrows(SpecException.class,
        () -> MappingOptions.parseLanes("16,two", 0, MappingOptions.WeightMemory.AUTO, "config.json: lanes"));
    assertTrue(word.getMessage().contains("config.json: lanes '16,two': 'two' is not a number"), word.getMessage());
    SpecException neg = assertThrows(SpecException.class,
        () -> MappingOptions.parseLanes("16,-1", 0, MappingOptions.WeightMemory.AUTO, "--lanes"));
    assertTrue(neg.getMessage().contains("-1 lanes; every count must be at least 1"), neg.getMessage());
    assertThrows(SpecException.class, () -> MappingOptions.parseLanes("", 0, MappingOptions.WeightMemory.AUTO, "--lanes"));
    // the record's own invariant: P is the largest per-layer count
    assertThrows(SpecException.class, () -> new MappingOptions(4, 0, MappingOptions.WeightMemory.AUTO, List.of(2, 3)));
  }

  @Test
  void configJsonRecordsAndReadsBackTheCounts(@TempDir Path tmp) throws Exception {
    NetworkSpec n = net(40, 24, 10);
    Path dir = tmp.resolve("b");
    Compiler.compile(n, new CompileConfig(MappingOptions.perLayer(List.of(8, 3)), "generic", 2, 1), dir);
    assertTrue(Files.readString(dir.resolve("config.json")).contains("\"lanes\" : \"8,3\""));
    BuildDirectory.Loaded b = BuildDirectory.load(dir);
    assertEquals(List.of(8, 3), b.config().mapping().layerLanes());
    assertArrayEquals(new int[] {8, 3}, lanes(b.core()));
    // the same network at one count, 8: the second layer gets min(8, 10) = 8 lanes, a different core
    Path one = tmp.resolve("one");
    Compiler.compile(n, new CompileConfig(MappingOptions.lanes(8), "generic", 2, 1), one);
    assertArrayEquals(new int[] {8, 8}, lanes(BuildDirectory.load(one).core()));
    assertTrue(Files.readString(one.resolve("config.json")).contains("\"lanes\" : \"8\""));
    assertFalse(BuildDirectory.load(one).config().mapping().perLayerLanes());
  }
}
