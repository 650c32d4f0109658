package dev.spikeforge.boards.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.boards.Boards;
import dev.spikeforge.compiler.map.HwMapper;
import dev.spikeforge.compiler.map.MappingOptions;
import dev.spikeforge.golden.network.RandomNetworks;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.ReadoutSpec;
import dev.spikeforge.golden.spec.hw.HwCore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The pre-flight fit check: hand-computed block RAM needs of mapped cores against the bundled parts. */
@Tag("unit")
class FitCheckTest {
  private static HwCore core(int lanes, int weightWidth, int... sizes) {
    NetworkSpec net = RandomNetworks.generate(new RandomNetworks.Options(sizes, 8, weightWidth, 16, 0, false, false,
        false, false, ReadoutSpec.spikeCount(), 0.01), 1);
    return HwMapper.map(net, MappingOptions.lanes(lanes));
  }

  @Test
  void fashionSizedCoreDoesNotFitTheUp5kBlockRam() {
    // 784-128-10, 4-bit weights, P = 16: layer 0 is 784 x ceil(128/16) = 6,272 words of 16 x 4 = 64 bits
    // (401,408 bits, 4 x 25 = 100 EBR as 256x16); layer 1 has 10 lanes (capped at its size): 128 words of
    // 40 bits (5,120 bits, 3 EBR as 256x16).
    HwCore c = core(16, 4, 784, 128, 10);
    FitCheck.Result r = FitCheck.check(c, Boards.icebreaker(), "network 'fm'");
    assertTrue(!r.fits());
    assertEquals(401_408 + 5_120, r.resources().get(0).used());
    assertEquals(122_880, r.resources().get(0).available());
    assertEquals(103, r.resources().get(1).used());
    assertEquals(30, r.resources().get(1).available());
    String m = r.message();
    assertTrue(m.contains("does not fit the icebreaker (iCE40UP5K-SG48)"), m);
    assertTrue(m.contains("weights need 406,528 bits of block RAM; iCE40UP5K has 122,880 (over by 283,648; 331 % of it)"), m);
    assertTrue(m.contains("weight memories need at least 103 EBR (4-kbit) blocks; iCE40UP5K has 30 (over by 73"), m);
    assertTrue(m.contains("layer 0 feedforward weights (mem/layer0_ff.hex): 6,272 words x 64 bits = 401,408 bits, at least 100 EBR"), m);
    assertTrue(m.contains("Fix:") && m.contains("SPRAM") && m.contains("--board"), m);
    DesignTooLargeException e = assertThrows(DesignTooLargeException.class,
        () -> FitCheck.require(c, Boards.icebreaker(), "network 'fm'"));
    assertEquals(m, e.getMessage());
    assertEquals(2, e.overflows().size());
  }

  @Test
  void smallCoresFitAndCountTheirBlocks() {
    // 64-32-10, 4-bit weights, P = 4: layer 0 512 words x 16 bits (2 EBR), layer 1 96 words x 16 bits
    // (1,536 bits: under half an EBR, not counted as a block).
    HwCore c = core(4, 4, 64, 32, 10);
    FitCheck.Result r = FitCheck.check(c, Boards.icebreaker(), "n");
    assertNull(r.message());
    assertEquals(512 * 16 + 96 * 16, r.resources().get(0).used());
    assertEquals(2, r.resources().get(1).used());
    assertEquals(0, r.resources().get(2).used());
    // Near the UP5K's limit: 784-24-10 at 4 bits and P = 16: layer 0 is 1,568 words x 64 bits (28 EBR),
    // layer 1 24 words x 40 bits (960 bits, not counted as a block): fits.
    FitCheck.Result fits = FitCheck.check(core(16, 4, 784, 24, 10), Boards.icebreaker(), "n");
    assertTrue(fits.fits(), fits.message());
    assertEquals(1568 * 64 + 24 * 40, fits.resources().get(0).used());
    assertEquals(28, fits.resources().get(1).used());
    // 784-40-10: layer 0 is 2,352 words x 64 bits = 150,528 bits (4 x 10 = 40 EBR): over in bits and blocks.
    FitCheck.Result over = FitCheck.check(core(16, 4, 784, 40, 10), Boards.icebreaker(), "n");
    assertEquals(40, over.resources().get(1).used());
    assertTrue(over.message().contains("blocks; iCE40UP5K has 30 (over by 10;"), over.message());
  }

