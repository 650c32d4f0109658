package dev.spikeforge.boards;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spikeforge.golden.json.JsonMappers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bundled parts ({@code parts.json}) and boards ({@code icebreaker.json},
 * {@code hx8k-breakout.json}), and the reader for a user's board file of the same form. Every
 * description is validated on load; an error names the file and the field.
 */
public final class Boards {
  /** Short names of the bundled boards, in listing order. */
  public static final List<String> BUNDLED = List.of("icebreaker", "hx8k-breakout");

  private static final ObjectMapper JSON = JsonMappers.compact();
  private static final Set<String> PART_FIELDS = Set.of("name", "family", "nextpnrDevice", "lutInputs", "luts",
      "flipFlops", "blockRams", "blockRamBits", "sprams", "spramBits", "dsps", "source");
  private static final Set<String> BOARD_FIELDS = Set.of("name", "title", "part", "package", "packageIo", "clock",
      "clockHz", "signals", "pllPads", "source");
  private static final Set<String> SIGNAL_FIELDS = Set.of("name", "pin", "direction", "activeLow", "description");

  private static volatile Map<String, Part> parts;

  private Boards() {}

  /** The iCEBreaker (iCE40UP5K-SG48). */
  public static Board icebreaker() {
    return bundled("icebreaker");
  }

  /** The iCE40-HX8K breakout board (iCE40HX8K-CT256). */
  public static Board hx8kBreakout() {
    return bundled("hx8k-breakout");
  }

  /**
   * A bundled board by its short name.
   *
   * @throws IllegalArgumentException naming the known boards if there is none called {@code name}
   */
  public static Board bundled(String name) {
    if (!BUNDLED.contains(name)) {
      throw new IllegalArgumentException("unknown board '" + name + "'; bundled boards: "
          + String.join(", ", BUNDLED) + " (or give the path of a board JSON file)");
    }
    return parse(resource(name + ".json"), name + ".json");
  }

  /** A bundled board by name, or else the board described by the JSON file at {@code nameOrPath}. */
  public static Board byNameOrFile(String nameOrPath) {
    if (BUNDLED.contains(nameOrPath)) {
      return bundled(nameOrPath);
    }
    Path p = Path.of(nameOrPath);
    if (Files.isRegularFile(p)) {
      return load(p);
    }
    throw new IllegalArgumentException("unknown board '" + nameOrPath + "': neither a bundled board ("
        + String.join(", ", BUNDLED) + ") nor a board JSON file");
  }

  /** Reads and validates a board description file. */
  public static Board load(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("board file " + file + " does not exist");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read board file " + file, e);
    }
  }

  /** Every bundled part by name, in file order. */
  public static Map<String, Part> parts() {
    Map<String, Part> p = parts;
    if (p == null) {
      p = Collections.unmodifiableMap(parseParts(resource("parts.json")));
      parts = p;
    }
    return p;
  }

  /**
   * A bundled part by name (case-insensitive).
   *
   * @throws IllegalArgumentException naming the known parts
   */
  public static Part part(String name) {
    for (Part p : parts().values()) {
      if (p.name().equalsIgnoreCase(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown part '" + name + "'; known parts: " + String.join(", ", parts().keySet()));
  }

  static Board parse(String json, String origin) {
    try {
      return board(tree(json, origin));
    } catch (BoardFormatException e) {
      throw new BoardFormatException(origin + ": " + e.field(), e.getMessage().substring(e.field().length() + 2));
    }
  }

  private static Board board(JsonNode root) {
    JsonObject o = new JsonObject(root, "board", BOARD_FIELDS);
    JsonNode sig = o.get("signals");
    if (!sig.isArray()) {
      throw new BoardFormatException("board.signals", "expected an array");
    }
    List<BoardSignal> signals = new ArrayList<>();
    for (int i = 0; i < sig.size(); i++) {
      JsonObject s = new JsonObject(sig.get(i), "board.signals[" + i + "]", SIGNAL_FIELDS);
      BoardSignal.Direction d;
      try {
        d = BoardSignal.Direction.fromId(s.string("direction"));
      } catch (IllegalArgumentException e) {
        throw new BoardFormatException(s.at("direction"), e.getMessage());
      }
      signals.add(new BoardSignal(s.string("name"), s.string("pin"), d, s.bool("activeLow"), s.string("description")));
    }
    Part part;
    try {
      part = part(o.string("part"));
    } catch (IllegalArgumentException e) {
      throw new BoardFormatException("board.part", e.getMessage());
    }
    return new Board(o.string("name"), o.string("title"), part, o.string("package"), o.intValue("packageIo"),
        o.string("clock"), o.integer("clockHz"), signals, o.stringsOrEmpty("pllPads"), o.string("source"));
  }

  private static Map<String, Part> parseParts(String json) {
    JsonNode root = tree(json, "parts.json");
    Map<String, Part> out = new LinkedHashMap<>();
    for (int i = 0; i < root.size(); i++) {
      JsonObject o = new JsonObject(root.get(i), "parts[" + i + "]", PART_FIELDS);
      Family f;
      try {
        f = Family.fromId(o.string("family"));
      } catch (IllegalArgumentException e) {
        throw new BoardFormatException(o.at("family"), e.getMessage());
      }
      Part p = new Part(o.string("name"), f, o.stringOrNull("nextpnrDevice"), o.intValue("lutInputs"),
          o.intValue("luts"), o.intValue("flipFlops"), o.intValue("blockRams"), o.intValue("blockRamBits"),
          o.intValue("sprams"), o.intValue("spramBits"), o.intValue("dsps"), o.string("source"));
      out.put(p.name(), p);
    }
    return out;
  }

  private static JsonNode tree(String json, String origin) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new BoardFormatException(origin, "malformed JSON at line " + e.getLocation().getLineNr() + ": "
          + e.getOriginalMessage());
    }
  }

  private static String resource(String name) {
    try (InputStream in = Boards.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + name + " missing from the boards jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + name, e);
    }
  }
}
