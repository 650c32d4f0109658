package dev.spikeforge.boards.sim;

import dev.spikeforge.simkit.Bench;
import dev.spikeforge.simkit.Template;
import dev.spikeforge.simkit.VerilatorRunner;
import dev.spikeforge.toolchain.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pin harness in Verilator: this class writes its C++ main ({@code verilator_pin_harness.cpp},
 * the driver and monitor of the pin protocol) and builds it with the simulator kit's
 * {@link VerilatorRunner} ({@code -Wall} and the one waiver file; any other warning fails the build),
 * as testbenches' vector and stream harnesses are built.
 */
public final class VerilatorPinSimulator implements PinSimulator {
  private final VerilatorRunner runner;

  public VerilatorPinSimulator() {
    this(Tools.system(), VerilatorRunner.DEFAULT_BUILD_JOBS);
  }

  public VerilatorPinSimulator(Tools tools, int buildJobs) {
    this.runner = new VerilatorRunner(tools, buildJobs);
  }

  @Override
  public String name() {
    return runner.name();
  }

  @Override
  public Build compile(PinHarness h, Path workDir) {
    Path dir = workDir.toAbsolutePath();
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("pin_harness.cpp"), source(h));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Verilator harness in " + dir, e);
    }
    List<Path> sources = new ArrayList<>();
    h.verilog().forEach(v -> sources.add(v.toAbsolutePath()));
    sources.add(Path.of("pin_harness.cpp"));
    // Verilator's runtime objects are compiled once per parent directory and reused by its other builds.
    // memory images ($readmemh, relative to the work directory) are read only with ENABLE_INITIAL_MEM_ (pitfall 2)
    Bench bench = Bench.of(h.top(), sources, "the pin harness of " + h.top())
        .withFlags(List.of("-DENABLE_INITIAL_MEM_"))
        .withSharedRuntime(dir.getParent().resolve("verilator-runtime"));
    dev.spikeforge.simkit.Build build = runner.build(bench, dir);
    return () -> new ProcessPinSession(h, build);
  }

  static String source(PinHarness h) {
    StringBuilder init = new StringBuilder();
    StringBuilder drive = new StringBuilder();
    for (int i = 0; i < h.inputs().size(); i++) {
      PinHarness.Port p = h.inputs().get(i);
      init.append(String.format("  dut->%s = %s;%n", p.name(), literal(p.initial())));
      drive.append(String.format("        case %d: dut->%s = v & %sULL; break;%n", i, p.name(), mask(p.width())));
    }
    List<String> samples = new ArrayList<>();
    for (PinHarness.Port p : h.outputs()) {
      samples.add("static_cast<uint64_t>(dut->" + p.name() + ")");
    }
    Map<String, String> v = new LinkedHashMap<>();
    v.put("TOP", h.top());
    v.put("CLOCK", h.clock());
    v.put("OUTPUT_COUNT", Integer.toString(h.outputs().size()));
    v.put("INIT_INPUTS", init.toString().stripTrailing());
    v.put("DRIVE_CASES", drive.toString().stripTrailing());
    v.put("SAMPLE_OUTPUTS", String.join(", ", samples));
    return Template.render(VerilatorPinSimulator.class, "verilator_pin_harness.cpp", v);
  }

  private static String literal(long value) {
    return Long.toUnsignedString(value) + "ULL";
  }

  private static String mask(int width) {
    return width == 64 ? "0xffffffffffffffff" : "0x" + Long.toHexString((1L << width) - 1);
  }
}
