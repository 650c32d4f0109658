package dev.spikeforge.compiler.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.network.RandomNetworks;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.ReadoutSpec;
import dev.spikeforge.golden.spec.SpecException;
import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.golden.spec.hw.HwMemory;
import dev.spikeforge.golden.spec.hw.MemoryKind;
import dev.spikeforge.golden.spec.hw.MemoryRole;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** HwMapper's weight-memory placement (docs/hardware.md, "Memory kinds"): choices, and every refusal. */
@Tag("unit")
class WeightMemoryPlacementTest {
  private static NetworkSpec net(int weightWidth, int... sizes) {
    return RandomNetworks.generate(new RandomNetworks.Options(sizes, 20, weightWidth, 12, 0, false, false, false, false,
        ReadoutSpec.spikeCount(), 0.05), 1);
  }

  private static MemoryKind kind(HwCore c, int layer) {
    return c.memory(layer, MemoryRole.FEEDFORWARD).kind();
  }

  @Test
  void mnistSizedCoreOnTheIcebreakerPutsTheBigLayerInSpram() {
    HwCore c = HwMapper.map(net(4, 784, 128, 10), MappingOptions.lanes(8), MemoryTarget.forBoard("icebreaker"));
    assertEquals(MemoryKind.SPRAM, kind(c, 0));
    assertEquals(MemoryKind.BLOCK_RAM, kind(c, 1));
    HwMemory ff = c.memory(0, MemoryRole.FEEDFORWARD);
    assertEquals(12544, ff.depth());
    assertEquals(32, ff.width());
    assertEquals(2, c.sprams());
    assertTrue(c.usesSpram());
    // with 16 lanes and 12-bit membranes the membranes (8 words of 192 bits: 12 EBR) and the pending currents
    // (8 words of 16 x 14 bits: 14 EBR) leave no block RAM for the second layer's weights, and the first layer's
    // 64-bit words take all 4 SPRAMs
    SpecException p16 = assertThrows(SpecException.class, () -> HwMapper.map(net(4, 784, 128, 10),
        MappingOptions.lanes(16), MemoryTarget.forBoard("icebreaker")));
    assertTrue(p16.getMessage().contains("EBR too many") && p16.getMessage().contains("mem/layer1_ff.hex")
        && p16.getMessage().contains("0 of 4 SB_SPRAM256KA"), p16.getMessage());
    HwCore forced = HwMapper.map(net(4, 784, 128, 10), MappingOptions.lanes(16), MemoryTarget.forBoard("generic"));
    assertEquals(0, forced.sprams());
    // the same network for no particular board, or forced to block RAM: no SPRAM
    assertEquals(0, HwMapper.map(net(4, 784, 128, 10), MappingOptions.lanes(16)).sprams());
    assertEquals(0, HwMapper.map(net(4, 784, 128, 10), MappingOptions.lanes(16)
        .withWeightMemory(MappingOptions.WeightMemory.BLOCK_RAM), MemoryTarget.forBoard("icebreaker")).sprams());
    // on a part without SPRAM auto keeps block RAM (the flow reports the overflow)
    assertEquals(0, HwMapper.map(net(4, 784, 128, 10), MappingOptions.lanes(16),
        MemoryTarget.forBoard("hx8k-breakout")).sprams());
  }

  @Test
  void lanesThatShareAnAddressShareOnePendingMemory() {
    // 784-128-10 at 8-bit membranes, P = 16: membranes 8 words x 128 bits (8 EBR), the 16 lanes' pending currents
    // one memory of 8 words x 224 bits (14 EBR; one ring per lane took 16), the spike list 2 EBR; the output layer's
    // state has 2 words (flip-flops). Layer 1's weights (128 words x 40 bits, 3 EBR) now fit beside them.
    NetworkSpec n = RandomNetworks.generate(new RandomNetworks.Options(new int[] {784, 128, 10}, 20, 4, 8, 0, false,
        false, false, false, ReadoutSpec.spikeCount(), 0.05), 1);
    HwCore c = HwMapper.map(n, MappingOptions.lanes(16), MemoryTarget.forBoard("icebreaker"));
    assertEquals(8 + 14 + 2, HwMapper.stateMemoryEbr(c));
    assertEquals(MemoryKind.SPRAM, kind(c, 0));
    assertEquals(MemoryKind.BLOCK_RAM, kind(c, 1));
    assertEquals(4, c.sprams());
    // per-synapse delays give every lane its own slot: one ring per lane (16-8 at P = 4, R = 4, G = 2: 8 words of
    // 9 bits, one EBR each, where one 8 x 36-bit memory would take 3)
    NetworkSpec d = RandomNetworks.generate(new RandomNetworks.Options(new int[] {16, 8}, 10, 4, 8, 3, false, true,
        false, false, ReadoutSpec.spikeCount(), 0.05), 1);
    HwCore dc = HwMapper.map(d, MappingOptions.lanes(4));
    assertTrue(HwMapper.laneDelays(dc.layers().get(0)));
    assertEquals(9, dc.layers().get(0).currentWidth());
    assertEquals(4, dc.layers().get(0).ringSlots());
    assertEquals(4, HwMapper.stateMemoryEbr(dc));
    assertFalse(HwMapper.laneDelays(c.layers().get(0)));
  }

