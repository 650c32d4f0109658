package dev.spikeforge.cli;

import dev.spikeforge.boards.link.BoardClient;
import dev.spikeforge.boards.link.BoardResult;
import dev.spikeforge.boards.link.LinkCodec;
import dev.spikeforge.boards.link.TtySerialLink;
import dev.spikeforge.boards.sim.BoardTopSimulation;
import dev.spikeforge.boards.sim.IcarusPinSimulator;
import dev.spikeforge.boards.sim.PinSimulator;
import dev.spikeforge.boards.sim.VerilatorPinSimulator;
import dev.spikeforge.compiler.build.BuildDirectory;
import dev.spikeforge.compiler.cycles.CycleModel;
import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.DatasetCatalog;
import dev.spikeforge.golden.data.Split;
import dev.spikeforge.golden.sim.IntSimulator;
import dev.spikeforge.golden.sim.SimResult;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.spec.EncoderSpec;
import dev.spikeforge.golden.spec.NetworkSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code spikeforge board run|simulate}: images through a board top, real or simulated at its pins. */
@Command(name = "board", mixinStandardHelpOptions = true,
    description = {"Classify dataset images on a board running a spikeforge bitstream (run), or on its board top",
        "simulated at the pins in Verilator or Icarus at the real UART bit timing (simulate), and check every",
        "answer against the golden model. --input pixels sends one PIXELS frame per image (the board encodes",
        "on chip: a bitstream built with --input pixels); --input spikes one spike frame per time step."},
    subcommands = {BoardCommand.Run.class, BoardCommand.Simulate.class})
final class BoardCommand implements Runnable {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Options both subcommands share. */
  abstract static class Common implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BUILD", description = "The build directory the bitstream was made from.")
    Path build;

    @Option(names = "--input", paramLabel = "pixels|spikes",
        description = "pixels: PIXELS frames, encoded on chip; spikes: spike frames coded on the host. "
            + "Default: board run, what the board's INFO reports (pixels on a pixel-input top); board simulate, pixels.")
    String input;

    @Option(names = "--dataset", defaultValue = "fashion-mnist",
        description = "Dataset of the images (fashion-mnist, mnist-subset, idx). Default: ${DEFAULT-VALUE}.")
    String dataset;

    @Option(names = "--data-dir", description = "Directory of the dataset files (default: where the package installs them).")
    Path dataDir;

    @Option(names = "--offset", defaultValue = "0", description = "First test image. Default: ${DEFAULT-VALUE}.")
    int offset;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** The chosen input, or {@code fallback} when --input was not given. */
    BoardTopSimulation.Input input(BoardTopSimulation.Input fallback) {
      if (input == null) {
        return fallback;
      }
      return switch (input) {
        case "pixels" -> BoardTopSimulation.Input.PIXELS;
        case "spikes" -> BoardTopSimulation.Input.SPIKES;
        default -> throw new UserException("--input must be pixels or spikes, not '" + input + "'");
      };
    }

    /** Test images offset .. offset+limit−1 of the dataset, checked against the network's inputs. */
    Dataset images(NetworkSpec net, int limit) {
      if (limit < 1) {
        throw new UserException("--limit must be positive, got " + limit);
      }
      Dataset d = DatasetCatalog.load(dataset, Split.TEST, dataDir);
      if (offset < 0 || offset >= d.size()) {
        throw new UserException("--offset " + offset + " is outside 0.." + (d.size() - 1));
      }
      if (d.sampleLength() != net.inputSize()) {
        throw new UserException("dataset " + dataset + " has " + d.sampleLength() + " values per image; network '"
            + net.name() + "' has " + net.inputSize() + " inputs: choose its dataset with --dataset");
      }
      return d.slice(offset, Math.min(d.size(), offset + limit));
    }

    /** The golden encoder's raster of an image. */
    static SpikeRaster encode(NetworkSpec net, byte[] image, long id) {
      return dev.spikeforge.golden.data.SpikeEncoder.of(net.encoder()).encode(image, net.timesteps(), id);
    }

    static void checkPixels(NetworkSpec net) {
      if (net.encoder().kind() == EncoderSpec.Kind.RATE32) {
        throw new UserException("--input pixels: network '" + net.name() + "' codes its input with rate32 (float32"
            + " arithmetic), which has no on-chip twin; use --input spikes");
      }
    }

    /** Runs the images; the golden model's answers are compared; returns the mismatches. */
    static List<BoardResult> classify(BoardClient c, BoardTopSimulation.Input input, NetworkSpec net, Dataset d) {
      List<byte[]> images = new ArrayList<>();
      long[] ids = new long[d.size()];
      for (int i = 0; i < d.size(); i++) {
        images.add(d.sample(i));
        ids[i] = d.id(i);
      }
      return input == BoardTopSimulation.Input.PIXELS ? c.classifyPixels(net, images, ids)
          : c.classifyImages(net, images, ids);
    }

