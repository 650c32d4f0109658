package dev.spikeforge.golden.train.threefactor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.spikeforge.golden.data.Dataset;
import dev.spikeforge.golden.data.DelayPatternTask;
import dev.spikeforge.golden.learning.threefactor.FeedbackMode;
import dev.spikeforge.golden.spec.hw.DelayMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Pins the byte format of the three-factor checkpoint state ({@link ThreeFactorModel#state()}):
 * {@code checkpoints/three-factor-state-v1.txt} holds, for every form, delay mode and recurrence,
 * the state after 12 training samples and the SHA-256 of the state after 12 more, both written by
 * the code of commit 5ef0389 (before the state code was shared). Today's code must read that state,
 * write it back byte for byte and continue training to the same bits.
 */
@Tag("unit")
class ThreeFactorStateFormatTest {
  private static final String FIXTURE = "/checkpoints/three-factor-state-v1.txt";

  @Test
  void stateWrittenByEarlierCodeRestoresAndContinuesBitForBit() throws IOException {
    List<String> lines = readFixture();
    List<String> cases = cases();
    assertEquals(cases.size(), lines.size(), "fixture lines");
    for (int n = 0; n < cases.size(); n++) {
      String[] f = lines.get(n).split(" ");
      assertEquals(cases.get(n), f[0], "fixture case " + n);
      Run run = new Run(f[0]);
      byte[] mid = Base64.getDecoder().decode(f[1]);
      ThreeFactorModel m = run.fresh();
      m.restore(mid);
      assertArrayEquals(mid, m.state(), f[0] + ": state written back differs");
      run.train(m, 12, 24);
      assertEquals(f[2], sha256(m.state()), f[0] + ": continued training differs");
    }
  }

  /**
   * Writes the fixture to {@code args[0]}; run with the code whose format is to be pinned (the
   * fixture in the repository was written at commit 5ef0389).
   */
  public static void main(String[] args) throws IOException {
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[0]), StandardCharsets.US_ASCII))) {
      for (String c : cases()) {
        Run run = new Run(c);
        ThreeFactorModel m = run.fresh();
        run.train(m, 0, 12);
        byte[] mid = m.state();
        run.train(m, 12, 24);
        out.print(c + " " + Base64.getEncoder().encodeToString(mid) + " " + sha256(m.state()) + "\n");
      }
    }
  }

  private static List<String> cases() {
    List<String> cases = new ArrayList<>();
    // the forms the fixture was written for; the HARDWARE form (later) writes the INT form's codec
    for (NumericForm form : List.of(NumericForm.FLOAT, NumericForm.INT)) {
      for (DelayMode mode : DelayMode.values()) {
        for (boolean rec : new boolean[] {false, true}) {
          cases.add(form + "/" + mode + "/" + (rec ? "recurrent" : "feedforward"));
        }
      }
    }
    return cases;
  }

  /** One case: a tiny config and its training data. */
  private static final class Run {
    final ThreeFactorConfig cfg;
    final Dataset data;

    Run(String name) {
      String[] p = name.split("/");
      cfg = TinyNets.config(6, p[2].equals("recurrent"), DelayMode.valueOf(p[1]), NumericForm.valueOf(p[0]),
          FeedbackMode.SYMMETRIC);
      data = new DelayPatternTask(cfg.task()).trainSet(24);
    }

    ThreeFactorModel fresh() {
      return ThreeFactorTraining.create(cfg, data.shape()[0], data.classes(), data.shape()[1]);
    }

    void train(ThreeFactorModel m, int from, int to) {
      for (int s = from; s < to; s++) {
        m.train(data.raster(s), data.label(s));
      }
    }
  }

  private static List<String> readFixture() throws IOException {
    try (InputStream in = ThreeFactorStateFormatTest.class.getResourceAsStream(FIXTURE)) {
      assertNotNull(in, "test resource " + FIXTURE + " is missing");
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines().toList();
    }
  }

  private static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
