package dev.spikeforge.testbenches;

import dev.spikeforge.golden.sim.SpikeRaster;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The beats of the core's input stream for a list of samples, as the stream harnesses read them:
 * one line per beat, {@code <index hex> <endOfStep 0|1>}; per step, the step's spike indices
 * ascending, then one endOfStep beat (index 0). Every sample sends all T steps.
 */
public final class StreamBeats {
  private StreamBeats() {}

  public static void write(Path file, List<SpikeRaster> samples, int timesteps) {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
      for (SpikeRaster r : samples) {
        if (r.steps() < timesteps) {
          throw new IllegalArgumentException("a sample has " + r.steps() + " steps, the core runs " + timesteps);
        }
        for (int t = 0; t < timesteps; t++) {
          for (int i : r.at(t)) {
            w.write(Integer.toHexString(i));
            w.write(" 0\n");
          }
          w.write("0 1\n");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
