package dev.spikeforge.nir;

import dev.spikeforge.golden.io.FloatNetworkJson;
import dev.spikeforge.golden.io.ModelJson;
import dev.spikeforge.golden.io.NetworkJson;
import dev.spikeforge.golden.network.FloatNetwork;
import dev.spikeforge.golden.spec.NetworkSpec;
import dev.spikeforge.golden.spec.ResetMode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Import and export of the Neuromorphic Intermediate Representation (docs/nir.md): the one library
 * function behind each of {@code spikeforge nir import} and {@code spikeforge nir export}.
 */
public final class Nir {
  private Nir() {}

  /** Reads a NIR file and writes it as a spikeforge model; bad input is a {@link NirException} naming the node. */
  public static NirImportReport importFile(NirImportRequest q) throws IOException {
    NirGraph g = NirHdf5.read(q.input());
    Map<String, Object> gm = q.ignoreMetadata() ? Map.of() : g.metadata();
    List<String> warnings = new ArrayList<>();

    String dtFrom = "--dt";
    Double dt = q.dt();
    if (dt == null && gm.get(GraphExport.DT) instanceof NirArray a && a.size() == 1) {
      dt = a.data()[0];
      dtFrom = "the exporter's metadata";
      if (!(dt > 0) || !Double.isFinite(dt)) {
        throw new NirException(q.input() + ": metadata '" + GraphExport.DT + "' = " + dt + " is not a positive number"
            + " of seconds (a damaged export); give the step with --dt, or --ignore-metadata");
      }
    } else if (dt == null) {
      dt = Discretisation.DEFAULT_DT;
      dtFrom = "default; --dt to change";
    }
    String methodFrom = "--discretisation";
    Discretisation.Method method = q.method();
    if (method == null && gm.get(GraphExport.METHOD) instanceof String s
        && (s.equals("euler") || s.equals("exact"))) {
      method = Discretisation.Method.valueOf(s.toUpperCase(Locale.ROOT));
      methodFrom = "the exporter's metadata";
    } else if (method == null) {
      method = Discretisation.Method.EULER;
      methodFrom = "default";
    }
    Discretisation disc = new Discretisation(dt, method);

    Map<String, ResetMode> resets = new LinkedHashMap<>();
    if (!q.ignoreMetadata()) {
      for (NirNode n : g.nodes().values()) {
        if (n.metadata().get(GraphExport.RESET) instanceof String s && (s.equals("ZERO") || s.equals("SUBTRACT"))) {
          resets.put(n.name(), ResetMode.valueOf(s));
        }
      }
    }

    Object meta = null;
    FloatNetwork metaFloat = null;
    if (gm.get(GraphExport.MODEL) instanceof String text) {
      try {
        if (FloatNetworkJson.isFloatNetwork(text)) {
          metaFloat = FloatNetworkJson.parse(text);
          meta = metaFloat;
        } else {
          NetworkSpec spec = NetworkJson.parse(text);
          metaFloat = FloatNetwork.of(spec);
          meta = spec;
        }
      } catch (RuntimeException e) {
        warnings.add("the file's metadata " + GraphExport.MODEL + " is not a spikeforge model (" + e.getMessage()
            + "); the graph alone is used");
      }
    }
    String name = q.name() != null ? q.name()
        : metaFloat != null ? metaFloat.name() : GraphImport.uniqueName(stem(q.input()), new HashSet<>());
    int timesteps = q.timesteps() != null ? q.timesteps()
        : metaFloat != null ? metaFloat.timesteps() : NirImportRequest.DEFAULT_TIMESTEPS;
    String timestepsFrom = q.timesteps() != null ? "--timesteps" : metaFloat != null ? "the exporter's metadata"
        : "default; --timesteps to change";

    GraphImport.Result r = GraphImport.run(g, new GraphImport.Options(disc, q.reset(), resets, q.strict()), name,
        timesteps);
    warnings.addAll(r.approximations());
    boolean fromMetadata = false;
    if (metaFloat != null) {
      String diff = ModelMatch.difference(metaFloat, r.network());
      if (diff == null) {
        fromMetadata = true;
      } else {
        warnings.add("the file's spikeforge metadata does not match its graph read with " + disc.describe() + " ("
            + diff + "); the network is derived from the graph");
      }
    }
    String format;
    if (fromMetadata && meta instanceof NetworkSpec s) {
      NetworkSpec out = new NetworkSpec(name, s.numericsVersion(), s.inputSize(), timesteps, s.layers(), s.readout(),
          s.encoder());
      NetworkJson.write(out, q.output());
      format = NetworkJson.FORMAT;
    } else {
      FloatNetwork f = fromMetadata ? metaFloat : r.network();
      FloatNetwork out = new FloatNetwork(name, f.inputSize(), timesteps, f.layers(), f.readout(), f.encoder());
      FloatNetworkJson.write(out, q.output());
      format = FloatNetworkJson.FORMAT;
    }
    return new NirImportReport(q.output(), format, name, g.version(),
        disc.describe() + " (dt: " + dtFrom + "; rule: " + methodFrom + ")", timesteps, timestepsFrom,
        fromMetadata, r.layerLines(), List.copyOf(warnings));
  }

  /** Reads a spikeforge model (integer or float) and writes it as a NIR file. */
  public static NirExportReport exportFile(NirExportRequest q) throws IOException {
    String text = ModelJson.readText(q.model());
    FloatNetwork f;
    NetworkSpec spec = null;
    String canonical;
    String format;
    if (FloatNetworkJson.isFloatNetwork(text)) {
      f = FloatNetworkJson.read(q.model());
      canonical = FloatNetworkJson.write(f);
      format = FloatNetworkJson.FORMAT;
    } else {
      spec = NetworkJson.read(q.model());
      f = FloatNetwork.of(spec);
      canonical = NetworkJson.write(spec);
      format = NetworkJson.FORMAT;
    }
    GraphExport.Result r = GraphExport.run(f, spec, canonical, q.discretisation());
    NirHdf5.write(r.graph(), q.output());
    return new NirExportReport(q.output(), format, f.name(), r.graph().nodes().size(), r.graph().edges().size(),
        r.warnings());
  }

  private static String stem(java.nio.file.Path p) {
    String s = p.getFileName().toString();
    int dot = s.lastIndexOf('.');
    return dot > 0 ? s.substring(0, dot) : s;
  }
}
