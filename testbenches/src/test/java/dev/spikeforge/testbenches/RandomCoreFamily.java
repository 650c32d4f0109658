package dev.spikeforge.testbenches;

import dev.spikeforge.compiler.map.MappingOptions;
import dev.spikeforge.golden.network.RandomNetworks;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.ReadoutSpec;
import java.util.List;

/**
 * A family of random networks sharing one hardware structure (sizes, widths, delays, recurrence,
 * binarized layers, lanes, readout, T): every network of a family compiles to the same RTL, so one
 * simulator build serves the whole family and only the memory images (weights, delays, neuron
 * parameters) differ. Seeds vary weights, delays, leak shifts, reset modes and thresholds.
 *
 * @param name short name used in work directories and reports
 * @param lanes P (0 = one lane per neuron)
 * @param layerLanes null, or one lane count per layer ({@code compile --lanes 3,1,2}; {@code lanes} unused)
 */
record RandomCoreFamily(String name, int[] sizes, int timesteps, int weightWidth, int membraneWidth, int maxDelay,
    boolean axonal, boolean synaptic, boolean recurrent, boolean binarized, ReadoutSpec readout, int lanes,
    List<Integer> layerLanes) {

  /** Network {@code k} of the family: seed and threshold fraction vary with k. */
  NetworkSpec network(long baseSeed, int k) {
    double[] fractions = {0.02, 0.05, 0.1, 0.2, 0.35};
    RandomNetworks.Options o = new RandomNetworks.Options(sizes, timesteps, weightWidth, membraneWidth, maxDelay,
        axonal, synaptic, recurrent, binarized, readout, fractions[k % fractions.length]);
    return RandomNetworks.generate(o, baseSeed * 1_000_003L + name.hashCode() * 7919L + k);
  }

  static RandomCoreFamily dense(String name, int lanes, ReadoutSpec r, int... sizes) {
    return new RandomCoreFamily(name, sizes, 12, 6, 12, 0, false, false, false, false, r, lanes, null);
  }

  RandomCoreFamily widths(int w, int m) {
    return new RandomCoreFamily(name, sizes, timesteps, w, m, maxDelay, axonal, synaptic, recurrent, binarized, readout, lanes, layerLanes);
  }

  RandomCoreFamily delays(int max, boolean ax, boolean syn) {
    return new RandomCoreFamily(name, sizes, timesteps, weightWidth, membraneWidth, max, ax, syn, recurrent, binarized,
        readout, lanes, layerLanes);
  }

  RandomCoreFamily withRecurrence() {
    return new RandomCoreFamily(name, sizes, timesteps, weightWidth, membraneWidth, maxDelay, axonal, synaptic, true,
        binarized, readout, lanes, layerLanes);
  }

  RandomCoreFamily withBinarized() {
    return new RandomCoreFamily(name, sizes, timesteps, weightWidth, membraneWidth, maxDelay, axonal, synaptic, recurrent,
        true, readout, lanes, layerLanes);
  }

  RandomCoreFamily steps(int t) {
    return new RandomCoreFamily(name, sizes, t, weightWidth, membraneWidth, maxDelay, axonal, synaptic, recurrent,
        binarized, readout, lanes, layerLanes);
  }

  /** The same family with one lane count per layer. */
  RandomCoreFamily perLayer(Integer... counts) {
    return new RandomCoreFamily(name, sizes, timesteps, weightWidth, membraneWidth, maxDelay, axonal, synaptic, recurrent,
        binarized, readout, lanes, List.of(counts));
  }

  /** The mapping options of the family's lanes. */
  MappingOptions mapping() {
    return layerLanes == null ? MappingOptions.lanes(lanes) : MappingOptions.perLayer(layerLanes);
  }

  @Override
  public String toString() {
    return name;
  }

  static final ReadoutSpec SC = ReadoutSpec.spikeCount();

  static ReadoutSpec ftf(int k) {
    return ReadoutSpec.firstToFire(k);
  }

  /**
   * The families of the randomized suite: lanes 1, 2, 4 and N, and per-layer counts; both readouts; weight widths 3..16,
   * membranes 5..32; no delays, axonal, synaptic and both, up to 16 steps; recurrent layers with
   * and without delays; binarized layers in popcount-chunk and event form, recurrent too; 1 to 4
   * layers; T from 1 to 40.
   */
  static final List<RandomCoreFamily> ALL = List.of(
      dense("d-p1-sc", 1, SC, 8, 6, 4),
      dense("d-p2-ftf1", 2, ftf(1), 8, 6, 4),
      dense("d-p4-sc-w4m10", 4, SC, 12, 10, 5).widths(4, 10),
      dense("d-pn-ftf2", 0, ftf(2), 12, 10, 5),
      dense("d3-p2-sc-w3m6", 2, SC, 10, 8, 7, 3).widths(3, 6),
      dense("d1-p2-ftf1", 2, ftf(1), 20, 10),
      dense("d4-p2-sc", 2, SC, 10, 9, 8, 7, 4).widths(5, 9),
      dense("d-p1-sc-w16m32", 1, SC, 8, 6, 4).widths(16, 32).steps(8),
      dense("d-p4-ftf3-t40", 4, ftf(3), 9, 11, 6).steps(40),
      dense("d-p2-sc-t1", 2, SC, 7, 5, 3).steps(1),
      dense("ax4-p1-sc", 1, SC, 9, 7, 4).delays(4, true, false),
      dense("axsyn16-p2-ftf1", 2, ftf(1), 9, 7, 4).delays(16, true, true).steps(24),
      dense("syn3-p4-sc", 4, SC, 8, 6, 3).delays(3, false, true),
      dense("rec-p2-sc", 2, SC, 8, 7, 4).withRecurrence(),
      dense("recax5-pn-ftf3", 0, ftf(3), 8, 7, 4).delays(5, true, false).withRecurrence(),
      dense("recsyn16-p1-sc", 1, SC, 7, 6, 3).delays(16, true, true).withRecurrence().steps(20),
      dense("bin-p4-sc", 4, SC, 16, 12, 4).withBinarized(),
      dense("bin-p1-ftf1", 1, ftf(1), 10, 9, 3).withBinarized(),
      dense("binrec-pn-sc", 0, SC, 12, 8, 4).withBinarized().withRecurrence(),
      dense("binax6-p2-ftf2", 2, ftf(2), 10, 8, 4).withBinarized().delays(6, true, false),
      dense("binrecsyn4-p4-sc", 4, SC, 9, 8, 3).withBinarized().withRecurrence().delays(4, false, true),
      dense("bin3-p2-sc", 2, SC, 24, 12, 9, 5).withBinarized().widths(4, 8),
      // per-layer lane counts (compile --lanes a,b,c): more lanes before fewer and fewer before more (the next
      // layer's input edge is the previous layer's lanes), partial last groups, recurrence, popcount chunks
      dense("d3-pl312-sc", 0, SC, 10, 8, 7, 3).widths(4, 8).perLayer(3, 1, 2),
      dense("d-pl14-ftf1", 0, ftf(1), 8, 6, 4).perLayer(1, 4),
      dense("recax3-pl52-sc", 0, SC, 8, 7, 4).delays(3, true, false).withRecurrence().perLayer(5, 2),
      dense("bin-pl41-ftf2", 0, ftf(2), 16, 12, 4).withBinarized().perLayer(4, 1));
}
