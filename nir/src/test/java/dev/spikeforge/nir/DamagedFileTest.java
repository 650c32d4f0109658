package dev.spikeforge.nir;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged NIR files (seeded random bytes overwritten in the real fixtures, and truncations) are
 * either still valid or refused with a {@link NirException} naming the file or node: never another
 * exception. (Before the size guard in {@code NirHdf5}, some made jHDF allocate gigabytes.)
 */
@Tag("unit")
class DamagedFileTest {
  static final int CASES_PER_FIXTURE = 80;

  @Test
  void damagedFilesAreReadOrRefusedCleanly(@TempDir Path dir) throws IOException {
    int refused = 0;
    int read = 0;
    for (String fixture : new String[] {Fixtures.LIF, Fixtures.BRAILLE}) {
      byte[] original = Files.readAllBytes(Fixtures.path(fixture));
      SplittableRandom rnd = new SplittableRandom(fixture.hashCode());
      for (int c = 0; c < CASES_PER_FIXTURE; c++) {
        byte[] b;
        if (c % 10 == 9) {
          b = java.util.Arrays.copyOf(original, rnd.nextInt(original.length));
        } else {
          b = original.clone();
          for (int k = 1 + rnd.nextInt(4); k > 0; k--) {
            b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
          }
        }
        Path file = dir.resolve("damaged.nir");
        Files.write(file, b);
        Path out = dir.resolve("out.json");
        Files.deleteIfExists(out);
        try {
          Nir.importFile(new NirImportRequest(file, out, null, null, null, 50, "damaged", false, false));
          read++;
        } catch (NirException e) {
          assertTrue(e.getMessage().contains("damaged.nir") || e.getMessage().contains("node '")
              || e.getMessage().contains("edge ") || e.getMessage().contains("the graph"), e.getMessage());
          assertTrue(!Files.exists(out), "nothing written on refusal");
          refused++;
        } catch (RuntimeException e) {
          fail(fixture + " case " + c + ": " + e, e);
        }
      }
    }
    assertTrue(refused > 0 && read > 0, "refused " + refused + ", read " + read);
  }
}
