package dev.spikeforge.golden.train;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spikeforge.golden.files.AtomicFiles;
import dev.spikeforge.golden.json.JsonMappers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The binary checkpoint format ({@code docs/learning.md} §7), version {@value #VERSION}:
 *
 * <pre>
 *   8 bytes   magic "SFCKPT\r\n"
 *   4 bytes   format version (big-endian int)
 *   4 bytes   header length H, then H bytes of UTF-8 JSON: fingerprint, epoch, position, running
 *             counters and the metrics of finished epochs (keys sorted)
 *   8 bytes   state length S, then S bytes of engine state
 *  32 bytes   SHA-256 of everything before it
 * </pre>
 *
 * Written atomically ({@link AtomicFiles}). Reading checks the hash before anything else, so a
 * truncated or altered file is reported as corrupt, never half-used.
 */
public final class CheckpointFile {
  /** Version of this layout. */
  public static final int VERSION = 1;
  private static final byte[] MAGIC = "SFCKPT\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final int HASH = 32;
  private static final ObjectMapper JSON = JsonMappers.sortedKeys();

  private CheckpointFile() {}

  /** Writes {@code c} atomically to {@code file}. */
  public static void write(Path file, Checkpoint c) throws IOException {
    byte[] header = JSON.writeValueAsBytes(headerOf(c));
    ByteBuffer buf = ByteBuffer.allocate(MAGIC.length + 8 + header.length + 8 + c.state().length + HASH);
    buf.put(MAGIC).putInt(VERSION).putInt(header.length).put(header).putLong(c.state().length).put(c.state());
    buf.put(sha256(buf.array(), buf.position()));
    AtomicFiles.writeBytes(file, buf.array());
  }

  /** Reads and verifies a checkpoint. */
  public static Checkpoint read(Path file) {
    byte[] b;
    try {
      b = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new CheckpointException("no checkpoint at " + file + "; start without --resume");
    } catch (IOException e) {
      throw new CheckpointException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
    }
    String corrupt = "checkpoint " + file + " is corrupt";
    if (b.length < MAGIC.length + 8 + 8 + HASH || !Arrays.equals(Arrays.copyOf(b, MAGIC.length), MAGIC)) {
      throw new CheckpointException(corrupt + " (not a spikeforge checkpoint); delete it and train without --resume");
    }
    byte[] hash = sha256(b, b.length - HASH);
    if (!Arrays.equals(hash, Arrays.copyOfRange(b, b.length - HASH, b.length))) {
      throw new CheckpointException(corrupt + " (content hash mismatch: truncated or altered); delete it and train"
          + " without --resume");
    }
    ByteBuffer buf = ByteBuffer.wrap(b, 0, b.length - HASH);
    buf.position(MAGIC.length);
    int version = buf.getInt();
    if (version != VERSION) {
      throw new CheckpointException("checkpoint " + file + " has format version " + version + "; this spikeforge reads "
          + VERSION);
    }
    try {
      int h = buf.getInt();
      byte[] header = new byte[h];
      buf.get(header);
      long s = buf.getLong();
      if (s != buf.remaining()) {
        throw new CheckpointException(corrupt + " (state length " + s + " does not match the file)");
      }
      byte[] state = new byte[(int) s];
      buf.get(state);
      return fromHeader(JSON.readTree(header), state);
    } catch (IOException | RuntimeException e) {
      if (e instanceof CheckpointException ce) {
        throw ce;
      }
      throw new CheckpointException(corrupt + " (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Checks that a checkpoint was made by the run described by {@code expected}; otherwise throws one
   * error naming every differing entry.
   */
  public static void checkFingerprint(Path file, Checkpoint c, Map<String, Object> expected) {
    JsonNode want = normalized(expected);
    JsonNode have = normalized(c.fingerprint());
    if (want.equals(have)) {
      return;
    }
    List<String> diffs = new ArrayList<>();
    diff("", have, want, diffs);
    throw new CheckpointException("checkpoint " + file + " belongs to a different run: " + String.join("; ", diffs)
        + ". Resume with the original options, or train into a new directory without --resume");
  }

  /** The JSON tree of a value as it reads back from text (so 1 and 1L compare equal). */
  private static JsonNode normalized(Object value) {
    try {
      return JSON.readTree(JSON.writeValueAsBytes(value));
    } catch (IOException e) {
      throw new IllegalArgumentException("fingerprint is not JSON-serializable: " + e.getMessage(), e);
    }
  }

  private static void diff(String path, JsonNode have, JsonNode want, List<String> out) {
    if (have != null && want != null && have.isObject() && want.isObject()) {
      TreeSet<String> keys = new TreeSet<>();
      have.fieldNames().forEachRemaining(keys::add);
      want.fieldNames().forEachRemaining(keys::add);
      for (String k : keys) {
        diff(path.isEmpty() ? k : path + "." + k, have.get(k), want.get(k), out);
      }
      return;
    }
    if (have == null || want == null || !have.equals(want)) {
      out.add(path + " is " + (have == null ? "absent" : have.toString()) + " in the checkpoint but "
          + (want == null ? "absent" : want.toString()) + " in this run");
    }
  }

  private static ObjectNode headerOf(Checkpoint c) {
    ObjectNode h = JSON.createObjectNode();
    h.put("format", "spikeforge.checkpoint");
    h.set("fingerprint", JSON.valueToTree(c.fingerprint()));
    h.put("epoch", c.epoch());
    h.put("position", c.position());
    h.put("runningSamples", c.runningSamples());
    h.put("runningCorrect", c.runningCorrect());
    h.put("runningLoss", c.runningLoss());
    ArrayNode hist = h.putArray("history");
    for (EpochMetrics m : c.history()) {
      hist.add(MetricsFiles.json(m));
    }
    return h;
  }

  private static Checkpoint fromHeader(JsonNode h, byte[] state) throws IOException {
    if (!"spikeforge.checkpoint".equals(h.path("format").asText())) {
      throw new IOException("header is not a spikeforge.checkpoint");
    }
    if (!h.path("fingerprint").isObject()) {
      throw new IOException("header field fingerprint is not an object");
    }
    if (!h.path("history").isArray()) {
      throw new IOException("header field history is not an array");
    }
    Map<String, Object> fp = JSON.convertValue(h.get("fingerprint"), new TypeReference<Map<String, Object>>() {});
    List<EpochMetrics> hist = new ArrayList<>();
    for (Iterator<JsonNode> it = h.get("history").elements(); it.hasNext(); ) {
      hist.add(MetricsFiles.fromJson(it.next()));
    }
    return new Checkpoint(fp, (int) integer(h, "epoch", Integer.MAX_VALUE), integer(h, "position", Long.MAX_VALUE),
        integer(h, "runningSamples", Long.MAX_VALUE), integer(h, "runningCorrect", Long.MAX_VALUE),
        number(h, "runningLoss"), hist, state);
  }

  private static long integer(JsonNode h, String field, long max) throws IOException {
    JsonNode v = h.get(field);
    if (v == null || !v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < 0 || v.asLong() > max) {
      throw new IOException("header field " + field + " is " + v + ", not an integer in 0.." + max);
    }
    return v.asLong();
  }

  private static double number(JsonNode h, String field) throws IOException {
    JsonNode v = h.get(field);
    if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) {
      throw new IOException("header field " + field + " is " + v + ", not a finite number");
    }
    return v.asDouble();
  }

  /**
   * Checks that a checkpoint's counters describe a state a run over {@code trainSamples} samples per
   * epoch can be in (its fingerprint already matched): one finished epoch per history entry, numbered
   * 1.. in order, the next sample inside the epoch, as many running samples as trained positions, no
   * more correct ones than samples. A header edited with its hash recomputed is refused here.
   */
  public static void checkConsistent(Path file, Checkpoint c, int trainSamples) {
    List<String> bad = new ArrayList<>();
    if (c.history().size() != c.epoch()) {
      bad.add("epoch " + c.epoch() + " but " + c.history().size() + " finished epochs in history");
    }
    for (int k = 0; k < c.history().size(); k++) {
      if (c.history().get(k).epoch() != k + 1) {
        bad.add("history[" + k + "].epoch is " + c.history().get(k).epoch() + ", expected " + (k + 1));
        break;
      }
    }
    if (c.position() >= trainSamples) {
      bad.add("position " + c.position() + " is outside 0.." + (trainSamples - 1) + " (the training set's samples)");
    }
    if (c.runningSamples() != c.position()) {
      bad.add("runningSamples " + c.runningSamples() + " differs from position " + c.position());
    }
    if (c.runningCorrect() > c.runningSamples()) {
      bad.add("runningCorrect " + c.runningCorrect() + " exceeds runningSamples " + c.runningSamples());
    }
    if (!bad.isEmpty()) {
      throw new CheckpointException("checkpoint " + file + " is inconsistent: " + String.join("; ", bad)
          + "; delete it and train without --resume");
    }
  }

  static byte[] sha256(byte[] b, int len) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(b, 0, len);
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
