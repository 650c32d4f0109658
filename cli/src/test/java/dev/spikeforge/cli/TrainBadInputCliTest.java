package dev.spikeforge.cli;

import static dev.spikeforge.cli.CliTest.assertOneCleanError;
import static dev.spikeforge.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzing found that {@code train --lr NaN} named the internal field {@code learningRate} rather than
 * the option, and left an empty output directory behind. A rule option that is not a finite number is
 * refused by its option name, and a refused run writes nothing.
 */
@Tag("unit")
class TrainBadInputCliTest {
  @Test
  void lrNaNIsRefusedByItsOptionAndWritesNothing(@TempDir Path dir) {
    Path out = dir.resolve("run");
    assertOneCleanError(run(TrainCommandTest.tiny(out, "--lr", "NaN")), "--lr must be a finite number, not NaN");
    assertFalse(Files.exists(out), "no output directory for a refused run");
    assertOneCleanError(run(TrainCommandTest.tiny(out, "--lr-decay", "Infinity")),
        "--lr-decay must be a finite number, not Infinity");
    assertFalse(Files.exists(out));
  }

  @Test
  void aNegativeLearningRateLeavesNoDirectoryEither(@TempDir Path dir) {
    Path out = dir.resolve("run");
    assertOneCleanError(run(TrainCommandTest.tiny(out, "--lr", "-1")), "must be positive");
    assertFalse(Files.exists(out), "no output directory for a refused run");
  }

  /**
   * Fuzzing found that an IDX test set whose image size differs from the training set's was found
   * only after a full epoch, and without naming the files.
   */
  @Test
  void idxSplitsOfDifferentImageSizesAreRefusedBeforeTraining(@TempDir Path dir) throws Exception {
    Path d = NirCliTest.idx12(dir);
    try (java.io.DataOutputStream img = new java.io.DataOutputStream(
        Files.newOutputStream(d.resolve("t10k-images-idx3-ubyte")))) {
      img.writeInt(0x00000803);
      img.writeInt(40);
      img.writeInt(4);
      img.writeInt(4);
      img.write(new byte[40 * 16]);
    }
    Path out = dir.resolve("run");
    assertOneCleanError(run("train", "--dataset", "idx", "--data-dir", d.toString(), "--arch", "12-8-7", "--epochs",
        "1", "-o", out.toString()), "test set idx-test has 16 values per sample but its training set idx-train has 12"
        + " (files in " + d + ")");
    assertFalse(Files.exists(out));
  }

  /** Fuzzing found that {@code train --threads 2147483647} printed an OutOfMemoryError stack trace. */
  @Test
  void threadCountsAreBounded(@TempDir Path dir) {
    Path out = dir.resolve("run");
    assertOneCleanError(run(TrainCommandTest.tiny(out, "--threads", "2147483647")),
        "--threads must be in 1..256, got 2147483647");
    assertFalse(Files.exists(out));
  }
}