    static int mismatches(NetworkSpec net, Dataset d, List<BoardResult> got, PrintWriter out) {
      IntSimulator sim = new IntSimulator(net);
      int bad = 0;
      for (int i = 0; i < d.size(); i++) {
        SimResult r = sim.run(Common.encode(net, d.sample(i), d.id(i)));
        BoardResult b = got.get(i);
        boolean same = b.prediction() == r.prediction() && b.unique() == r.unique()
            && b.decisionStep() == r.decisionStep() && countsEqual(b.counts(), r.outputCounts());
        if (!same) {
          if (bad < 5) {
            out.printf(Locale.ROOT, "  MISMATCH image %d (id %d): board %s, golden prediction %d%n", i, d.id(i), b,
                r.prediction());
          }
          bad++;
        }
      }
      return bad;
    }

    private static boolean countsEqual(List<Long> a, int[] b) {
      if (a.size() != b.length) {
        return false;
      }
      for (int k = 0; k < b.length; k++) {
        if (a.get(k) != b[k]) {
          return false;
        }
      }
      return true;
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = {"Classify test images on a board connected to a serial port.",
          "Example: spikeforge board run build/net --port /dev/ttyUSB1 --baud 1000000 --input pixels --limit 1000"})
  static final class Run extends Common {
    @Option(names = "--port", required = true, description = "The board's serial device, e.g. /dev/ttyUSB1.")
    Path port;

    @Option(names = "--baud", required = true, description = "The bitstream's baud rate (printed by 'spikeforge bitstream').")
    int baud;

