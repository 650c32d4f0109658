package dev.spikeforge.golden.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.RateEncoder;
import dev.spikeforge.golden.learning.DesireIntParams;
import dev.spikeforge.golden.learning.DesireParams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A run interrupted mid-epoch and resumed from its checkpoint ends with exactly the weights and
 * metrics of an uninterrupted run; a corrupt or foreign checkpoint is refused with one clear error.
 */
@Tag("unit")
class CheckpointResumeTest {
  static final int[] SIZES = {32, 40, 3};
  static final Dataset TRAIN = SyntheticData.make("syn-train", 90, 32, 3, 3);
  static final Dataset TEST = SyntheticData.make("syn-test", 30, 32, 3, 4);

  static DesireConfig config(boolean integer, int[] sizes, long seed) {
    return config(integer, sizes, seed, 0);
  }

  static DesireConfig config(boolean integer, int[] sizes, long seed, int earlyExit) {
    DesireParams p = DesireParams.fashionMnist().withLearningRate(2e-3, 0.04);
    return (integer ? DesireConfig.intForm(sizes, p, DesireIntParams.defaults(sizes, 8), seed)
        : DesireConfig.floatForm(sizes, p, seed)).withEarlyExit(earlyExit);
  }

  static TrainOptions options(Path ck, int epochs) {
    return TrainOptions.of(epochs, 5).withCheckpoint(ck, 25).withEvalThreads(2)
        .withData(Map.of("dataset", "syn"));
  }

  @ParameterizedTest
  @CsvSource({"false, 0", "true, 0", "false, 3", "true, 3"})
  void resumeEqualsUninterrupted(boolean integer, int earlyExit, @TempDir Path dir) throws Exception {
    DesireConfig cfg = config(integer, SIZES, 9, earlyExit);
    byte[] full;
    TrainResult a;
    try (TrainingEngine e = cfg.engine(1)) {
      a = Trainer.run(e, TRAIN, TEST, new RateEncoder(), options(dir.resolve("a.ck"), 3), TrainListener.NONE);
      full = e.state();
    }
    Path ck = dir.resolve("b.ck");
    try (TrainingEngine e = cfg.engine(2)) {
      TrainResult part = Trainer.run(e, TRAIN, TEST, new RateEncoder(), options(ck, 3).withStopAfter(137),
          TrainListener.NONE);
      assertFalse(part.finished());
      assertEquals(1, part.epochs().size());
    }
    Checkpoint c = CheckpointFile.read(ck);
    assertEquals(1, c.epoch());
    assertEquals(137 - 90, c.position());
    TrainResult b;
    byte[] resumed;
    try (TrainingEngine e = cfg.engine(2)) {
      b = Trainer.run(e, TRAIN, TEST, new RateEncoder(), options(ck, 3).withResume(true), TrainListener.NONE);
      resumed = e.state();
    }
    assertTrue(b.finished());
    assertEquals(a.epochs(), b.epochs());
    assertArrayEquals(full, resumed);
    assertEquals(2 * 90 - 47, b.samplesTrained());
    assertArrayEquals(Files.readAllBytes(dir.resolve("a.ck")), Files.readAllBytes(ck));
  }

  @Test
  void resumeCanExtendAFinishedRun(@TempDir Path dir) throws Exception {
    DesireConfig cfg = config(false, SIZES, 9);
    byte[] three;
    try (TrainingEngine e = cfg.engine(1)) {
      Trainer.run(e, TRAIN, TEST, new RateEncoder(), options(dir.resolve("a.ck"), 3), TrainListener.NONE);
      three = e.state();
    }
    Path ck = dir.resolve("b.ck");
    try (TrainingEngine e = cfg.engine(1)) {
      Trainer.run(e, TRAIN, TEST, new RateEncoder(), options(ck, 2), TrainListener.NONE);
    }
    try (TrainingEngine e = cfg.engine(1)) {
      TrainResult r = Trainer.run(e, TRAIN, TEST, new RateEncoder(), options(ck, 3).withResume(true),
          TrainListener.NONE);
      assertEquals(3, r.epochs().size());
      assertArrayEquals(three, e.state());
    }
  }

  @Test
  void corruptCheckpoint(@TempDir Path dir) throws Exception {
    Path ck = dir.resolve("c.ck");
    try (TrainingEngine e = config(false, SIZES, 9).engine(1)) {
      Trainer.run(e, TRAIN, TEST, new RateEncoder(), options(ck, 1), TrainListener.NONE);
    }
    byte[] b = Files.readAllBytes(ck);
    b[b.length / 2] ^= 0x10;
    Files.write(ck, b);
    assertMessage(ck, false, SIZES, 9, "is corrupt (content hash mismatch");
    Files.write(ck, java.util.Arrays.copyOf(b, 100));
    assertMessage(ck, false, SIZES, 9, "is corrupt");
    Files.writeString(ck, "hello");
    assertMessage(ck, false, SIZES, 9, "not a spikeforge checkpoint");
    Files.delete(ck);
    assertMessage(ck, false, SIZES, 9, "no checkpoint at");
  }

  @Test
  void foreignCheckpoint(@TempDir Path dir) throws Exception {
    Path ck = dir.resolve("c.ck");
    try (TrainingEngine e = config(false, SIZES, 9).engine(1)) {
      Trainer.run(e, TRAIN, TEST, new RateEncoder(), options(ck, 1), TrainListener.NONE);
    }
    assertMessage(ck, false, new int[] {32, 20, 3}, 9, "arch is [32,40,3] in the checkpoint but [32,20,3] in this run");
    assertMessage(ck, false, SIZES, 10, "seed is 9 in the checkpoint but 10 in this run");
    assertMessage(ck, true, SIZES, 9, "precision is \"float\" in the checkpoint but \"int\" in this run");
    assertMessage(ck, false, SIZES, 9, 3, "earlyExit is absent in the checkpoint but 3 in this run");
  }

  static void assertMessage(Path ck, boolean integer, int[] sizes, long seed, String expected) throws Exception {
    assertMessage(ck, integer, sizes, seed, 0, expected);
  }

  static void assertMessage(Path ck, boolean integer, int[] sizes, long seed, int earlyExit, String expected)
      throws Exception {
    try (TrainingEngine e = config(integer, sizes, seed, earlyExit).engine(1)) {
      CheckpointException ex = assertThrows(CheckpointException.class, () -> Trainer.run(e, TRAIN, TEST,
          new RateEncoder(), options(ck, 2).withResume(true), TrainListener.NONE));
      assertTrue(ex.getMessage().contains(expected), ex.getMessage());
      assertTrue(ex.getMessage().contains(ck.toString()), ex.getMessage());
    }
  }
}
