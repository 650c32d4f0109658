package dev.spikeforge.compiler.map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.compiler.image.MemoryImages;
import dev.spikeforge.golden.learning.DesireBackpropInt;
import dev.spikeforge.golden.network.DesireTopology;
import dev.spikeforge.golden.spec.LayerSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.NeuronSpec;
import dev.spikeforge.golden.spec.ResetMode;
import dev.spikeforge.golden.spec.SpecException;
import dev.spikeforge.golden.spec.hw.DelayMode;
import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.golden.spec.hw.HwDesireLearning;
import dev.spikeforge.golden.spec.hw.HwMemory;
import dev.spikeforge.golden.spec.hw.MemoryKind;
import dev.spikeforge.golden.spec.hw.MemoryRole;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Mapping a desire network (DesireTopology: layer delay D as axonal delays) as a learning core: the
 * delay arrangement the learning unit expects, shadow words {@code w << E} in the feedforward images
 * (forward weight of each = w), and weight placement that sees the wider words.
 */
@Tag("unit")
class LearningMappingTest {
  static NetworkSpec desire(int[] sizes, int weightBits, int layerDelay, long seed) {
    Random r = new Random(seed);
    List<LayerSpec> ls = new java.util.ArrayList<>();
    for (int l = 0; l + 1 < sizes.length; l++) {
      int[][] w = new int[sizes[l + 1]][sizes[l]];
      int max = (1 << (weightBits - 1)) - 1;
      for (int[] row : w) {
        for (int i = 0; i < row.length; i++) {
          row[i] = r.nextInt(2 * max + 2) - max - 1;
        }
      }
      ls.add(DesireTopology.intLayer(l, w, weightBits, new NeuronSpec(16, 1L << 6, 2, ResetMode.SUBTRACT), layerDelay));
    }
    return DesireTopology.intNetwork("d", 8, ls);
  }

  static HwDesireLearning learning(int layerDelay, int... e) {
    return new HwDesireLearning(e, 16, 6, 2, layerDelay, new int[] {6, 6}, new int[] {8, 8}, 1, new long[] {0, 100},
        new int[] {13, 102}, new int[] {269, 427}, 6);
  }

  @Test
  void aDesireNetworkMapsToWhatTheLearningUnitExpects() {
    for (int d : new int[] {0, 1, 2}) {
      NetworkSpec net = desire(new int[] {6, 5, 3}, 4, d, 1);
      HwCore core = HwMapper.map(net, MappingOptions.lanes(2), MemoryTarget.GENERIC, learning(d, 3, 5));
      assertEquals(DelayMode.NONE, core.layers().get(0).delayMode());
      assertEquals(d == 0 ? DelayMode.NONE : DelayMode.AXONAL, core.layers().get(1).delayMode());
      assertEquals(learning(d, 3, 5), core.learning());
    }
  }

  @Test
  void feedforwardImagesHoldShadowWordsWhoseForwardWeightIsTheNetworksWeight() {
    NetworkSpec net = desire(new int[] {6, 5, 3}, 4, 1, 2);
    HwCore core = HwMapper.map(net, MappingOptions.lanes(2), MemoryTarget.GENERIC, learning(1, 3, 5));
    var images = MemoryImages.build(net, core);
    for (int l = 0; l < 2; l++) {
      HwMemory m = core.memory(l, MemoryRole.FEEDFORWARD);
      int e = core.learning().shadowBits()[l];
      assertEquals(2 * (4 + e), m.width());
      String[] lines = images.get(m.file()).split("\n");
      int[][] w = net.layers().get(l).weights();
      int groups = core.layers().get(l).groups();
      for (int i = 0; i < w[0].length; i++) {
        for (int j = 0; j < w.length; j++) {
          BigInteger word = new BigInteger(lines[i * groups + j / 2], 16);
          long lane = word.shiftRight((j % 2) * (4 + e)).longValue() & ((1L << (4 + e)) - 1);
          int sh = (int) (lane << (64 - 4 - e) >> (64 - 4 - e));
          assertEquals(w[j][i] << e, sh, "layer " + l + " synapse " + i + "→" + j);
          assertEquals(w[j][i], DesireBackpropInt.forwardWeight(sh, e, 4));
        }
      }
    }
    // an inference core of the same network holds the weights themselves
    HwCore plain = HwMapper.map(net, MappingOptions.lanes(2));
    assertEquals(2 * 4, plain.memory(1, MemoryRole.FEEDFORWARD).width());
  }

  @Test
  void placementSeesTheShadowWords() {
    // 784-128-10 at B = 8, 4 lanes: fc1 (784·32 words of 32 bits) fills the 4 SPRAM cells;
    // with E = 8 on fc1 it needs 8
    NetworkSpec net = desire(new int[] {784, 128, 10}, 8, 1, 3);
    HwCore e0 = HwMapper.map(net, MappingOptions.lanes(4), MemoryTarget.forBoard("icebreaker"), learning(1, 0, 0));
    assertEquals(MemoryKind.SPRAM, e0.layers().get(0).feedforwardMemory());
    assertEquals(e0.learning(), learning(1, 0, 0));
    SpecException e8 = assertThrows(SpecException.class, () -> HwMapper.map(net, MappingOptions.lanes(4),
        MemoryTarget.forBoard("icebreaker"), learning(1, 8, 0)));
    assertTrue(e8.getMessage().contains("weightMemory"), e8.getMessage());
  }
}