  @Test
  void blockShapesOfTheIce40() {
    var up5k = Boards.icebreaker().part();
    assertEquals(1, FitCheck.blocks(up5k, 256, 16));
    assertEquals(1, FitCheck.blocks(up5k, 2048, 2));
    assertEquals(2, FitCheck.blocks(up5k, 2048, 4));
    assertEquals(4, FitCheck.blocks(up5k, 200, 64));
    assertEquals(100, FitCheck.blocks(up5k, 6272, 64));
  }

  /**
   * Fixture: the tail of nextpnr-ice40 0.4's log for the demo's 784-24-10 core at 8 lanes on the UP5K:
   * Yosys' LUT4 and flip-flop counts each fitted, the packed logic cells did not (6,742 of 5,280), and
   * nextpnr failed to place. The flow reports that as a DesignTooLargeException, not a tool failure.
   */
  @Test
  void packedLogicCellOverflowIsReadFromNextpnrsLog() {
    var over = BitstreamFlow.packedOverflows(ReportParsingTest.fixture("nextpnr-up5k-too-many-cells.log"));
    assertEquals(1, over.size());
    assertEquals(new ResourceUse("logicCells", 6742, 5280, "nextpnr packing, ICESTORM_LC"), over.get(0));
    String m = new DesignTooLargeException("SpikeforgeUartTop", "iCE40UP5K-SG48", over).getMessage();
    assertTrue(m.contains("logicCells: needs 6,742, iCE40UP5K-SG48 has 5,280 (over by 1,462, 27.7 %)"), m);
    assertTrue(BitstreamFlow.packedOverflows("Info: \t  ICESTORM_LC:  4000/ 5280    75%\n").isEmpty());
  }

  /**
   * After synthesis every resource over budget is named with its excess: yosys' counts of the 784-128-10
   * learning core in its UART top on the UP5K (docs/benchmarks.md, "Learning core on the UP5K").
   */
  @Test
  void everyResourceOverBudgetAfterSynthesisIsNamed() {
    var board = dev.spikeforge.boards.Boards.bundled("icebreaker");
    var over = BitstreamFlow.capacityOverflows(board, new YosysStat.Resources(6203, 2324, 32, 4, 9, 1543), 5);
    assertEquals(java.util.List.of("lut4", "logicCells", "blockRams", "dsps"),
        over.stream().map(ResourceUse::name).toList());
    String m = new DesignTooLargeException("SpikeforgeUartTop", "iCE40UP5K-SG48", over).getMessage();
    assertTrue(m.contains("lut4: needs 6,203, iCE40UP5K-SG48 has 5,280 (over by 923, 17.5 %)"), m);
    assertTrue(m.contains("logicCells: needs 6,203, iCE40UP5K-SG48 has 5,280 (over by 923"), m);
    assertTrue(m.contains("blockRams: needs 32, iCE40UP5K-SG48 has 30 (over by 2, 6.7 %)"), m);
    assertTrue(m.contains("dsps: needs 9, iCE40UP5K-SG48 has 8 (over by 1, 12.5 %)"), m);
    // flip-flops alone can overflow the cells too; within budget nothing is named
    assertEquals(java.util.List.of("logicCells", "flipFlops"), BitstreamFlow.capacityOverflows(board,
        new YosysStat.Resources(4000, 5300, 10, 0, 0, 0), 5).stream().map(ResourceUse::name).toList());
    assertTrue(BitstreamFlow.capacityOverflows(board, new YosysStat.Resources(5280, 5280, 30, 4, 8, 0), 39).isEmpty());
  }
}
