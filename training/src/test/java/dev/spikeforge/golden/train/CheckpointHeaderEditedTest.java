package dev.spikeforge.golden.train;

import static dev.spikeforge.golden.train.CheckpointResumeTest.SIZES;
import static dev.spikeforge.golden.train.CheckpointResumeTest.TEST;
import static dev.spikeforge.golden.train.CheckpointResumeTest.TRAIN;
import static dev.spikeforge.golden.train.CheckpointResumeTest.assertMessage;
import static dev.spikeforge.golden.train.CheckpointResumeTest.config;
import static dev.spikeforge.golden.train.CheckpointResumeTest.options;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spikeforge.golden.data.RateEncoder;
import dev.spikeforge.golden.json.JsonMappers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzing found that a checkpoint header edited with its SHA-256 recomputed was trusted: {@code
 * position=-5} crashed, {@code position=999999}, {@code epoch=-1} and {@code history="x"} were
 * accepted and changed the result. Every header field is now checked against the run.
 */
@Tag("unit")
class CheckpointHeaderEditedTest {
  private static final ObjectMapper JSON = JsonMappers.sortedKeys();
  @TempDir Path dir;
  private Path ck;

  /** A mid-epoch checkpoint of the run the assertions resume (position 25 of 90, epoch 0). */
  @BeforeEach
  void midEpochCheckpoint() throws Exception {
    ck = dir.resolve("c.ck");
    try (TrainingEngine e = config(false, SIZES, 9).engine(1)) {
      Trainer.run(e, TRAIN, TEST, new RateEncoder(), options(ck, 2).withStopAfter(25), TrainListener.NONE);
    }
  }

  /** Rewrites the checkpoint's JSON header with {@code edit} applied and a correct hash. */
  private void editHeader(Consumer<ObjectNode> edit) throws Exception {
    ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(ck));
    byte[] magic = new byte[8];
    in.get(magic);
    int version = in.getInt();
    byte[] header = new byte[in.getInt()];
    in.get(header);
    byte[] state = new byte[(int) in.getLong()];
    in.get(state);
    ObjectNode h = (ObjectNode) JSON.readTree(header);
    edit.accept(h);
    byte[] edited = JSON.writeValueAsString(h).getBytes(StandardCharsets.UTF_8);
    ByteBuffer out = ByteBuffer.allocate(8 + 8 + edited.length + 8 + state.length + 32);
    out.put(magic).putInt(version).putInt(edited.length).put(edited).putLong(state.length).put(state);
    out.put(CheckpointFile.sha256(out.array(), out.position()));
    Files.write(ck, out.array());
  }

  @Test
  void anUneditedCheckpointResumes() throws Exception {
    editHeader(h -> {});
    try (TrainingEngine e = config(false, SIZES, 9).engine(1)) {
      Trainer.run(e, TRAIN, TEST, new RateEncoder(), options(ck, 2).withResume(true), TrainListener.NONE);
    }
  }

  @Test
  void negativePositionIsRefusedNotACrash() throws Exception {
    editHeader(h -> h.put("position", -5));
    assertMessage(ck, false, SIZES, 9, "header field position is -5, not an integer in 0..");
  }

  @Test
  void positionBeyondTheTrainingSetIsRefused() throws Exception {
    editHeader(h -> h.put("position", 999_999).put("runningSamples", 999_999));
    assertMessage(ck, false, SIZES, 9, "position 999999 is outside 0..89 (the training set's samples)");
  }

  @Test
  void negativeEpochIsRefused() throws Exception {
    editHeader(h -> h.put("epoch", -1));
    assertMessage(ck, false, SIZES, 9, "header field epoch is -1");
  }

  @Test
  void anEpochWithoutItsHistoryIsRefused() throws Exception {
    editHeader(h -> h.put("epoch", 1));
    assertMessage(ck, false, SIZES, 9, "epoch 1 but 0 finished epochs in history");
  }

  @Test
  void historyThatIsNotAnArrayIsRefused() throws Exception {
    editHeader(h -> h.put("history", "x"));
    assertMessage(ck, false, SIZES, 9, "header field history is not an array");
  }

  @Test
  void countersThatContradictEachOtherAreRefused() throws Exception {
    editHeader(h -> h.put("runningCorrect", 26));
    assertMessage(ck, false, SIZES, 9, "runningCorrect 26 exceeds runningSamples 25");
    midEpochCheckpoint();
    editHeader(h -> h.put("runningSamples", 3));
    assertMessage(ck, false, SIZES, 9, "runningSamples 3 differs from position 25");
    midEpochCheckpoint();
    editHeader(h -> h.put("runningLoss", "NaN"));
    assertMessage(ck, false, SIZES, 9, "header field runningLoss is \"NaN\", not a finite number");
  }
}
