package dev.spikeforge.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The external tools spikeforge drives, and how to ask them their version. */
final class Tools {
  record Tool(String command, List<String> versionArgs, String fix) {}

  static final List<Tool> ALL = List.of(
      new Tool("verilator", List.of("--version"), "apt-get install verilator"),
      new Tool("iverilog", List.of("-V"), "apt-get install iverilog"),
      new Tool("yosys", List.of("-V"), "apt-get install yosys"),
      new Tool("nextpnr-ice40", List.of("--version"), "apt-get install nextpnr-ice40"),
      new Tool("icepack", List.of("-h"), "apt-get install fpga-icestorm"));

  private Tools() {}

  /** First line of the tool's version output, or empty if it cannot be run. */
  static Optional<String> version(Tool t) {
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add(t.command());
    cmd.addAll(t.versionArgs());
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Optional.empty();
      }
      String first = text.lines().filter(l -> !l.isBlank()).findFirst().orElse("").trim();
      return Optional.of(first.isEmpty() ? "found" : (t.command().equals("icepack") ? "found" : first));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
