package dev.spikeforge.golden.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Atomic writes, and the temporary files a killed writer leaves: fuzzing found {@code
 * .float-model.json*.tmp} left by {@code train} after kill -9 and never removed. The next write of
 * the same file now deletes the temporary files of writers that have ended, and only those.
 */
@Tag("unit")
class AtomicFilesTest {
  /** A pid no process can have: above PID_MAX_LIMIT, 2^22, the largest pid_max Linux allows. */
  private static final long DEAD_PID = (1L << 22) + 1;

  @Test
  void writeReplacesTheTargetAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("model.json");
    AtomicFiles.writeString(f, "one");
    AtomicFiles.writeString(f, "two");
    assertEquals("two", Files.readString(f));
    try (var s = Files.list(dir)) {
      assertEquals(List.of(f), s.toList());
    }
  }

  @Test
  void theNextWriteDeletesTheTemporaryFilesOfKilledWritersOnly(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("float-model.json");
    Path killed = Files.writeString(dir.resolve(".float-model.json." + DEAD_PID + ".123456789.tmp"), "half");
    Path live = Files.writeString(dir.resolve(".float-model.json." + ProcessHandle.current().pid() + ".42.tmp"), "busy");
    Path otherTarget = Files.writeString(dir.resolve(".float-model.json.bak." + DEAD_PID + ".1.tmp"), "x");
    Path notOurs = Files.writeString(dir.resolve(".float-model.json.editor.tmp"), "y");
    AtomicFiles.writeString(f, "{}");
    assertFalse(Files.exists(killed), "a dead writer's temporary file is removed");
    assertTrue(Files.exists(live), "a live writer's temporary file stays");
    assertTrue(Files.exists(otherTarget), "another target's temporary file stays");
    assertTrue(Files.exists(notOurs), "a file not named like ours stays");
    assertEquals("{}", Files.readString(f));
  }
}
