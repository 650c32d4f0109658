package dev.spikeforge.boards.link;

import dev.spikeforge.hwgen.board.CoreStreamParams;
import dev.spikeforge.hwgen.board.LinkProtocol;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A board in Java for client tests, at the byte level: IDENTIFY answers INFO, steps go to a counting
 * model core of {@code steps} steps (as the hardware fixture), credits follow the protocol, and a
 * FIFO overflow is reported like the hardware does. Answers appear on the next read.
 */
final class FakeBoard implements SerialLink {
  final LinkParams params;
  final int steps;
  final ByteArrayOutputStream toHost = new ByteArrayOutputStream();
  private final LinkCodec codec;
  private final Deque<Byte> fifo = new ArrayDeque<>();
  private final List<Integer> stepSpikes = new ArrayList<>();
  private final List<int[]> sample = new ArrayList<>();
  private int taken;
  int maxFifo; // most bytes ever waiting
  boolean slowCore; // the core takes bytes only on reads (so the FIFO fills while the host writes)
  byte[] garbageBeforeInfo = new byte[0];

  FakeBoard(CoreStreamParams core, int fifoDepth, int creditChunk, int steps) {
    this.params = new LinkParams(LinkProtocol.InferenceVersion(), core.indexWidth(), core.inputs(), core.outputs(),
        core.countWidth(), fifoDepth,
        creditChunk, 77);
    this.codec = new LinkCodec(core);
    this.steps = steps;
  }

  @Override
  public void write(byte[] data) {
    for (byte b : data) {
      if (fifo.size() >= params.fifoDepth()) {
        emit(LinkProtocol.error(), Map.of("code", 3L, "detail", 0L));
      } else {
        fifo.add(b);
      }
    }
    maxFifo = Math.max(maxFifo, fifo.size());
    if (!slowCore) {
      drain();
    }
  }

  @Override
  public int read(byte[] buffer, Duration timeout) {
    drain();
    byte[] all = toHost.toByteArray();
    int n = Math.min(buffer.length, all.length);
    System.arraycopy(all, 0, buffer, 0, n);
    toHost.reset();
    toHost.write(all, n, all.length - n);
    return n;
  }

  private void drain() {
    while (!fifo.isEmpty()) {
      // parse whole commands only (the hardware would wait for the rest)
      byte[] pending = new byte[fifo.size()];
      int i = 0;
      for (byte b : fifo) {
        pending[i++] = b;
      }
      int len = commandLength(pending);
      if (len < 0) {
        return;
      }
      byte[] cmd = new byte[len];
      for (int k = 0; k < len; k++) {
        cmd[k] = fifo.poll();
      }
      boolean identify = cmd[0] == LinkProtocol.CmdIdentify();
      if (identify) {
        taken = 0;
        toHost.writeBytes(garbageBeforeInfo);
        emit(LinkProtocol.info(params.core()), Map.of("version", (long) LinkProtocol.InferenceVersion(), "indexWidth", (long) params.indexWidth(),
            "inputs", (long) params.inputs(), "outputs", (long) params.outputs(), "countWidth",
            (long) params.countWidth(), "fifoDepth", (long) params.fifoDepth(), "creditChunk",
            (long) params.creditChunk(), "designId", params.designId()));
      } else {
        for (int k = 0; k < len; k++) {
          if (++taken == params.creditChunk()) {
            taken = 0;
            emit(LinkProtocol.credit(), Map.of());
          }
        }
      }
      for (LinkCodec.Command c : codec.decodeCommands(cmd)) {
        if (c instanceof LinkCodec.Command.Spike s) {
          stepSpikes.add(s.index());
        } else if (c instanceof LinkCodec.Command.EndOfStep) {
          sample.add(stepSpikes.stream().mapToInt(Integer::intValue).toArray());
          stepSpikes.clear();
          if (sample.size() == steps) {
            BoardResult r = expected(sample.toArray(new int[0][]));
            Map<String, Long> v = new java.util.HashMap<>(Map.of("prediction", (long) r.prediction(), "flags",
                r.unique() ? 1L : 0L, "decisionStep", (long) r.decisionStep()));
            for (int k = 0; k < r.counts().size(); k++) {
              v.put("count" + k, r.counts().get(k));
            }
            emit(LinkProtocol.result(params.core()), v);
            sample.clear();
          }
        } else if (c instanceof LinkCodec.Command.Unknown u) {
          emit(LinkProtocol.error(), Map.of("code", 1L, "detail", (long) u.value()));
        }
      }
    }
  }

  /** Bytes of the command at the head, or -1 if incomplete. */
  private int commandLength(byte[] b) {
    int cmd = b[0] & 0xFF;
    if (cmd == LinkProtocol.CmdSparseStep()) {
      if (b.length < 3) {
        return -1;
      }
      int n = (b[1] & 0xFF) | (b[2] & 0xFF) << 8;
      int len = 3 + n * LinkProtocol.indexBytes(params.core());
      return b.length >= len ? len : -1;
    }
    if (cmd == LinkProtocol.CmdBitmapStep()) {
      int len = 1 + LinkProtocol.bitmapBytes(params.core());
      return b.length >= len ? len : -1;
    }
    return 1;
  }

  BoardResult expected(int[][] s) {
    long total = 0;
    int first = 0;
    long[] counts = new long[params.outputs()];
    for (int t = 0; t < s.length; t++) {
      for (int x : s[t]) {
        total++;
        first = first == 0 ? t + 1 : first;
        if (x < params.outputs() && counts[x] < (1L << params.countWidth()) - 1) {
          counts[x]++;
        }
      }
    }
    List<Long> c = new ArrayList<>();
    for (long v : counts) {
      c.add(v);
    }
    return new BoardResult((int) (total % params.outputs()), total % 2 == 0, first == 0 ? s.length : first, c);
  }

  private void emit(dev.spikeforge.hwgen.board.LinkFrame f, Map<String, Long> v) {
    toHost.writeBytes(LinkCodec.encodeToHost(f, v));
  }

  @Override
  public String describe() {
    return "a fake board";
  }

  @Override
  public void close() {}
}
