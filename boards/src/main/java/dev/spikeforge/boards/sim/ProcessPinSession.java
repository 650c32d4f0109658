package dev.spikeforge.boards.sim;

import dev.spikeforge.simkit.Build;
import dev.spikeforge.simkit.SimulationException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A simulator process that speaks the pin protocol on stdin/stdout (both harness templates
 * implement it):
 * <pre>
 *   D &lt;input index&gt; &lt;hex value&gt;   set an input from the next edge on
 *   R &lt;cycle&gt;                      run edges until the cycle counter equals &lt;cycle&gt;; the harness
 *                                  answers "C &lt;cycle&gt; &lt;output index&gt; &lt;hex&gt;" per output change,
 *                                  then "E &lt;cycle&gt;"
 *   Q                              quit
 * </pre>
 * stderr goes to {@code run-<n>.log} in the work directory. The harness is the driver and the
 * monitor; the caller's test holds the reference model and the checker.
 */
final class ProcessPinSession implements PinSession {
  private final PinHarness harness;
  private final String simulator;
  private final Process process;
  private final BufferedWriter in;
  private final BufferedReader out;
  private final Path log;
  private long cycle;

  private static final java.util.concurrent.atomic.AtomicInteger SESSIONS = new java.util.concurrent.atomic.AtomicInteger();

  ProcessPinSession(PinHarness harness, Build build) {
    this.harness = harness;
    this.simulator = build.runner().title();
    this.log = build.dir().resolve("run-" + SESSIONS.incrementAndGet() + ".log");
    this.process = build.start(List.of(), log, harness.top());
    this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII));
    this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
  }

  @Override
  public long cycle() {
    return cycle;
  }

  @Override
  public void drive(String port, long value) {
    int i = harness.inputIndex(port);
    PinHarness.Port p = harness.inputs().get(i);
    if (p.width() < 64 && (value >>> p.width()) != 0) {
      throw new IllegalArgumentException("value " + value + " does not fit the " + p.width() + "-bit input " + port);
    }
    send(String.format(Locale.ROOT, "D %d %x%n", i, value));
  }

  @Override
  public List<Change> runUntil(long until) {
    if (until < cycle) {
      throw new IllegalArgumentException("cannot run back to cycle " + until + " from " + cycle);
    }
    List<Change> changes = new ArrayList<>();
    if (until == cycle) {
      return changes;
    }
    send("R " + until + "\n");
    flush();
    try {
      while (true) {
        String line = out.readLine();
        if (line == null) {
          throw failure("ended unexpectedly at cycle " + cycle);
        }
        String[] f = line.trim().split("\\s+");
        if (f[0].equals("E") && f.length == 2) {
          cycle = Long.parseLong(f[1]);
          if (cycle != until) {
            throw failure("stopped at cycle " + cycle + " instead of " + until);
          }
          return changes;
        }
        if (!f[0].equals("C") || f.length != 4) {
          throw failure("printed an unexpected line: " + line);
        }
        long at = Long.parseLong(f[1]);
        PinHarness.Port p = harness.outputs().get(Integer.parseInt(f[2]));
        String hex = f[3].toLowerCase(Locale.ROOT);
        if (hex.contains("x") || hex.contains("z")) {
          throw failure("output " + p.name() + " is " + (hex.contains("x") ? "X" : "Z") + " (" + f[3]
              + ") after edge " + at + ": an output depends on an uninitialised register or an undriven net");
        }
        changes.add(new Change(at, p.name(), Long.parseUnsignedLong(hex, 16)));
      }
    } catch (IOException e) {
      throw failure("could not be read: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    try {
      send("Q\n");
      flush();
    } catch (SimulationException ignored) {
      // the process is already gone
    }
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private void send(String s) {
    try {
      in.write(s);
    } catch (IOException e) {
      throw failure("does not accept input: " + e.getMessage());
    }
  }

  private void flush() {
    try {
      in.flush();
    } catch (IOException e) {
      throw failure("does not accept input: " + e.getMessage());
    }
  }

  private SimulationException failure(String what) {
    return new SimulationException(simulator + " run of " + harness.top() + " " + what + "; log: " + log.toAbsolutePath());
  }
}
