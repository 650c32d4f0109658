package dev.spikeforge.bench;

import dev.spikeforge.compiler.cycles.CycleModel;
import dev.spikeforge.compiler.map.HwMapper;
import dev.spikeforge.compiler.map.MappingOptions;
import dev.spikeforge.compiler.map.MemoryTarget;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.FashionMnist;
import dev.spikeforge.golden.data.SpikeEncoder;
import dev.spikeforge.golden.data.Split;
import dev.spikeforge.golden.eval.EvalReport;
import dev.spikeforge.golden.eval.Evaluator;
import dev.spikeforge.golden.io.FloatNetworkJson;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.sim.IntSimulator;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.hw.HwCore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Accuracy against input events and latency, one row per trained run directory (its {@code model.json}, and
 * its {@code float-model.json} when there): every figure from the network's <em>recorded</em> encoder and T, on
 * the Fashion-MNIST test set. Events per image and accuracy come from the golden model over {@code images} test
 * images; clocks per image from {@link CycleModel} (exact for the core, docs/hardware.md §8) on the golden
 * model's traces of the first {@code cycleImages} of them, for each lane count P on {@code board}'s memory
 * target; µs per image at {@code mhz}.
 *
 * <p>Run: {@code bench/run-encoder-tradeoff.sh} (trains the runs first), or directly
 * {@code EncoderTradeoff IMAGES CYCLE_IMAGES LANES BOARD MHZ THREADS RUN_DIR...} with LANES like {@code 4,16}.
 */
public final class EncoderTradeoff {
  private EncoderTradeoff() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 7) {
      System.err.println("usage: EncoderTradeoff IMAGES CYCLE_IMAGES LANES BOARD MHZ THREADS RUN_DIR...");
      System.exit(2);
    }
    int images = Integer.parseInt(args[0]);
    int cycleImages = Integer.parseInt(args[1]);
    String[] lanes = args[2].split(",");
    MemoryTarget target = MemoryTarget.forBoard(args[3]);
    double mhz = Double.parseDouble(args[4]);
    int threads = Integer.parseInt(args[5]);
    Dataset all = FashionMnist.load(Split.TEST);
    Dataset test = all.slice(0, Math.min(images, all.size()));
    StringBuilder head = new StringBuilder("| run | encoder | T | input events / image | float acc. | int acc. |");
    StringBuilder rule = new StringBuilder("|---|---|---|---|---|---|");
    for (String p : lanes) {
      head.append(" clocks / image, P = ").append(p).append(" | µs / image, P = ").append(p).append(" |");
      rule.append("---|---|");
    }
    System.out.println(head);
    System.out.println(rule);
    for (int a = 6; a < args.length; a++) {
      Path dir = Path.of(args[a]);
      NetworkSpec net = NetworkJson.read(dir.resolve("model.json"));
      SpikeEncoder encoder = SpikeEncoder.of(net.encoder());
      EvalReport gold = Evaluator.evaluate(net, test, encoder, threads, null);
      Path fm = dir.resolve("float-model.json");
      String floatAcc = "—";
      if (Files.isRegularFile(fm)) {
        EvalReport fl = Evaluator.evaluate(FloatNetworkJson.read(fm), test, encoder, threads, null);
        floatAcc = String.format(Locale.ROOT, "%.2f %%", 100 * fl.accuracy());
      }
      IntSimulator sim = new IntSimulator(net);
      int n = Math.min(cycleImages, test.size());
      List<dev.spikeforge.golden.sim.Trace> traces = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        SpikeRaster x = test.encode(i, encoder, net.timesteps());
        traces.add(sim.runTraced(x, ""));
      }
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | `%s` | %d | %,.0f | %s | %.2f %% |",
          dir.getFileName(), net.encoder(), net.timesteps(), gold.meanInputSpikes(), floatAcc, 100 * gold.accuracy()));
      for (String p : lanes) {
        MappingOptions mapping = MappingOptions.lanes(Integer.parseInt(p.trim()));
        HwCore core;
        String mark = "";
        try {
          core = HwMapper.map(net, mapping, target);
        } catch (dev.spikeforge.golden.spec.SpecException e) { // does not fit the board: the generic memories
          core = HwMapper.map(net, mapping, MemoryTarget.forBoard("generic"));
          mark = " †";
        }
        long clocks = 0;
        for (var t : traces) {
          clocks += CycleModel.clocks(core, t);
        }
        double mean = clocks / (double) Math.max(1, n);
        row.append(String.format(Locale.ROOT, " %,.0f%s | %,.1f |", mean, mark, mean / mhz));
      }
      System.out.println(row);
    }
    System.out.printf(Locale.ROOT, "(%d test images for events and accuracy, the first %d for clocks; board %s,"
        + " %.1f MHz; † = does not fit the board's memories as compiled, clocks of the generic target)%n", test.size(),
        Math.min(cycleImages, test.size()), args[3], mhz);
  }
}
