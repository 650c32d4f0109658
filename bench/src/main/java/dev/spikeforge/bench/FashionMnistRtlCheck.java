package dev.spikeforge.bench;

import dev.spikeforge.compiler.build.BuildDirectory;
import dev.spikeforge.compiler.build.CompileConfig;
import dev.spikeforge.compiler.build.Compiler;
import dev.spikeforge.compiler.build.StimulusFile;
import dev.spikeforge.compiler.map.MappingOptions;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.FashionMnist;
import dev.spikeforge.golden.data.SpikeEncoder;
import dev.spikeforge.golden.data.Split;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.network.RandomNetworks;
import dev.spikeforge.golden.sim.IntSimulator;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.ReadoutSpec;
import dev.spikeforge.testbenches.CoreVerifier;
import dev.spikeforge.testbenches.VerilatorSimulator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Fashion-MNIST-sized check: a 784-128-10 network with 4-bit weights and 16-bit membranes
 * (seeded random weights until a trained one exists), compiled with P lanes and verified bit-exact
 * against the golden model in Verilator on Fashion-MNIST test images (rate coding, T = 20): every
 * step, layer, neuron and decision of every image.
 *
 * <p>Run: {@code bench/run-fashion-rtl-check.sh [images=10000] [lanes=16] [work dir] [network.json] [board]}; with a
 * network file (an integer network, e.g. a trained and quantized one) that network is checked instead; with a
 * board (e.g. {@code icebreaker}) the core is mapped as {@code compile --board} maps it (large weight memories in
 * SPRAM, loaded through the load port before the images), i.e. exactly the core of that board's bitstream.
 */
public final class FashionMnistRtlCheck {
  private FashionMnistRtlCheck() {}

  public static void main(String[] args) {
    int images = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int lanes = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    Path dir = Path.of(args.length > 2 ? args[2] : "target/fashion-rtl-check");
    int steps = 20;
    // A trained integer network (e.g. the network.json of 'spikeforge compile float-model.json --weight-width 4
    // --scale calibrate'), or the seeded random 784-128-10 of the first run.
    NetworkSpec net = args.length > 3 ? NetworkJson.read(Path.of(args[3]))
        : RandomNetworks.generate(new RandomNetworks.Options(new int[] {784, 128, 10}, steps, 4, 16, 0, false,
            false, false, false, ReadoutSpec.spikeCount(), 0.01), 42);
    if (net.inputSize() != 784) {
      throw new IllegalArgumentException(args[3] + " has " + net.inputSize() + " inputs; Fashion-MNIST needs 784");
    }
    steps = net.timesteps();
    long t0 = System.nanoTime();
    String board = args.length > 4 ? args[4] : "generic";
    MappingOptions mapping = new MappingOptions(lanes, MappingOptions.AUTO, MappingOptions.WeightMemory.AUTO);
    Compiler.compile(net, new CompileConfig(mapping, board, 1, 1), dir.resolve("build"));
    BuildDirectory.Loaded b = BuildDirectory.load(dir.resolve("build"));
    Dataset test = FashionMnist.load(Split.TEST).slice(0, images);
    SpikeEncoder enc = SpikeEncoder.of(net.encoder()); // the coding the network records (rate by default)
    List<StimulusFile.Sample> stim = new ArrayList<>(images);
    for (int i = 0; i < images; i++) {
      stim.add(new StimulusFile.Sample(test.id(i), test.encode(i, enc, steps)));
    }
    long t1 = System.nanoTime();
    CoreVerifier.Report r = CoreVerifier.verify(b, stim,
        new CoreVerifier.Options(List.of(new VerilatorSimulator()), dir.resolve("simcache"), 0, true));
    long t2 = System.nanoTime();
    CoreVerifier.SimulatorResult v = r.results().get(0);
    int correct = 0;
    for (int i = 0; i < images; i++) {
      correct += new IntSimulator(net).run(stim.get(i).spikes()).correct(test.label(i)) ? 1 : 0;
    }
    System.out.printf(Locale.ROOT, "%s (%s), golden-model accuracy on these images %.2f %%%n", net.name(),
        NetworkJson.contentHash(net).substring(0, 16), 100.0 * correct / images);
    StringBuilder shape = new StringBuilder().append(net.inputSize());
    net.layers().forEach(l -> shape.append('-').append(l.size()));
    shape.append(" w").append(net.layers().get(0).weightWidth()).append(" m")
        .append(net.layers().get(0).neuron().membraneWidth());
    System.out.printf(Locale.ROOT, "%s, P=%d, %s, %d Fashion-MNIST test images, T=%d: %d/%d bit-exact "
            + "(every step, layer, neuron, decision); %d clocks (%.0f per image), %.3e synaptic ops; "
            + "compile %.1f s, verify (build + simulate + compare) %.1f s%n",
        shape, lanes, board, images, steps, v.matching(), v.samples(), v.cycles(), (double) v.cycles() / images,
        (double) r.synapticOps(), (t1 - t0) / 1e9, (t2 - t1) / 1e9);
    if (!r.passed()) {
      System.out.print(r.describeFailures());
      System.exit(1);
    }
  }
}
