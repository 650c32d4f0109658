package dev.spikeforge.compiler.build;

import dev.spikeforge.golden.data.PoissonEncoder;
import dev.spikeforge.golden.io.ModelFormatException;
import dev.spikeforge.golden.sim.SpikeRaster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Input spike stimulus of a build ({@code vectors/*.stim}), text: a header line {@code
 * spikeforge.stimulus 1 <inputs> <steps> <samples>}, then per sample a line {@code sample <id>}
 * followed by one line per step with the step's input spike indices, ascending, separated by
 * spaces (an empty line when no input spiked). Every sample has all T steps, as the core's input
 * stream does.
 */
public final class StimulusFile {
  private static final String MAGIC = "spikeforge.stimulus";

  private StimulusFile() {}

  /** One sample: its id (e.g. the dataset index) and its spikes. */
  public record Sample(int id, SpikeRaster spikes) {}

  public static String format(int inputs, int steps, List<Sample> samples) {
    StringBuilder sb = new StringBuilder();
    sb.append(MAGIC).append(" 1 ").append(inputs).append(' ').append(steps).append(' ').append(samples.size()).append('\n');
    for (Sample s : samples) {
      if (s.spikes().channels() != inputs || s.spikes().steps() != steps) {
        throw new IllegalArgumentException("sample " + s.id() + " has " + s.spikes().channels() + " channels and "
            + s.spikes().steps() + " steps, expected " + inputs + " and " + steps);
      }
      sb.append("sample ").append(s.id()).append('\n');
      for (int t = 0; t < steps; t++) {
        int[] e = s.spikes().at(t);
        for (int k = 0; k < e.length; k++) {
          sb.append(k == 0 ? "" : " ").append(e[k]);
        }
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  public static List<Sample> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ModelFormatException("stimulus file " + file + " does not exist");
    } catch (IOException e) {
      throw new ModelFormatException("cannot read stimulus file " + file + ": " + e.getMessage(), e);
    }
    try {
      String[] h = lines.isEmpty() ? new String[0] : lines.get(0).split(" ");
      if (h.length != 5 || !h[0].equals(MAGIC) || !h[1].equals("1")) {
        throw new ModelFormatException(file + ": not a spikeforge stimulus file (version 1)");
      }
      int inputs = Integer.parseInt(h[2]);
      int steps = Integer.parseInt(h[3]);
      int n = Integer.parseInt(h[4]);
      if (lines.size() != 1 + n * (steps + 1)) {
        throw new ModelFormatException(file + ": truncated or corrupt (" + lines.size() + " lines, expected "
            + (1 + n * (steps + 1)) + ")");
      }
      List<Sample> out = new ArrayList<>(n);
      int at = 1;
      for (int s = 0; s < n; s++) {
        String head = lines.get(at++);
        if (!head.startsWith("sample ")) {
          throw new ModelFormatException(file + ": line " + at + " should start a sample");
        }
        int id = Integer.parseInt(head.substring(7).trim());
        int[][] ev = new int[steps][];
        for (int t = 0; t < steps; t++) {
          String l = lines.get(at++).trim();
          if (l.isEmpty()) {
            ev[t] = new int[0];
          } else {
            String[] f = l.split(" ");
            ev[t] = new int[f.length];
            for (int k = 0; k < f.length; k++) {
              ev[t][k] = Integer.parseInt(f[k]);
            }
          }
        }
        out.add(new Sample(id, SpikeRaster.of(inputs, ev)));
      }
      return out;
    } catch (NumberFormatException e) {
      throw new ModelFormatException(file + ": corrupt number: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(file + ": " + e.getMessage());
    }
  }

  /**
   * Seeded random stimulus through the golden model's Poisson encoder: sample k gets random
   * intensities whose maximum is 255 >> (k mod 4) (dense to sparse) and is encoded with
   * {@code PoissonEncoder(seed)} as sample id k.
   */
  public static List<Sample> poisson(int inputs, int steps, int samples, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    PoissonEncoder enc = new PoissonEncoder(seed);
    List<Sample> out = new ArrayList<>(samples);
    for (int k = 0; k < samples; k++) {
      byte[] px = new byte[inputs];
      int max = 255 >> (k % 4);
      for (int i = 0; i < inputs; i++) {
        px[i] = (byte) rnd.nextInt(max + 1);
      }
      out.add(new Sample(k, enc.encode(px, steps, k)));
    }
    return out;
  }
}
