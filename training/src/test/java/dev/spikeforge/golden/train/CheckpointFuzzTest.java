package dev.spikeforge.golden.train;

import static dev.spikeforge.golden.train.CheckpointResumeTest.SIZES;
import static dev.spikeforge.golden.train.CheckpointResumeTest.TEST;
import static dev.spikeforge.golden.train.CheckpointResumeTest.TRAIN;
import static dev.spikeforge.golden.train.CheckpointResumeTest.config;
import static dev.spikeforge.golden.train.CheckpointResumeTest.options;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spikeforge.golden.data.RateEncoder;
import dev.spikeforge.golden.json.JsonMappers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzing of checkpoints (issue 16 item 3): a mid-epoch checkpoint damaged by random byte flips and
 * truncation, or with one header value replaced and its hash recomputed, is either resumed or refused
 * with one {@link CheckpointException} naming the file; never any other exception. {@value
 * #DEFAULT_CASES} cases per run, the same ones every run; {@code -Dspikeforge.fuzzCases=N} for the
 * benchmark.
 */
@Tag("unit")
class CheckpointFuzzTest {
  static final int DEFAULT_CASES = 400;
  private static final int CASES = Integer.getInteger("spikeforge.fuzzCases", DEFAULT_CASES);
  private static final ObjectMapper JSON = JsonMappers.sortedKeys();
  private static final String[] VALUES = {"-1", "0", "1", "25", "89", "90", "2147483647", "2147483648", "1e39",
      "-5", "0.5", "null", "\"x\"", "[]", "{}", "true", "\"NaN\""};
  @TempDir static Path dir;
  private static byte[] original;

  @BeforeAll
  static void midEpochCheckpoint() throws Exception {
    Path ck = dir.resolve("c.ck");
    try (TrainingEngine e = config(false, SIZES, 9).engine(1)) {
      Trainer.run(e, TRAIN, TEST, new RateEncoder(), options(ck, 2).withStopAfter(25), TrainListener.NONE);
    }
    original = Files.readAllBytes(ck);
  }

  @Test
  void damagedCheckpointsResumeOrAreRefusedByName() throws Exception {
    SplittableRandom r = new SplittableRandom(Long.getLong("spikeforge.fuzzSeed", 0L));
    int refused = 0;
    for (int k = 0; k < CASES; k++) {
      byte[] b = k % 2 == 0 ? flipBytes(r) : editHeaderValue(r);
      Path ck = dir.resolve("fuzz.ck");
      Files.write(ck, b);
      try (TrainingEngine e = config(false, SIZES, 9).engine(1)) {
        Trainer.run(e, TRAIN, TEST, new RateEncoder(), options(ck, 2).withResume(true).withStopAfter(1),
            TrainListener.NONE);
      } catch (CheckpointException ex) {
        assertTrue(ex.getMessage().contains(ck.toString()) && !ex.getMessage().contains("\n"),
            "case " + k + ": " + ex.getMessage());
        refused++;
      } catch (RuntimeException ex) {
        fail("case " + k + ": " + ex, ex);
      }
    }
    assertTrue(refused > CASES / 2, "most damaged checkpoints are refused: " + refused + " of " + CASES);
  }

  private static byte[] flipBytes(SplittableRandom r) {
    byte[] b = original.clone();
    if (r.nextInt(4) == 0) {
      return java.util.Arrays.copyOf(b, r.nextInt(b.length));
    }
    for (int n = 1 + r.nextInt(3); n > 0; n--) {
      b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
    }
    return b;
  }

  /** One value of the JSON header (any depth) replaced, the hash recomputed: an edit that passes the hash. */
  private static byte[] editHeaderValue(SplittableRandom r) throws Exception {
    ByteBuffer in = ByteBuffer.wrap(original);
    byte[] magic = new byte[8];
    in.get(magic);
    int version = in.getInt();
    byte[] header = new byte[in.getInt()];
    in.get(header);
    byte[] state = new byte[(int) in.getLong()];
    in.get(state);
    ObjectNode h = (ObjectNode) JSON.readTree(header);
    List<ObjectNode> parents = new ArrayList<>();
    List<String> names = new ArrayList<>();
    collect(h, parents, names);
    int at = r.nextInt(names.size());
    parents.get(at).set(names.get(at), JSON.readTree(VALUES[r.nextInt(VALUES.length)]));
    byte[] edited = JSON.writeValueAsString(h).getBytes(StandardCharsets.UTF_8);
    ByteBuffer out = ByteBuffer.allocate(8 + 8 + edited.length + 8 + state.length + 32);
    out.put(magic).putInt(version).putInt(edited.length).put(edited).putLong(state.length).put(state);
    out.put(CheckpointFile.sha256(out.array(), out.position()));
    return out.array();
  }

  private static void collect(JsonNode n, List<ObjectNode> parents, List<String> names) {
    if (!n.isObject()) {
      return;
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      parents.add((ObjectNode) n);
      names.add(f);
      collect(n.get(f), parents, names);
    }
  }
}
