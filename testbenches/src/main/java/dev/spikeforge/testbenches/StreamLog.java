package dev.spikeforge.testbenches;

import dev.spikeforge.simkit.SimulationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a stream harness logged, split into samples: each sample's trace beats and its output beat
 * (trace beats of a sample all precede its output beat).
 *
 * @param samples per sample, in order
 * @param cycles clocks simulated after reset
 * @param beats input beats consumed
 */
public record StreamLog(List<SampleLog> samples, long cycles, long beats) {

  /** One trace beat: one neuron group's update. */
  public record TraceBeat(int step, int layer, int neuron, BigInteger spikes, BigInteger membranes) {}

  /** One output beat. */
  public record OutBeat(long cycle, int prediction, boolean unique, int decisionStep, int[] counts) {}

  /**
   * One sample: when its first beat was accepted, its trace beats and its output.
   *
   * @param firstBeatCycle clock at which the sample's first input beat was accepted
   */
  public record SampleLog(long firstBeatCycle, List<TraceBeat> trace, OutBeat out) {}

  /** Parses a harness log. */
  public static StreamLog read(Path file, int outputs) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the simulator log " + file, e);
    }
    List<SampleLog> samples = new ArrayList<>();
    List<TraceBeat> trace = new ArrayList<>();
    List<Long> starts = new ArrayList<>();
    long cycles = -1;
    long beats = -1;
    int n = 0;
    for (String line : lines) {
      n++;
      String[] f = line.split(" ");
      try {
        switch (f[0]) {
          case "B" -> starts.add(Long.parseLong(f[1]));
          case "T" -> trace.add(new TraceBeat(Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
              new BigInteger(f[4], 16), new BigInteger(f[5], 16)));
          case "O" -> {
            int[] counts = new int[outputs];
            if (f.length != 5 + outputs) {
              throw new NumberFormatException(f.length - 5 + " counts, expected " + outputs);
            }
            for (int k = 0; k < outputs; k++) {
              counts[k] = Integer.parseInt(f[5 + k]);
            }
            OutBeat o = new OutBeat(Long.parseLong(f[1]), Integer.parseInt(f[2]), f[3].equals("1"),
                Integer.parseInt(f[4]), counts);
            long start = samples.size() < starts.size() ? starts.get(samples.size()) : -1;
            samples.add(new SampleLog(start, List.copyOf(trace), o));
            trace.clear();
          }
          case "E" -> {
            cycles = Long.parseLong(f[1]);
            beats = Long.parseLong(f[2]);
          }
          default -> throw new NumberFormatException("unknown record '" + f[0] + "'");
        }
      } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
        throw new SimulationException(file + " line " + n + " is malformed (" + e.getMessage()
            + "); X or Z values reached an output?\n  " + line);
      }
    }
    if (cycles < 0) {
      throw new SimulationException(file + " is incomplete: the simulator did not finish its log");
    }
    if (!trace.isEmpty()) {
      throw new SimulationException(file + ": " + trace.size() + " trace beats after the last output beat");
    }
    return new StreamLog(samples, cycles, beats);
  }
}
