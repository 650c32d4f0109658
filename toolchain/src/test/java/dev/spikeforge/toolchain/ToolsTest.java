package dev.spikeforge.toolchain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lookup on a search path, version reading and the one message for a missing tool. Runs fake tools
 * (shell scripts) on a private search path, so it needs none of the real ones.
 */
@Tag("unit")
class ToolsTest {

  @Test
  void installCommandsNameTheDebianPackages() {
    assertEquals("apt-get install verilator", Tools.installCommand("verilator"));
    assertEquals("apt-get install iverilog", Tools.installCommand("iverilog"));
    assertEquals("apt-get install iverilog", Tools.installCommand("vvp"));
    assertEquals("apt-get install yosys", Tools.installCommand("yosys"));
    assertEquals("apt-get install nextpnr-ice40", Tools.installCommand("nextpnr-ice40"));
    assertEquals("apt-get install fpga-icestorm", Tools.installCommand("icepack"));
    assertEquals("apt-get install fpga-icestorm", Tools.installCommand("icepll"));
    assertEquals("apt-get install coreutils", Tools.installCommand("stty"));
    assertEquals("apt-get install bsdutils", Tools.installCommand("script"));
    assertEquals("apt-get install some-tool", Tools.installCommand("some-tool"), "unknown: package named as the tool");
  }

  @Test
  void aMissingToolIsOneMessageNamingItAndItsFix() {
    ToolMissingException e = assertThrows(ToolMissingException.class, () -> new Tools("").require("nextpnr-ice40"));
    assertEquals("nextpnr-ice40", e.tool());
    assertEquals("nextpnr-ice40 is not installed (not found on PATH); install it with: apt-get install nextpnr-ice40",
        e.getMessage());
    e = assertThrows(ToolMissingException.class, () -> new Tools(null).require("icepack"));
    assertTrue(e.getMessage().endsWith("install it with: apt-get install fpga-icestorm"), e.getMessage());
  }

  @Test
  void theVersionIsTheFirstNonBlankLine(@TempDir Path dir) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    fakeTool(bin, "verilator", "\n  Verilator 5.006 2023-01-22 rev (Debian 5.006-3)\nmore\n");
    Tools tools = new Tools(bin.toString());
    Tools.Tool t = tools.require("verilator");
    assertEquals(new Tools.Tool("verilator", bin.resolve("verilator"), "Verilator 5.006 2023-01-22 rev (Debian 5.006-3)"),
        t);
    assertSame(t, tools.require("verilator"), "asked once per instance");
  }

  @Test
  void icepackIsReportedByItsPackage(@TempDir Path dir) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    fakeTool(bin, "icepack", "Usage: icepack [options] [input-file] [output-file]\n");
    assertEquals("icepack (fpga-icestorm)", new Tools(bin.toString()).require("icepack").version());
  }

  @Test
  void aToolThatHangsIsKilledAfterTheTimeout(@TempDir Path dir) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path f = bin.resolve("make");
    Files.writeString(f, "#!/bin/sh\necho 'GNU Make 4.3'\nsleep 30\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    long t0 = System.nanoTime();
    ToolMissingException e = assertThrows(ToolMissingException.class, () -> new Tools(bin.toString(), 500).require("make"));
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertTrue(seconds < 10, "killed after the timeout, not after the tool's 30 s: " + seconds);
    assertTrue(e.getMessage().startsWith("make at " + f + " did not answer [--version] within"), e.getMessage());
    assertTrue(e.getMessage().endsWith("reinstall it: apt-get install make"), e.getMessage());
  }

  @Test
  void aToolThatPrintsNoVersionIsNamed(@TempDir Path dir) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    fakeTool(bin, "yosys", "\n\n");
    ToolMissingException e = assertThrows(ToolMissingException.class, () -> new Tools(bin.toString()).require("yosys"));
    assertEquals("yosys", e.tool());
    assertEquals("yosys at " + bin.resolve("yosys") + " printed no version; reinstall it: apt-get install yosys",
        e.getMessage());
  }

  @Test
  void theFirstExecutableOnTheSearchPathWins(@TempDir Path dir) throws IOException {
    Path a = Files.createDirectories(dir.resolve("a"));
    Path b = Files.createDirectories(dir.resolve("b"));
    Path c = Files.createDirectories(dir.resolve("c"));
    Files.writeString(a.resolve("vvp"), "not executable\n");
    fakeTool(b, "vvp", "Icarus Verilog runtime version 11.0 (stable) ()");
    fakeTool(c, "vvp", "other");
    Tools tools = new Tools(String.join(File.pathSeparator, a.toString(), "", b.toString(), c.toString()));
    assertEquals(b.resolve("vvp"), tools.find("vvp").orElseThrow());
    assertEquals("Icarus Verilog runtime version 11.0 (stable) ()", tools.require("vvp").version());
    assertTrue(tools.isInstalled("vvp"));
    assertFalse(tools.isInstalled("iverilog"));
  }

  @Test
  void groupsNameTheFirstMissingToolInOrder(@TempDir Path dir) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    fakeTool(bin, "verilator", "Verilator 5.006");
    fakeTool(bin, "iverilog", "Icarus Verilog version 11.0 (stable) ()");
    fakeTool(bin, "yosys", "Yosys 0.23");
    Tools tools = new Tools(bin.toString());
    assertEquals("make", assertThrows(ToolMissingException.class, tools::requireVerilator).tool());
    assertEquals("vvp", assertThrows(ToolMissingException.class, tools::requireIcarus).tool());
    assertEquals("nextpnr-ice40", assertThrows(ToolMissingException.class, tools::requireIce40Flow).tool());
    fakeTool(bin, "nextpnr-ice40", "nextpnr-ice40 -- Next Generation Place and Route (Version 0.4-36-g2f13ad3e)");
    fakeTool(bin, "icepack", "usage");
    List<Tools.Tool> flow = tools.requireIce40Flow();
    assertEquals(List.of("yosys", "nextpnr-ice40", "icepack"), flow.stream().map(Tools.Tool::name).toList());
    assertEquals("nextpnr-ice40 -- Next Generation Place and Route (Version 0.4-36-g2f13ad3e)", flow.get(1).version());
  }

  @Test
  void pinnedToolsAreThoseOfToolchainVersions() throws IOException {
    Path versions = Path.of(System.getProperty("spikeforge.root", "..")).resolve("toolchain.versions");
    List<String> pinned = Files.readAllLines(versions).stream()
        .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .map(l -> l.split("\\s+")[0]).toList();
    assertEquals(pinned, Tools.PINNED, "Tools.PINNED must list the tools of " + versions + " in its order");
  }

  private static void fakeTool(Path bin, String name, String output) throws IOException {
    Path f = bin.resolve(name);
    Files.writeString(f, "#!/bin/sh\nprintf '%s' '" + output + "'\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
