package dev.spikeforge.cli;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.DatasetNotFoundException;
import dev.spikeforge.golden.data.FashionMnist;
import dev.spikeforge.golden.data.MnistSubset;
import dev.spikeforge.golden.data.Split;
import dev.spikeforge.golden.sim.SpikeRaster;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "dataset", mixinStandardHelpOptions = true,
    description = "List the datasets spikeforge can read and look at samples and their spike encodings.",
    subcommands = {DatasetCommand.ListDatasets.class, DatasetCommand.Show.class})
final class DatasetCommand implements Runnable {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Show which datasets are installed and where.")
  static final class ListDatasets implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      call(spec.commandLine().getOut());
      return 0;
    }

    void call(PrintWriter out) {
      out.println("fashion-mnist  " + status(() -> FashionMnist.load(Split.TEST)) + "  " + FashionMnist.DEFAULT_DIR);
      out.println("mnist-subset   " + status(() -> MnistSubset.load(Split.TEST)) + "  " + MnistSubset.defaultRoot());
      out.println("delay-pattern  generated on demand (seeded; classes separable only with delays)");
      out.println("idx            any directory of IDX files: --dataset idx --data-dir DIR (train-* and t10k-* or test-* files)");
    }

    private static String status(java.util.function.Supplier<Dataset> load) {
      try {
        Dataset d = load.get();
        return String.format(Locale.ROOT, "installed (%d test samples, %d classes)", d.size(), d.classes());
      } catch (DatasetNotFoundException e) {
        return "MISSING: " + e.getMessage();
      }
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true,
      description = {"Print one sample as text: the image and its spike raster.",
          "", "Example: spikeforge dataset show --dataset fashion-mnist --index 3 --encoder latency"})
  static final class Show implements Callable<Integer> {
    @Mixin
    DatasetOptions data;

    @Option(names = "--index", defaultValue = "0", description = "Sample index. Default: ${DEFAULT-VALUE}.")
    int index;

    @Option(names = "--steps", defaultValue = "20", description = "Time steps to encode. Default: ${DEFAULT-VALUE}.")
    int steps;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      Dataset d = data.load();
      if (index < 0 || index >= d.size()) {
        throw new UserException("--index " + index + " is outside 0.." + (d.size() - 1));
      }
      out.printf("%s sample %d, label %d%n", data.displayName(), index, d.label(index));
      SpikeRaster r;
      if (d.isTemporal()) {
        r = d.raster(index);
      } else {
        int[] shape = d.shape();
        if (shape.length == 2) {
          String ramp = " .:-=+*#%@";
          for (int y = 0; y < shape[0]; y++) {
            StringBuilder sb = new StringBuilder();
            for (int x = 0; x < shape[1]; x++) {
              sb.append(ramp.charAt(d.intensity(index, y * shape[1] + x) * (ramp.length() - 1) / 255));
            }
            out.println(sb);
          }
        }
        r = d.encode(index, data.encoder(), steps);
      }
      out.printf("spike raster: %d channels x %d steps, %d spikes%n", r.channels(), r.steps(), r.spikeCount());
      int[] perStep = new int[r.steps()];
      for (int t = 0; t < r.steps(); t++) {
        perStep[t] = r.at(t).length;
      }
      out.println("spikes per step: " + java.util.Arrays.toString(perStep));
      if (r.channels() <= 64) {
        for (int i = 0; i < r.channels(); i++) {
          StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%3d ", i));
          for (int t = 0; t < r.steps(); t++) {
            sb.append(r.spiked(t, i) ? '|' : '.');
          }
          out.println(sb);
        }
      }
      return 0;
    }
  }
}
