package dev.spikeforge.cli;

import static dev.spikeforge.cli.CliTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the train-command tests of the OTTT, STDP and NA rules share: the command on the delay task
 * (16-12-4, 2 epochs of 100 samples, 40 test samples, a checkpoint every 30), the rule's lines in the
 * help, and the resume check through the command.
 */
final class RuleCliFixture {
  private RuleCliFixture() {}

  /** {@code spikeforge train --rule RULE} on the delay task into {@code out}, then {@code extra}. */
  static String[] train(String rule, Path out, String... extra) {
    List<String> a = new ArrayList<>(List.of("train", "--rule", rule, "--dataset", "delay-pattern", "--arch",
        "16-12-4", "--epochs", "2", "--train-limit", "100", "--test-limit", "40", "--checkpoint-every", "30",
        "-o", out.toString()));
    a.addAll(List.of(extra));
    return a.toArray(new String[0]);
  }

  /** {@code train --help} exits 0 and holds every text of {@code lines} (white space folded). */
  static void assertHelpContains(String... lines) {
    CliTest.Run r = run("train", "--help");
    assertEquals(0, r.code(), r.err());
    String help = r.out().replaceAll("\\s+", " ");
    for (String line : lines) {
      assertTrue(help.contains(line), line + " in " + help);
    }
  }

  /**
   * A run of {@code rule} with {@code opts} into {@code dir/a}, and the same run into {@code dir/b}
   * stopped after 130 samples on 2 threads and resumed on 1, write the same {@code files}.
   */
  static void assertResumeEqualsUninterrupted(String rule, Path dir, String[] opts, String... files) throws Exception {
    String tag = String.join("", opts);
    Path a = dir.resolve("a" + tag);
    Path b = dir.resolve("b" + tag);
    CliTest.Run ra = run(train(rule, a, opts));
    assertEquals(0, ra.code(), ra.err());
    assertTrue(ra.out().contains("training " + rule), ra.out());
    CliTest.Run stopped = run(train(rule, b, with(opts, "--stop-after", "130", "--threads", "2")));
    assertEquals(0, stopped.code(), stopped.err());
    CliTest.Run r = run(train(rule, b, with(opts, "--resume", "--threads", "1")));
    assertEquals(0, r.code(), r.err());
    for (String f : files) {
      assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), tag + " " + f);
    }
    assertTrue(Files.readString(a.resolve("config.json")).contains("\"rule\" : \"" + rule + "\""));
  }

  private static String[] with(String[] opts, String... more) {
    List<String> l = new ArrayList<>(List.of(opts));
    l.addAll(List.of(more));
    return l.toArray(new String[0]);
  }
}
