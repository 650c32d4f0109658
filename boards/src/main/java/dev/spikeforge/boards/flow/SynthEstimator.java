package dev.spikeforge.boards.flow;

import dev.spikeforge.boards.Family;
import dev.spikeforge.boards.Part;
import dev.spikeforge.boards.Pcf;
import dev.spikeforge.toolchain.ToolMissingException;
import java.nio.file.Path;
import java.util.List;

/**
 * Resource estimates by synthesis alone, for parts without an open place-and-route here: ECP5
 * ({@code synth_ecp5}) and 7-series ({@code synth_xilinx -family xc7}); works for iCE40 too. Writes
 * {@code reports/estimate-<part>.json} and keeps Yosys' files in {@code estimate/<part>/}.
 * No timing: Fmax needs place and route.
 */
public final class SynthEstimator {
  private SynthEstimator() {}

  /**
   * Synthesises {@code top} for {@code part} and counts its resources.
   *
   * @throws ToolMissingException if yosys is not installed
   * @throws FlowException        for bad input or a Yosys failure
   */
  public static ResourceEstimate run(Path verilogDir, String top, Part part, Path outDir, FlowOptions opts) {
    opts.tools().require("yosys");
    List<Path> files = Yosys.verilogFiles(verilogDir);
    Yosys.requireTop(files, top);
    Path work = outDir.resolve("estimate").resolve(part.name());
    String synth = part.family().synthCommand() + (part.family() == Family.ICE40 && opts.useDsp() && part.dsps() > 0
        ? " -dsp" : "");
    Yosys.Synthesis s = Yosys.synthesize(files, top, synth, work, verilogDir, opts.toolTimeout());
    YosysStat.Resources r = s.stat().resources(part.family());
    String lut = "LUT" + part.lutInputs();
    String cellList = switch (part.family()) {
      case ICE40 -> "SB_LUT4";
      case ECP5 -> "LUT4 + 2 x CCU2C + 4 x TRELLIS_DPR16X4";
      case XC7 -> "LUT1..LUT6 + LUTs as memory";
    };
    long io = s.ports().stream().mapToLong(Pcf.TopPort::width).sum();
    List<ResourceUse> res = List.of(
        new ResourceUse("luts", r.luts(), part.luts(), "yosys stat " + cellList + " (" + lut + ")"),
        new ResourceUse("flipFlops", r.flipFlops(), part.flipFlops(), "yosys stat flip-flop cells"),
        new ResourceUse("blockRams", r.blockRams(), part.blockRams(),
            "yosys stat block RAM cells, in " + (part.blockRamBits() / 1024) + "-kbit units"),
        new ResourceUse("dsps", r.dsps(), part.dsps(), "yosys stat multiplier cells"),
        new ResourceUse("carries", r.carries(), -1, "yosys stat carry cells"),
        new ResourceUse("io", io, -1, "top-level port bits (package not chosen)"));
    ResourceEstimate e = new ResourceEstimate(top, part.name(), part.family().id(), synth, res, s.stat().cells());
    ReportJson.write(outDir.resolve("reports").resolve("estimate-" + part.name() + ".json"), ReportJson.estimate(e));
    return e;
  }
}
