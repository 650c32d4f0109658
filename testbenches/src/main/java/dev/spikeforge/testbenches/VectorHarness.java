package dev.spikeforge.testbenches;

import dev.spikeforge.hwgen.GeneratedModule;
import dev.spikeforge.hwgen.HwPort;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a vector harness needs to know about a combinational design: the Verilog file, its top
 * module, and the ports it drives (one column of the input matrix each, in this order) and samples
 * (one column of the output matrix each). Port widths come from the caller, who takes them from the
 * design's parameters or from {@link #of(GeneratedModule)}; they are never typed in twice.
 *
 * @param verilog the design (one file; more can be added as the need arises)
 * @param top the top module's name
 * @param inputs driven ports, in column order
 * @param outputs sampled ports, in column order
 */
public record VectorHarness(Path verilog, String top, List<Port> inputs, List<Port> outputs) {
  public VectorHarness {
    if (verilog == null || top == null) {
      throw new IllegalArgumentException("a vector harness needs a Verilog file and a top module");
    }
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    if (inputs.isEmpty() || outputs.isEmpty()) {
      throw new IllegalArgumentException("module " + top + ": a vector harness needs inputs and outputs");
    }
    Set<String> names = new HashSet<>();
    for (Port p : inputs) {
      checkUnique(names, p, top);
    }
    for (Port p : outputs) {
      checkUnique(names, p, top);
    }
  }

  /** The harness of a module written by hw-gen, with the ports its elaboration reported. */
  public static VectorHarness of(GeneratedModule m) {
    List<Port> in = new ArrayList<>();
    List<Port> out = new ArrayList<>();
    for (HwPort p : m.ports()) {
      (p.input() ? in : out).add(Port.of(p));
    }
    return new VectorHarness(m.verilog(), m.moduleName(), in, out);
  }

  /** Column of input port {@code name}. */
  public int inputIndex(String name) {
    return indexOf(inputs, name, "input");
  }

  /** Column of output port {@code name}. */
  public int outputIndex(String name) {
    return indexOf(outputs, name, "output");
  }

  private int indexOf(List<Port> ports, String name, String kind) {
    for (int i = 0; i < ports.size(); i++) {
      if (ports.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("module " + top + " has no " + kind + " port " + name);
  }

  private static void checkUnique(Set<String> names, Port p, String top) {
    if (!names.add(p.name())) {
      throw new IllegalArgumentException("module " + top + ": port " + p.name() + " listed twice");
    }
  }
}
