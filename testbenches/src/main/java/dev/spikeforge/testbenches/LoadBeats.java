package dev.spikeforge.testbenches;

import dev.spikeforge.golden.spec.hw.HwCore;
import dev.spikeforge.golden.spec.hw.HwMemory;
import dev.spikeforge.golden.spec.hw.MemoryKind;
import dev.spikeforge.simkit.SimulationException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The beats of the core's load port that write memory images, as the stream harnesses read them:
 * one line per beat, {@code <memory (decimal load index)> <address hex> <data hex> <last 0|1>};
 * one burst (the last beat has {@code last} = 1). This is how a board gets the weights of its SPRAM
 * memories (docs/hardware.md, "Load port").
 */
public final class LoadBeats {
  private LoadBeats() {}

  /** The SPRAM memories: the ones that must be loaded before the first sample. */
  public static final Predicate<HwMemory> SPRAM = m -> m.kind() == MemoryKind.SPRAM;

  /**
   * The memories of {@code core} that start without contents and must be loaded before the first sample: the SPRAM
   * memories and, in a three-factor learning core, the feedforward, axonal and recurrent memories (their shadow words
   * live in the learning unit's memories, docs/hardware.md §7.2).
   */
  public static Predicate<HwMemory> unloaded(HwCore core) {
    boolean tf = core.threeFactorLearning() != null;
    return m -> SPRAM.test(m)
        || (tf && (m.role() == dev.spikeforge.golden.spec.hw.MemoryRole.FEEDFORWARD
            || m.role() == dev.spikeforge.golden.spec.hw.MemoryRole.AXONAL
            || m.role() == dev.spikeforge.golden.spec.hw.MemoryRole.RECURRENT));
  }

  /** The memories of {@code core} selected by {@code which}. */
  public static List<HwMemory> select(HwCore core, Predicate<HwMemory> which) {
    return core.memories().stream().filter(which).toList();
  }

  /**
   * Writes the load beats of the images of {@code memories} (files under {@code imageDir}, e.g. a
   * build directory) to {@code file}.
   *
   * @return the number of beats
   * @throws SimulationException if an image is missing or has the wrong number of words
   */
  public static int write(Path file, Path imageDir, HwCore core, List<HwMemory> memories) {
    List<String> lines = new ArrayList<>();
    for (HwMemory m : memories) {
      Path image = imageDir.resolve(m.file());
      List<String> words;
      try {
        words = Files.readAllLines(image, StandardCharsets.US_ASCII).stream().map(String::strip)
            .filter(s -> !s.isEmpty()).toList();
      } catch (IOException e) {
        throw new SimulationException("cannot read the memory image " + image + " to load it through the load port: "
            + e.getMessage());
      }
      if (words.size() != m.depth()) {
        throw new SimulationException("memory image " + image + " has " + words.size() + " words, expected "
            + m.depth());
      }
      int index = core.loadIndex(m);
      for (int a = 0; a < words.size(); a++) {
        lines.add(index + " " + Integer.toHexString(a) + " " + words.get(a).toLowerCase(Locale.ROOT));
      }
    }
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
      for (int i = 0; i < lines.size(); i++) {
        w.write(lines.get(i));
        w.write(i == lines.size() - 1 ? " 1\n" : " 0\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return lines.size();
  }
}
