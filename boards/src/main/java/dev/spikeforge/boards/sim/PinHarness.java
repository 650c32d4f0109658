package dev.spikeforge.boards.sim;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A clocked design simulated at its pins: the harness toggles {@code clock}, drives {@code inputs}
 * when told to, and reports every change of {@code outputs} with the cycle it happened in.
 *
 * @param verilog files to compile (the top and every module it instantiates)
 * @param top     top module
 * @param clock   clock input port
 * @param inputs  driven ports, with their values before the first edge
 * @param outputs watched ports
 */
public record PinHarness(List<Path> verilog, String top, String clock, List<Port> inputs, List<Port> outputs) {

  /**
   * A port of at most 64 bits.
   *
   * @param initial value of an input before anything drives it (ignored for outputs)
   */
  public record Port(String name, int width, long initial) {
    public Port {
      if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new IllegalArgumentException("port name must be a Verilog identifier, got " + name);
      }
      if (width < 1 || width > 64) {
        throw new IllegalArgumentException("port " + name + ": width must be 1..64, got " + width);
      }
    }

    public static Port of(String name, int width) {
      return new Port(name, width, 0);
    }
  }

  public PinHarness {
    verilog = List.copyOf(verilog);
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    if (verilog.isEmpty() || top == null || clock == null) {
      throw new IllegalArgumentException("a pin harness needs Verilog files, a top module and a clock");
    }
    if (outputs.isEmpty()) {
      throw new IllegalArgumentException("module " + top + ": a pin harness needs outputs to watch");
    }
    Set<String> names = new HashSet<>();
    names.add(clock);
    for (Port p : inputs) {
      if (!names.add(p.name())) {
        throw new IllegalArgumentException("module " + top + ": port " + p.name() + " listed twice");
      }
    }
    for (Port p : outputs) {
      if (!names.add(p.name())) {
        throw new IllegalArgumentException("module " + top + ": port " + p.name() + " listed twice");
      }
    }
  }

  int inputIndex(String name) {
    for (int i = 0; i < inputs.size(); i++) {
      if (inputs.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("module " + top + " has no driven input " + name);
  }
}
