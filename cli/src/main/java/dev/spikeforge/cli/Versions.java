package dev.spikeforge.cli;

import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.numerics.NumericsContract;
import picocli.CommandLine;

/** Version strings of spikeforge and its contracts. */
final class Versions {
  static final String SPIKEFORGE = dev.spikeforge.compiler.build.Manifest.SPIKEFORGE_VERSION;

  private Versions() {}

  static final class Provider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "spikeforge " + SPIKEFORGE,
        "numerics contract v" + NumericsContract.VERSION + ", network schema v" + NetworkJson.SCHEMA_VERSION,
        "Java " + System.getProperty("java.version")
      };
    }
  }
}
