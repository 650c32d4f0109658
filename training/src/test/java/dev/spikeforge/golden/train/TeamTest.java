package dev.spikeforge.golden.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The team's barrier: what a worker wrote before {@link Team#sync} is seen by every worker after it,
 * run after run; a worker that fails while the others wait at a barrier does not hang the team, its
 * exception is thrown by {@link Team#run}, and the team works again in the next run.
 */
@Tag("unit")
class TeamTest {
  @Test
  void everyWorkerSeesWhatTheOthersWroteBeforeTheBarrier() {
    try (Team team = new Team(3, "team-test")) {
      for (int run = 0; run < 300; run++) {
        int[] written = new int[3];
        int[][] seen = new int[3][];
        int base = run;
        team.run(w -> {
          written[w] = base * 10 + w;
          team.sync(w);
          seen[w] = written.clone();
          team.sync(w);
          written[w] = -1;
        });
        for (int w = 0; w < 3; w++) {
          assertArrayEquals(new int[] {base * 10, base * 10 + 1, base * 10 + 2}, seen[w], "run " + run);
        }
      }
    }
  }

  @Test
  void aFailingWorkerReleasesTheOthersAndTheTeamRunsAgain() {
    try (Team team = new Team(2, "team-test")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> team.run(w -> {
        if (w == 1) {
          throw new IllegalArgumentException("worker 1 failed");
        }
        team.sync(w);
        team.sync(w);
      }));
      assertEquals("worker 1 failed", e.getMessage());
      assertThrows(IllegalStateException.class, () -> team.run(w -> {
        if (w == 0) {
          throw new IllegalStateException("the caller failed");
        }
        team.sync(w);
      }));
      AtomicIntegerArray after = new AtomicIntegerArray(2);
      team.run(w -> {
        team.sync(w);
        after.set(w, 1);
      });
      assertEquals("[1, 1]", after.toString());
    }
  }
}