  @Test
  void smallCoresStayInBlockRamUnlessForced() {
    NetworkSpec small = net(4, 64, 32, 10);
    HwCore auto = HwMapper.map(small, MappingOptions.lanes(4), MemoryTarget.forBoard("icebreaker"));
    assertEquals(0, auto.sprams());
    HwCore forced = HwMapper.map(small, MappingOptions.lanes(4).withWeightMemory(MappingOptions.WeightMemory.SPRAM));
    assertEquals(MemoryKind.SPRAM, kind(forced, 0));
    assertEquals(MemoryKind.SPRAM, kind(forced, 1));
    assertEquals(2, forced.sprams()); // 16-bit words: one cell each
    for (HwMemory m : forced.memories()) {
      if (m.role() == MemoryRole.PARAMS) {
        assertEquals(MemoryKind.BLOCK_RAM, m.kind());
      }
    }
    // load-port widths: every memory, the deepest address, the widest word
    assertEquals(2, forced.loadMemoryWidth());
    assertEquals(forced.memories().stream().mapToInt(HwMemory::width).max().orElseThrow(), forced.loadDataWidth());
  }

  @Test
  void tooManySprams() {
    SpecException e = assertThrows(SpecException.class, () -> HwMapper.map(net(4, 784, 128, 10),
        MappingOptions.lanes(16).withWeightMemory(MappingOptions.WeightMemory.SPRAM),
        MemoryTarget.forBoard("icebreaker")));
    assertTrue(e.getMessage().contains("need 7 SB_SPRAM256KA") && e.getMessage().contains("has 4: 3 too many")
        && e.getMessage().contains("mem/layer1_ff.hex"), e.getMessage());
  }

  @Test
  void depthCascadeAndTooDeepForSpram() {
    // 784 x 32 groups = 25,088 words of 16 bits: two banks of one cell
    HwCore p4 = HwMapper.map(net(4, 784, 128, 10), MappingOptions.lanes(4), MemoryTarget.forBoard("icebreaker"));
    assertEquals(MemoryKind.SPRAM, kind(p4, 0));
    assertEquals(25088, p4.memory(0, MemoryRole.FEEDFORWARD).depth());
    assertEquals(2, p4.sprams());
    // 784 x 128 = 100,352 words: more than 4 banks
    SpecException e = assertThrows(SpecException.class, () -> HwMapper.map(net(4, 784, 128),
        MappingOptions.lanes(1).withWeightMemory(MappingOptions.WeightMemory.SPRAM),
        MemoryTarget.forBoard("icebreaker")));
    assertTrue(e.getMessage().contains("mem/layer0_ff.hex") && e.getMessage().contains("34816 words more than 4 SPRAM"
        + " banks hold (65536)"), e.getMessage());
    // auto cannot move it to SPRAM either, and it does not fit block RAM
    SpecException auto = assertThrows(SpecException.class, () -> HwMapper.map(net(4, 784, 128),
        MappingOptions.lanes(1), MemoryTarget.forBoard("icebreaker")));
    assertTrue(auto.getMessage().contains("EBR too many") && auto.getMessage().contains("mem/layer0_ff.hex"),
        auto.getMessage());
  }

  @Test
  void spramOnABoardWithoutIt() {
    SpecException e = assertThrows(SpecException.class, () -> HwMapper.map(net(4, 64, 10),
        MappingOptions.lanes(4).withWeightMemory(MappingOptions.WeightMemory.SPRAM),
        MemoryTarget.forBoard("hx8k-breakout")));
    assertTrue(e.getMessage().contains("hx8k-breakout has no SPRAM"), e.getMessage());
  }

  @Test
  void ebrEstimate() {
    assertEquals(0, MemoryTarget.ebrFor(2, 16)); // 2 words: flip-flops
    assertEquals(1, MemoryTarget.ebrFor(8, 14)); // Yosys puts even this in an EBR
    assertEquals(1, MemoryTarget.ebrFor(256, 16));
    assertEquals(4, MemoryTarget.ebrFor(256, 64));
    assertEquals(3, MemoryTarget.ebrFor(128, 40));
    assertEquals(1, MemoryTarget.ebrFor(2048, 2));
    assertThrows(SpecException.class, () -> MemoryTarget.forBoard("nexys"));
    assertThrows(SpecException.class, () -> MappingOptions.WeightMemory.parse("flash"));
  }
}
