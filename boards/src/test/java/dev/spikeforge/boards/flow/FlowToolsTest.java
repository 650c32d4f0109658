package dev.spikeforge.boards.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.boards.Boards;
import dev.spikeforge.toolchain.ToolMissingException;
import dev.spikeforge.toolchain.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flow asks for its tools before it writes anything, and a missing one is one clear message naming
 * it and the Debian package to install (the lookup itself is tested in the toolchain module).
 */
@Tag("unit")
class FlowToolsTest {

  @Test
  void theFlowNamesTheFirstMissingTool(@TempDir Path dir) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path rtl = Files.createDirectories(dir.resolve("rtl"));
    Files.writeString(rtl.resolve("top.v"), "module top(input clk); endmodule\n");
    FlowOptions opts = FlowOptions.defaults().withTools(new Tools(bin.toString()));
    ToolMissingException e = assertThrows(ToolMissingException.class,
        () -> BitstreamFlow.run(rtl, "top", Boards.icebreaker(), dir.resolve("out"), opts));
    assertEquals("yosys", e.tool());
    assertEquals("yosys is not installed (not found on PATH); install it with: apt-get install yosys", e.getMessage());

    fakeTool(bin, "yosys", "Yosys 0.23 (fake)");
    e = assertThrows(ToolMissingException.class,
        () -> BitstreamFlow.run(rtl, "top", Boards.icebreaker(), dir.resolve("out"), opts.withTools(new Tools(bin.toString()))));
    assertEquals("nextpnr-ice40", e.tool());
    assertTrue(e.getMessage().endsWith("apt-get install nextpnr-ice40"), e.getMessage());

    fakeTool(bin, "nextpnr-ice40", "nextpnr-ice40 (fake)");
    e = assertThrows(ToolMissingException.class,
        () -> BitstreamFlow.run(rtl, "top", Boards.icebreaker(), dir.resolve("out"), opts.withTools(new Tools(bin.toString()))));
    assertEquals("icepack", e.tool());
    assertTrue(e.getMessage().endsWith("apt-get install fpga-icestorm"), e.getMessage());
    assertTrue(!Files.exists(dir.resolve("out").resolve("reports")), "nothing written before the tools are there");
  }

  @Test
  void estimatesNeedOnlyYosys(@TempDir Path dir) throws IOException {
    Path rtl = Files.createDirectories(dir.resolve("rtl"));
    Files.writeString(rtl.resolve("top.v"), "module top(input clk); endmodule\n");
    ToolMissingException e = assertThrows(ToolMissingException.class, () -> SynthEstimator.run(rtl, "top",
        Boards.part("XC7A35T"), dir, FlowOptions.defaults().withTools(new Tools(""))));
    assertEquals("yosys", e.tool());
  }

  @Test
  void badInputIsNamed(@TempDir Path dir) throws IOException {
    Path rtl = Files.createDirectories(dir.resolve("rtl"));
    FlowOptions opts = FlowOptions.defaults();
    if (!Tools.system().isInstalled("yosys") || !Tools.system().isInstalled("nextpnr-ice40")
        || !Tools.system().isInstalled("icepack")) {
      opts = opts.withTools(fakeAll(dir));
    }
    FlowOptions o = opts;
    FlowException e = assertThrows(FlowException.class,
        () -> BitstreamFlow.run(rtl, "top", Boards.icebreaker(), dir.resolve("out"), o));
    assertTrue(e.getMessage().contains("no Verilog files"), e.getMessage());
    Files.writeString(rtl.resolve("a.v"), "module alpha(input clk); endmodule\nmodule beta(input clk); endmodule\n");
    e = assertThrows(FlowException.class, () -> BitstreamFlow.run(rtl, "top", Boards.icebreaker(), dir.resolve("out"), o));
    assertTrue(e.getMessage().contains("top module top is not defined") && e.getMessage().contains("alpha, beta"),
        e.getMessage());
  }

  private static Tools fakeAll(Path dir) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("fakebin"));
    fakeTool(bin, "yosys", "Yosys (fake)");
    fakeTool(bin, "nextpnr-ice40", "nextpnr (fake)");
    fakeTool(bin, "icepack", "icepack (fake)");
    return new Tools(bin.toString());
  }

  static void fakeTool(Path bin, String name, String version) throws IOException {
    Path f = bin.resolve(name);
    Files.writeString(f, "#!/bin/sh\necho '" + version + "'\nexit 0\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
