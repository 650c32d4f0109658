package dev.spikeforge.nir;

import dev.spikeforge.golden.files.AtomicFiles;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import io.jhdf.exceptions.HdfException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads and writes the HDF5 layout of NIR (as the reference Python package {@code nir} does): a
 * root dataset {@code version} and a group {@code node} holding the graph, {@code type =
 * "NIRGraph"}, a group {@code nodes} with one group per node ({@code type} plus one dataset per
 * parameter, an optional {@code metadata} group) and a string dataset {@code edges} of shape [n, 2].
 * HDF5 itself is read and written by jHDF, a pure-Java library.
 */
final class NirHdf5 {
  /** The NIR version written: the layout of the reference package {@code nir} 1.0 (with {@code v_reset}). */
  static final String WRITTEN_VERSION = "1.0.0";

  /** Groups a node may carry that describe it but do not change its computation. */
  private static final Set<String> DESCRIPTIVE_GROUPS = Set.of("input_type", "output_type");

  private NirHdf5() {}

  static NirGraph read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new NirException(file + ": " + (Files.exists(file) ? "is not a regular file" : "does not exist"));
    }
    try (HdfFile h = new HdfFile(file)) {
      Node root = h.getChild("node");
      if (!(root instanceof Group g)) {
        throw new NirException(file + ": not a NIR file (no group 'node' at the root of the HDF5 file)");
      }
      String version = h.getChild("version") instanceof Dataset v ? text(v, file, "version") : "unknown";
      String type = g.getChild("type") instanceof Dataset t ? text(t, file, "node/type") : null;
      if (!"NIRGraph".equals(type)) {
        throw new NirException(file + ": the root node is of type '" + type + "', expected NIRGraph");
      }
      return graph(g, file, version);
    } catch (NirException e) {
      throw e;
    } catch (OutOfMemoryError e) {
      // a damaged size field makes jHDF allocate what the file claims; that allocation failed, nothing is kept
      throw new NirException(file + ": not a readable HDF5 file (it claims more data than this Java process can"
          + " hold; damaged?)", e);
    } catch (HdfException | UncheckedIOException | IllegalArgumentException | IllegalStateException
        | IndexOutOfBoundsException | java.nio.BufferUnderflowException | ClassCastException
        | NegativeArraySizeException | ArithmeticException | UnsupportedOperationException e) {
      // jHDF reports a damaged or foreign file through these; name the file, not the library's internals
      throw new NirException(file + ": not a readable HDF5 file (" + e.getClass().getSimpleName() + ": "
          + e.getMessage() + ")", e);
    }
  }

  private static NirGraph graph(Group g, Path file, String version) {
    if (!(g.getChild("nodes") instanceof Group nodesGroup)) {
      throw new NirException(file + ": the graph has no group 'nodes'");
    }
    Map<String, NirNode> nodes = new LinkedHashMap<>();
    for (Node n : nodesGroup) {
      if (!(n instanceof Group ng)) {
        throw new NirException(file + ": 'node/nodes/" + n.getName() + "' is a dataset, expected a node group");
      }
      nodes.put(n.getName(), node(ng, file));
    }
    List<NirGraph.Edge> edges = new ArrayList<>();
    if (g.getChild("edges") instanceof Dataset ed && !ed.isEmpty()) {
      Object data = data(ed, file);
      if (!(data instanceof String[][] pairs)) {
        throw new NirException(file + ": 'node/edges' must be strings of shape [n, 2], found "
            + ed.getJavaType().getSimpleName() + java.util.Arrays.toString(ed.getDimensions()));
      }
      for (String[] p : pairs) {
        if (p.length != 2) {
          throw new NirException(file + ": 'node/edges' must have shape [n, 2]");
        }
        edges.add(new NirGraph.Edge(p[0], p[1]));
      }
    }
    return new NirGraph(version, nodes, edges, metadata(g, file));
  }

  private static NirNode node(Group g, Path file) {
    String where = "node '" + g.getName() + "'";
    if (!(g.getChild("type") instanceof Dataset t)) {
      throw new NirException(file + ": " + where + " has no 'type'");
    }
    String type = text(t, file, where + " type");
    Map<String, NirArray> params = new TreeMap<>();
    for (Node c : g) {
      if (c.getName().equals("type") || c.getName().equals("metadata")) {
        continue;
      }
      if (c instanceof Dataset d) {
        Object v = value(d, file);
        if (v instanceof NirArray a) {
          params.put(c.getName(), a);
        } else if (!type.equals("NIRGraph")) {
          throw new NirException(file + ": " + where + " (" + type + "): parameter '" + c.getName()
              + "' is not numeric");
        }
      } else if (type.equals("NIRGraph")) {
        params.put(c.getName(), NirArray.scalar(0)); // nested graph: rejected by the importer, by name
      } else if (!DESCRIPTIVE_GROUPS.contains(c.getName())) {
        throw new NirException(file + ": " + where + " (" + type + "): unexpected group '" + c.getName() + "'");
      }
    }
    return new NirNode(g.getName(), type, params, metadata(g, file));
  }

  private static Map<String, Object> metadata(Group g, Path file) {
    Map<String, Object> md = new TreeMap<>();
    if (g.getChild("metadata") instanceof Group m) {
      for (Node c : m) {
        if (c instanceof Dataset d) {
          Object v = value(d, file);
          if (v != null) {
            md.put(c.getName(), v);
          }
        }
      }
    }
    return md;
  }

  /** The dataset's data, refused before reading when its declared size cannot be held (a damaged file). */
  private static Object data(Dataset d, Path file) {
    long bytes = d.getSizeInBytes();
    long cap = Runtime.getRuntime().maxMemory() / 8;
    if (bytes < 0 || bytes > cap) {
      throw new NirException(file + ": dataset '" + d.getPath() + "' claims " + bytes + " bytes, more than this Java"
          + " process can hold (" + cap + "; the file is damaged, or the network too large for -Xmx)");
    }
    return d.getData();
  }

  private static String text(Dataset d, Path file, String what) {
    Object v = data(d, file);
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof String[] a && a.length == 1) {
      return a[0];
    }
    throw new NirException(file + ": " + what + " must be a string");
  }

  /** A dataset's value: a String, a {@link NirArray} of its numbers, or null for anything else. */
  private static Object value(Dataset d, Path file) {
    Object v = data(d, file);
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof String[] a && a.length == 1) {
      return a[0];
    }
    if (v instanceof Number n) {
      return NirArray.scalar(n.doubleValue());
    }
    if (v instanceof Boolean b) {
      return NirArray.scalar(b ? 1 : 0);
    }
    if (v == null || !v.getClass().isArray()) {
      return null;
    }
    double[] data = new double[Math.toIntExact(d.getSize())];
    if (flatten(v, data, 0) != data.length) {
      return null; // ragged, or not numbers
    }
    return new NirArray(data, d.getDimensions());
  }

  /**
   * Copies the numbers of a (possibly nested) primitive array, as jHDF returns a dataset's data, into
   * {@code out} from {@code at} in row-major order; returns the index after the last, or -1 when an
   * element is not a number (booleans, chars, objects), so the dataset is read once.
   */
  private static int flatten(Object array, double[] out, int at) {
    Class<?> type = array.getClass().getComponentType();
    int n = Array.getLength(array);
    if (type.isArray()) {
      for (int i = 0; i < n && at >= 0; i++) {
        at = flatten(Array.get(array, i), out, at);
      }
      return at;
    }
    if (!type.isPrimitive() || type == boolean.class || type == char.class || at + n > out.length) {
      return -1;
    }
    for (int i = 0; i < n; i++) {
      out[at + i] = Array.getDouble(array, i);
    }
    return at + n;
  }

  /** Writes the graph atomically (the HDF5 file is built beside {@code file}, then renamed over it). */
  static void write(NirGraph graph, Path file) throws IOException {
    AtomicFiles.writeVia(file, tmp -> {
      try (WritableHdfFile h = HdfFile.write(tmp)) {
        h.putDataset("version", graph.version());
        WritableGroup root = h.putGroup("node");
        root.putDataset("type", "NIRGraph");
        String[][] edges = new String[graph.edges().size()][];
        for (int e = 0; e < edges.length; e++) {
          edges[e] = new String[] {graph.edges().get(e).from(), graph.edges().get(e).to()};
        }
        root.putDataset("edges", edges);
        WritableGroup nodes = root.putGroup("nodes");
        for (NirNode n : graph.nodes().values()) {
          WritableGroup g = nodes.putGroup(n.name());
          g.putDataset("type", n.type());
          for (Map.Entry<String, NirArray> p : new TreeMap<>(n.params()).entrySet()) {
            g.putDataset(p.getKey(), p.getKey().equals("shape") ? longs(p.getValue()) : shaped(p.getValue()));
          }
          putMetadata(g, n.metadata());
        }
        putMetadata(root, graph.metadata());
      }
    });
  }

  private static void putMetadata(WritableGroup g, Map<String, Object> md) {
    if (md.isEmpty()) {
      return;
    }
    WritableGroup m = g.putGroup("metadata");
    for (Map.Entry<String, Object> e : new TreeMap<>(md).entrySet()) {
      m.putDataset(e.getKey(), e.getValue() instanceof NirArray a ? shaped(a) : e.getValue());
    }
  }

  /** A shape parameter (Input, Output) as int64, as the reference package writes it. */
  private static long[] longs(NirArray a) {
    long[] v = new long[a.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (long) a.data()[i];
    }
    return v;
  }

  /** The Java array jHDF writes for an array of this shape (float64; a scalar as a Double). */
  private static Object shaped(NirArray a) {
    int[] s = a.shape();
    if (s.length == 0) {
      return a.data()[0];
    }
    if (s.length == 1) {
      return a.data().clone();
    }
    if (s.length == 2) {
      double[][] m = new double[s[0]][s[1]];
      for (int r = 0; r < s[0]; r++) {
        System.arraycopy(a.data(), r * s[1], m[r], 0, s[1]);
      }
      return m;
    }
    throw new IllegalArgumentException("arrays of more than two dimensions are not written");
  }
}
