package dev.spikeforge.boards.link;

import dev.spikeforge.hwgen.board.CoreStreamParams;
import dev.spikeforge.hwgen.board.LinkField;
import dev.spikeforge.hwgen.board.LinkFrame;
import dev.spikeforge.hwgen.board.LinkProtocol;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes the board-to-host byte stream into frames, incrementally: feed bytes as they arrive, get
 * complete frames back. Frame layouts come from {@code LinkProtocol}; every frame's checksum is
 * verified. A byte that starts no known frame, or a bad checksum, means the link is out of step: a
 * {@link LinkException} saying so (reconnect with {@link BoardClient#connect}, which resynchronises).
 */
public final class FrameDecoder {
  private final Map<Integer, LinkFrame> frames = new HashMap<>();
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
  private LinkFrame current;
  private long offset; // bytes consumed so far, for messages

  /** A decoder for a board whose core has these widths (RESULT's layout depends on them). */
  public FrameDecoder(CoreStreamParams core) {
    for (LinkFrame f : List.of(LinkProtocol.credit(), LinkProtocol.info(core), LinkProtocol.result(core),
        LinkProtocol.error())) {
      frames.put(f.code(), f);
    }
    if (core.learns()) {
      frames.put(LinkProtocol.FrameLearning(), LinkProtocol.learning(core));
      frames.put(LinkProtocol.FrameWord(), LinkProtocol.word(core));
    }
  }

  /** A decoder for the board that sent this INFO: its version's INFO, a learning core's LEARNING and WORD too. */
  public FrameDecoder(LinkParams params) {
    this(params.core());
    frames.put(LinkProtocol.FrameInfo(), LinkProtocol.info(params.version()));
    if (params.learns()) {
      frames.put(LinkProtocol.FrameLearning(), LinkProtocol.learning(params.learnLayers()));
      frames.put(LinkProtocol.FrameWord(), LinkProtocol.word(params.wordBits()));
    }
  }

  /** Feeds {@code len} bytes and returns the frames they complete, in order. */
  public List<BoardFrame> feed(byte[] data, int off, int len) {
    List<BoardFrame> out = new ArrayList<>();
    for (int i = off; i < off + len; i++) {
      int b = data[i] & 0xFF;
      if (current == null) {
        current = frames.get(b);
        if (current == null) {
          throw new LinkException(String.format(Locale.ROOT,
              "link out of step: byte 0x%02x at offset %d starts no board frame (expected one of K, I, R, E, or L, D from a learning core)", b, offset));
        }
      }
      pending.write(b);
      offset++;
      if (pending.size() == current.frameBytes()) {
        out.add(decode(current, pending.toByteArray(), offset - current.frameBytes()));
        pending.reset();
        current = null;
      }
    }
    return out;
  }

  /** Whether a frame has begun but not ended. */
  public boolean inFrame() {
    return current != null;
  }

  /** Decodes one complete frame (type byte, payload, checksum) of layout {@code f}. */
  static BoardFrame decode(LinkFrame f, byte[] bytes, long at) {
    int sum = 0;
    for (byte x : bytes) {
      sum += x & 0xFF;
    }
    if ((sum & 0xFF) != 0) {
      throw new LinkException(String.format(Locale.ROOT,
          "bad checksum in a %s frame at offset %d (bytes sum to 0x%02x, not 0): noise on the line or a wrong baud rate",
          f.name(), at, sum & 0xFF));
    }
    if (f.code() == LinkProtocol.FrameWord()) {
      java.math.BigInteger w = java.math.BigInteger.ZERO;
      for (int k = bytes.length - 2; k >= 1; k--) {
        w = w.shiftLeft(8).or(java.math.BigInteger.valueOf(bytes[k] & 0xFF));
      }
      return new BoardFrame.Word(w);
    }
    Map<String, Long> v = new LinkedHashMap<>();
    int pos = 1;
    for (LinkField field : f.fields()) {
      v.put(field.name(), LinkCodec.le(bytes, pos, field.bytes()));
      pos += field.bytes();
    }
    if (f.code() == LinkProtocol.FrameCredit()) {
      return new BoardFrame.Credit();
    } else if (f.code() == LinkProtocol.FrameError()) {
      return new BoardFrame.Error(v.get("code").intValue(), v.get("detail").intValue());
    } else if (f.code() == LinkProtocol.FrameInfo()) {
      return new BoardFrame.Info(new LinkParams(v.get("version").intValue(), v.get("indexWidth").intValue(),
          v.get("inputs").intValue(), v.get("outputs").intValue(), v.get("countWidth").intValue(),
          v.get("fifoDepth").intValue(), v.get("creditChunk").intValue(), v.get("designId"),
          v.getOrDefault("learnLayers", 0L).intValue(), v.getOrDefault("wordBits", 0L).intValue(),
          v.getOrDefault("encoder", 0L).intValue(), v.getOrDefault("minIntensity", 0L).intValue(),
          v.getOrDefault("steps", 0L).intValue()));
    } else if (f.code() == LinkProtocol.FrameLearning()) {
      List<Integer> depths = new ArrayList<>();
      for (int k = 0; v.containsKey("depth" + k); k++) {
        depths.add(v.get("depth" + k).intValue());
      }
      return new BoardFrame.Learning(v.get("rateExponentWidth").intValue(), List.copyOf(depths));
    } else {
      List<Long> counts = new ArrayList<>();
      for (int k = 0; v.containsKey("count" + k); k++) {
        counts.add(v.get("count" + k));
      }
      long flags = v.get("flags");
      return new BoardFrame.Result(new BoardResult(v.get("prediction").intValue(),
          (flags >> LinkProtocol.FlagUniqueBit() & 1) == 1, v.get("decisionStep").intValue(), counts));
    }
  }
}
