package dev.spikeforge.nir;

import dev.spikeforge.golden.sim.SpikeRaster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The NIR fixtures in the test resources (see {@code src/test/resources/nir/README.md}). */
final class Fixtures {
  static final String LIF = "01_lif__lif_norse.nir";
  static final String LIF_NORSE_CSV = "01_lif__lif_norse.csv";
  static final String LIF_EXACT_CSV = "01_lif__lif_exact.csv";
  static final String BRAILLE = "03_rnn__braille_noDelay_noBias_subtract.nir";
  static final String BRAILLE_PARAMS = "03_rnn__data__parameters_noDelay_noBias_ref_subtract.json";

  private Fixtures() {}

  static Path path(String name) {
    try {
      return Path.of(Fixtures.class.getResource("/nir/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A trace CSV of the LIF fixture: per row the input spike, the voltage and the output spike. */
  record Trace(boolean[][] input, double[] voltage, boolean[] spikes) {
    int steps() {
      return voltage.length;
    }

    SpikeRaster raster() {
      return SpikeRaster.ofDense(input);
    }
  }

  static Trace trace(String csv) {
    try {
      List<String> lines = Files.readAllLines(path(csv));
      boolean[][] in = new boolean[lines.size()][1];
      double[] v = new double[lines.size()];
      boolean[] z = new boolean[lines.size()];
      for (int t = 0; t < lines.size(); t++) {
        String[] f = lines.get(t).split(",");
        in[t][0] = Double.parseDouble(f[0]) != 0;
        v[t] = Double.parseDouble(f[1]);
        z[t] = Double.parseDouble(f[2]) != 0;
      }
      return new Trace(in, v, z);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static NirGraph readGraph(String name) {
    return NirHdf5.read(path(name));
  }
}
