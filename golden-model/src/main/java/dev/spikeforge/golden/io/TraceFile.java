package dev.spikeforge.golden.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spikeforge.golden.files.AtomicFiles;
import dev.spikeforge.golden.json.JsonMappers;
import dev.spikeforge.golden.sim.SimResult;
import dev.spikeforge.golden.sim.Trace;
import dev.spikeforge.golden.sim.TraceStep;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The compact binary trace format ({@code .sftrace}, version {@value #VERSION}); specified in
 * {@code docs/trace-format.md}. A file holds one or more samples of one network:
 *
 * <pre>
 * magic    8 bytes  "SFTRACE1"
 * hdrLen   u32      length of the header
 * header   UTF-8 JSON {"format":"spikeforge.trace","version":1,"network":..,"networkHash":..,
 *                      "inputSize":..,"layers":[{"size":..,"membraneWidth":..},..]}
 * samples, each:
 *   sampleTag u32   0x53414D50 ("SAMP")
 *   index     u32   sample index
 *   steps     u16   steps recorded
 *   per step: input spike bitmap, then per layer: spike bitmap, membranes
 *             (bitmap: ceil(n/8) bytes, bit i of byte i/8 = neuron i, LSB first;
 *              membrane: ceil(W/8) bytes little-endian two's complement, W = membraneWidth)
 *   prediction i32, unique u8, decisionStep u16, earlyExit u8,
 *   outputCounts u16 × outputs, layerSpikes u64 × layers, inputSpikes u64, synapticOps u64
 * </pre>
 *
 * All multi-byte integers are big-endian except membranes (little-endian, as RTL dumps them).
 */
public final class TraceFile {
  public static final int VERSION = 1;
  private static final byte[] MAGIC = "SFTRACE1".getBytes(StandardCharsets.US_ASCII);
  private static final int SAMPLE_TAG = 0x53414D50;
  private static final ObjectMapper MAPPER = JsonMappers.compact();

  private TraceFile() {}

  /** One sample of a trace file. */
  public record Sample(int index, Trace trace) {}

  /** Writes samples of one network atomically. All traces must share the network layout. */
  public static void write(Path file, List<Sample> samples) throws IOException {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("no samples to write");
    }
    AtomicFiles.write(file, out -> write(out, samples));
  }

  public static void write(OutputStream raw, List<Sample> samples) throws IOException {
    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16));
    Trace first = samples.get(0).trace();
    ObjectNode h = MAPPER.createObjectNode();
    h.put("format", "spikeforge.trace");
    h.put("version", VERSION);
    h.put("network", first.networkName());
    h.put("networkHash", first.networkHash());
    h.put("inputSize", first.inputSize());
    ArrayNode layers = h.putArray("layers");
    for (int l = 0; l < first.layerSizes().length; l++) {
      layers.addObject().put("size", first.layerSizes()[l]).put("membraneWidth", first.membraneWidths()[l]);
    }
    byte[] header = MAPPER.writeValueAsBytes(h);
    out.write(MAGIC);
    out.writeInt(header.length);
    out.write(header);
    for (Sample s : samples) {
      Trace t = s.trace();
      if (t.inputSize() != first.inputSize() || !java.util.Arrays.equals(t.layerSizes(), first.layerSizes())) {
        throw new IllegalArgumentException("sample " + s.index() + " has a different network layout");
      }
      out.writeInt(SAMPLE_TAG);
      out.writeInt(s.index());
      out.writeShort(t.steps().size());
      for (TraceStep st : t.steps()) {
        writeBitmap(out, st.inputSpikes(), t.inputSize());
        for (int l = 0; l < t.layerSizes().length; l++) {
          writeBitmap(out, st.spikes()[l], t.layerSizes()[l]);
          int bytes = (t.membraneWidths()[l] + 7) / 8;
          for (int v : st.membranes()[l]) {
            for (int b = 0; b < bytes; b++) {
              out.writeByte(v >> (8 * b));
            }
          }
        }
      }
      SimResult r = t.result();
      out.writeInt(r.prediction());
      out.writeByte(r.unique() ? 1 : 0);
      out.writeShort(r.decisionStep());
      out.writeByte(r.earlyExit() ? 1 : 0);
      for (int c : r.outputCounts()) {
        out.writeShort(c);
      }
      for (long c : r.layerSpikes()) {
        out.writeLong(c);
      }
      out.writeLong(r.inputSpikes());
      out.writeLong(r.synapticOps());
    }
    out.flush();
  }

  private static void writeBitmap(DataOutputStream out, int[] idx, int n) throws IOException {
    byte[] bits = new byte[(n + 7) / 8];
    for (int i : idx) {
      bits[i >> 3] |= (byte) (1 << (i & 7));
    }
    out.write(bits);
  }

  /** Reads every sample of a trace file. */
  public static List<Sample> read(Path file) {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      return read(in);
    } catch (NoSuchFileException e) {
      throw new ModelFormatException("trace file " + file + " does not exist");
    } catch (EOFException e) {
      throw new ModelFormatException(file + ": truncated trace file");
    } catch (IOException e) {
      throw new ModelFormatException(file + ": cannot read trace: " + e.getMessage(), e);
    } catch (ModelFormatException e) {
      throw new ModelFormatException(file + ": " + e.getMessage());
    }
  }

  public static List<Sample> read(InputStream raw) throws IOException {
    DataInputStream in = new DataInputStream(raw);
    byte[] magic = new byte[MAGIC.length];
    in.readFully(magic);
    if (!java.util.Arrays.equals(magic, MAGIC)) {
      throw new ModelFormatException("not a spikeforge trace (bad magic)");
    }
    int hdrLen = in.readInt();
    if (hdrLen < 2 || hdrLen > (1 << 20)) {
      throw new ModelFormatException("corrupt trace header length " + hdrLen);
    }
    byte[] hdr = new byte[hdrLen];
    in.readFully(hdr);
    JsonNode h = MAPPER.readTree(hdr);
    if (h.path("version").asInt() != VERSION) {
      throw new ModelFormatException("trace version " + h.path("version") + " is not supported (expected " + VERSION + ")");
    }
    int inputSize = h.path("inputSize").asInt();
    int nl = h.path("layers").size();
    int[] sizes = new int[nl];
    int[] widths = new int[nl];
    for (int l = 0; l < nl; l++) {
      sizes[l] = h.path("layers").get(l).path("size").asInt();
      widths[l] = h.path("layers").get(l).path("membraneWidth").asInt();
    }
    String name = h.path("network").asText();
    String hash = h.path("networkHash").asText();
    List<Sample> samples = new ArrayList<>();
    while (true) {
      int tag;
      try {
        tag = in.readInt();
      } catch (EOFException e) {
        break;
      }
      if (tag != SAMPLE_TAG) {
        throw new ModelFormatException("corrupt trace: bad sample tag after sample " + samples.size());
      }
      int index = in.readInt();
      int nsteps = in.readUnsignedShort();
      List<TraceStep> steps = new ArrayList<>(nsteps);
      for (int t = 0; t < nsteps; t++) {
        int[] inp = readBitmap(in, inputSize);
        int[][] sp = new int[nl][];
        int[][] mem = new int[nl][];
        for (int l = 0; l < nl; l++) {
          sp[l] = readBitmap(in, sizes[l]);
          int bytes = (widths[l] + 7) / 8;
          mem[l] = new int[sizes[l]];
          for (int j = 0; j < sizes[l]; j++) {
            long v = 0;
            for (int b = 0; b < bytes; b++) {
              v |= ((long) in.readUnsignedByte()) << (8 * b);
            }
            int shift = 64 - 8 * bytes;
            mem[l][j] = (int) ((v << shift) >> shift);
          }
        }
        steps.add(new TraceStep(t, inp, sp, mem));
      }
      int prediction = in.readInt();
      boolean unique = in.readUnsignedByte() != 0;
      int decisionStep = in.readUnsignedShort();
      boolean early = in.readUnsignedByte() != 0;
      int[] counts = new int[sizes[nl - 1]];
      for (int k = 0; k < counts.length; k++) {
        counts[k] = in.readUnsignedShort();
      }
      long[] layerSpikes = new long[nl];
      for (int l = 0; l < nl; l++) {
        layerSpikes[l] = in.readLong();
      }
      long inputSpikes = in.readLong();
      long ops = in.readLong();
      SimResult r = new SimResult(prediction, unique, decisionStep, early, counts, layerSpikes, inputSpikes, ops);
      samples.add(new Sample(index, new Trace(name, hash, inputSize, sizes, widths, steps, r)));
    }
    return samples;
  }

  private static int[] readBitmap(DataInputStream in, int n) throws IOException {
    byte[] bits = new byte[(n + 7) / 8];
    in.readFully(bits);
    int count = 0;
    for (byte b : bits) {
      count += Integer.bitCount(b & 0xFF);
    }
    int[] idx = new int[count];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if ((bits[i >> 3] & (1 << (i & 7))) != 0) {
        idx[k++] = i;
      }
    }
    if (k != count) {
      throw new ModelFormatException("corrupt trace: spike bits set beyond the layer size");
    }
    return idx;
  }
}
