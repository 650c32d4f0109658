package dev.spikeforge.nir;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A NIR graph as stored in a file: the format version, the nodes by name (in file order), the
 * directed edges {@code [from, to]} and the graph's metadata.
 */
record NirGraph(String version, Map<String, NirNode> nodes, List<Edge> edges, Map<String, Object> metadata) {
  /** A directed edge: the output of {@code from} feeds {@code to}. */
  record Edge(String from, String to) {}

  NirGraph {
    nodes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
    edges = List.copyOf(edges);
    metadata = Map.copyOf(metadata);
  }

  /** The nodes whose output feeds {@code name}, in edge order. */
  List<String> predecessors(String name) {
    List<String> out = new ArrayList<>();
    for (Edge e : edges) {
      if (e.to().equals(name)) {
        out.add(e.from());
      }
    }
    return out;
  }

  /** The nodes {@code name} feeds, in edge order. */
  List<String> successors(String name) {
    List<String> out = new ArrayList<>();
    for (Edge e : edges) {
      if (e.from().equals(name)) {
        out.add(e.to());
      }
    }
    return out;
  }
}