    @Option(names = "--limit", defaultValue = "1000", description = "Images to classify. Default: ${DEFAULT-VALUE}.")
    int limit;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      BuildDirectory.Loaded b = BuildDirectory.load(build);
      NetworkSpec net = b.network();
      if (baud <= 0) {
        throw new UserException("--baud must be positive (the rate 'spikeforge bitstream' printed), got " + baud);
      }
      BoardTopSimulation.Input asked = input(null);
      if (asked == BoardTopSimulation.Input.PIXELS) {
        checkPixels(net);
      }
      Dataset d = images(net, limit);
      try (BoardClient c = BoardClient.connect(TtySerialLink.open(port, baud), Duration.ofSeconds(2))) {
        boolean pixelTop = c.params().takesPixels();
        BoardTopSimulation.Input in = asked != null ? asked
            : pixelTop ? BoardTopSimulation.Input.PIXELS : BoardTopSimulation.Input.SPIKES;
        if (in == BoardTopSimulation.Input.PIXELS && !pixelTop) {
          throw new UserException("--input pixels: the board on " + port + " reports link version "
              + c.params().version() + ", a board top without an on-chip encoder; nothing was sent. Use --input spikes,"
              + " or build the bitstream with 'spikeforge bitstream BUILD --input pixels'");
        }
        if (in == BoardTopSimulation.Input.PIXELS && asked == null) {
          checkPixels(net); // chosen from the board's INFO: the network must have an on-chip twin too
        }
        c.loadAfterProgramming(b.dir(), b.core()); // SPRAM images; every image of a three-factor core
        long t0 = System.nanoTime();
        List<BoardResult> got = classify(c, in, net, d);
        double s = (System.nanoTime() - t0) / 1e9;
        int bad = mismatches(net, d, got, out);
        out.printf(Locale.ROOT, "%d images in %.3f s (%.1f images/s) over %s, %d differ from the golden model%n",
            d.size(), s, d.size() / s, port, bad);
        return bad == 0 ? 0 : 1;
      }
    }
  }

  @Command(name = "simulate", mixinStandardHelpOptions = true,
      description = {"Classify test images on the board top simulated at its pins (Verilator or Icarus) at the real",
          "UART bit timing, and report images per second at the link next to the core's own (clocks per image / f).",
          "Example: spikeforge board simulate build/net --input pixels --freq 24 --limit 20"})
  static final class Simulate extends Common {
    @Option(names = "--sim", defaultValue = "verilator", description = "verilator or icarus. Default: ${DEFAULT-VALUE}.")
    String sim;

    @Option(names = "--freq", defaultValue = "24", paramLabel = "MHZ",
        description = "Core clock the top runs on, in MHz (the PLL's output on the board). Default: ${DEFAULT-VALUE}.")
    double freqMhz;

    @Option(names = "--baud", defaultValue = "0",
        description = "Baud rate; 0 = the top's default (pixels: 3, 2 or 1 Mbaud, the fastest the clock makes with "
            + ">= 8 clocks per bit and <= 1 %% error; spikes: 115200). Default: ${DEFAULT-VALUE}.")
    int baud;

    @Option(names = "--limit", defaultValue = "20", description = "Images to classify. Default: ${DEFAULT-VALUE}.")
    int limit;

    @Option(names = "--work", defaultValue = "target/board-simulate",
        description = "Directory of the simulation's files. Default: ${DEFAULT-VALUE}.")
    Path work;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      BuildDirectory.Loaded b = BuildDirectory.load(build);
      NetworkSpec net = b.network();
      BoardTopSimulation.Input in = input(BoardTopSimulation.Input.PIXELS);
      if (in == BoardTopSimulation.Input.PIXELS) {
        checkPixels(net);
      }
      if (!(freqMhz >= 1 && freqMhz <= 500)) {
        throw new UserException("--freq must be in 1..500 MHz, got " + freqMhz);
      }
      long hz = Math.round(freqMhz * 1e6);
      if (baud < 0) {
        throw new UserException("--baud must be 0 (the top's default) or a positive rate, got " + baud);
      }
      if (baud > 0) {
        try {
          dev.spikeforge.hwgen.board.UartTiming.divisor(hz, baud); // refuses a rate the clock cannot make
        } catch (IllegalArgumentException x) {
          throw new UserException("--baud " + baud + " at --freq " + freqMhz + ": "
              + String.valueOf(x.getMessage()).replaceFirst("^requirement failed: ", ""));
        }
      }
      PinSimulator simulator = switch (sim) {
        case "verilator" -> new VerilatorPinSimulator();
        case "icarus" -> new IcarusPinSimulator();
        default -> throw new UserException("--sim must be verilator or icarus, not '" + sim + "'");
      };
      Dataset d = images(net, limit + 1); // the first warms the board up (after the SPRAM load)
      Dataset warm = d.slice(0, 1);
      Dataset timed = d.slice(1, d.size());
      if (timed.size() == 0) {
        throw new UserException("--offset " + offset + " leaves no image after the warm-up image");
      }
      // the host's own cost: framing the images (pixels) or coding and framing them (spikes)
      long h0 = System.nanoTime();
      LinkCodec codec = new LinkCodec(dev.spikeforge.boards.link.BoardClient.loadParams(b.core()));
      long bytes = 0;
      for (int i = 0; i < timed.size(); i++) {
        byte[] img = timed.sample(i);
        bytes += in == BoardTopSimulation.Input.PIXELS
            ? codec.pixels(img, net.encoder().kind() == EncoderSpec.Kind.POISSON,
                dev.spikeforge.golden.data.PoissonEncoder.startState(net.encoder().seed(), timed.id(i))).length
            : codec.sample(BoardClient.steps(net, img, timed.id(i))).length;
      }
      double hostS = (System.nanoTime() - h0) / 1e9;
      try (BoardTopSimulation s = BoardTopSimulation.start(b, in, hz, baud, simulator, work)) {
        out.printf(Locale.ROOT, "%s board top (link version %d) at %.3f MHz, %d baud (divisor %d), FIFO %d bytes,"
            + " in %s%n", in == BoardTopSimulation.Input.PIXELS ? "pixel-input" : "spike-frame", s.top().linkVersion(),
            hz / 1e6, s.top().baud(), s.top().divisor(), s.top().fifoDepth(), simulator.name());
        if (s.loadCycles() > 0) {
          out.printf(Locale.ROOT, "  SPRAM weights loaded with LOAD frames: %d clocks (%.3f s at the link)%n",
              s.loadCycles(), s.loadCycles() / (double) hz);
        }
        List<BoardResult> first = classify(s.client(), in, net, warm);
        long c0 = s.link().cycle();
        long w0 = System.nanoTime();
        List<BoardResult> got = classify(s.client(), in, net, timed);
        long cycles = s.link().cycle() - c0;
        double wall = (System.nanoTime() - w0) / 1e9;
        int bad = mismatches(net, warm, first, out) + mismatches(net, timed, got, out);
        IntSimulator g = new IntSimulator(net);
        long coreClocks = 0;
        for (int i = 0; i < timed.size(); i++) {
          coreClocks += CycleModel.clocks(b.core(), g.runTraced(Common.encode(net, timed.sample(i),
              timed.id(i)), b.networkHash()));
        }
        double perImage = cycles / (double) timed.size();
        double corePerImage = coreClocks / (double) timed.size();
        out.printf(Locale.ROOT, "  %d images back to back: %.0f clocks per image at the link = %.1f images/s end to"
            + " end (%.3f ms each); link bytes per image %.0f%n", timed.size(), perImage, hz / perImage,
            1e3 * perImage / hz, bytes / (double) timed.size());
        out.printf(Locale.ROOT, "  the core alone (cycle model): %.0f clocks per image = %.1f images/s%n",
            corePerImage, hz / corePerImage);
        out.printf(Locale.ROOT, "  host API: framing %.0f images/s (%s); simulation wall time %.1f s%n",
            timed.size() / hostS, in == BoardTopSimulation.Input.PIXELS ? "PIXELS frames" : "encode + spike frames",
            wall);
        out.printf(Locale.ROOT, "  %d of %d images equal the golden model%n", d.size() - bad, d.size());
        out.flush();
        return bad == 0 ? 0 : 1;
      }
    }
  }

}
