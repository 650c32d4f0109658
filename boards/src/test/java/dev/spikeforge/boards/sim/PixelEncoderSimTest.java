package dev.spikeforge.boards.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.boards.TestTools;
import dev.spikeforge.golden.data.SpikeEncoder;
import dev.spikeforge.golden.numerics.Lfsr;
import dev.spikeforge.golden.sim.SpikeRaster;
import dev.spikeforge.golden.spec.EncoderSpec;
import dev.spikeforge.hwgen.GeneratedModule;
import dev.spikeforge.hwgen.board.PixelEncoderBenches;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The on-chip encoders ({@code PixelEncoder}, twins {@code HwEncoders}) against the golden encoders
 * ({@link SpikeEncoder#of}), in Verilator and Icarus: every configuration below encodes images of 256 inputs
 * (the identity image 0..255 and its reverse: every intensity at every step, exhaustively; and random images),
 * under pseudo-random back-pressure, and its beats must be the golden raster exactly, beat for beat (per step
 * the spiking inputs ascending, then the end of the step). Poisson runs with the LFSR start state of each image's
 * sample index. A mutant ({@code p > min} instead of {@code p >= min} in encoder 0) must be caught.
 */
@Tag("sim")
class PixelEncoderSimTest {
  private static final Path WORK = Path.of("target", "sim", "PixelEncoderSimTest");
  private static final int INPUTS = 256;
  private static final List<EncoderSpec> ENCODERS = List.of(EncoderSpec.rate(100), EncoderSpec.rate(),
      EncoderSpec.latency(1), EncoderSpec.latency(0), EncoderSpec.latency(50), EncoderSpec.poisson(7),
      EncoderSpec.rate(1));
  private static final List<Integer> STEPS = List.of(20, 20, 20, 1, 257, 5, 37);

  /** One taken beat: {@code index} of a spike, or {@code end} of a step. */
  record Beat(boolean end, int index) {}

  private static List<byte[]> images() {
    List<byte[]> images = new ArrayList<>();
    byte[] up = new byte[INPUTS];
    byte[] down = new byte[INPUTS];
    for (int i = 0; i < INPUTS; i++) {
      up[i] = (byte) i;
      down[i] = (byte) (255 - i);
    }
    images.add(up);
    images.add(down);
    SplittableRandom rnd = new SplittableRandom(13);
    for (int k = 0; k < 3; k++) {
      byte[] img = new byte[INPUTS];
      for (int i = 0; i < INPUTS; i++) {
        img[i] = (byte) (rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(256)); // some black, like an image
      }
      images.add(img);
    }
    return images;
  }

  private static List<Beat> golden(EncoderSpec e, int steps, byte[] image, long sampleIndex) {
    SpikeRaster r = SpikeEncoder.of(e).encode(image, steps, sampleIndex);
    List<Beat> out = new ArrayList<>();
    for (int t = 0; t < steps; t++) {
      for (int i : r.at(t)) {
        out.add(new Beat(false, i));
      }
      out.add(new Beat(true, 0));
    }
    return out;
  }

  /** Runs every image through the bench; per image, per encoder, its beats. */
  private static List<List<List<Beat>>> run(PinSimulator sim, boolean mutant, List<byte[]> images) {
    GeneratedModule m = PixelEncoderBenches.emit(INPUTS, ENCODERS, STEPS, mutant,
        WORK.resolve(sim.name() + (mutant ? "-mutant" : "")));
    List<PinHarness.Port> outputs = new ArrayList<>();
    outputs.add(PinHarness.Port.of("busy", 1));
    for (int k = 0; k < ENCODERS.size(); k++) {
      outputs.add(PinHarness.Port.of("beat_" + k, 33));
    }
    PinHarness h = new PinHarness(List.of(m.verilog()), m.moduleName(), "clock", List.of(
        new PinHarness.Port("reset", 1, 1), PinHarness.Port.of("w_valid", 1), PinHarness.Port.of("w_address", 8),
        PinHarness.Port.of("w_pixel", 8), PinHarness.Port.of("start", 1), PinHarness.Port.of("state", 32)), outputs);
    List<List<List<Beat>>> all = new ArrayList<>();
    try (PinSession s = sim.compile(h, WORK.resolve(sim.name() + (mutant ? "-mutant" : "") + "-build")).start()) {
      s.runUntil(3);
      s.drive("reset", 0);
      s.runUntil(s.cycle() + 1);
      for (int k = 0; k < images.size(); k++) {
        byte[] img = images.get(k);
        s.drive("w_valid", 1);
        for (int i = 0; i < INPUTS; i++) {
          s.drive("w_address", i);
          s.drive("w_pixel", img[i] & 0xFF);
          s.runUntil(s.cycle() + 1);
        }
        s.drive("w_valid", 0);
        s.drive("start", 1);
        s.drive("state", Integer.toUnsignedLong(Lfsr.seeded(ENCODERS.get(5).seed(), k).state()));
        List<PinSession.Change> changes = new ArrayList<>(s.runUntil(s.cycle() + 1));
        s.drive("start", 0);
        boolean busy = true;
        while (busy) {
          List<PinSession.Change> c = s.runUntil(s.cycle() + 4096);
          changes.addAll(c);
          for (PinSession.Change x : c) {
            if (x.port().equals("busy")) {
              busy = x.value() != 0;
            }
          }
          assertTrue(s.cycle() < 50_000_000L, "the encoders never finished");
        }
        List<List<Beat>> perEncoder = new ArrayList<>();
        Map<String, Integer> port = new HashMap<>();
        for (int e = 0; e < ENCODERS.size(); e++) {
          perEncoder.add(new ArrayList<>());
          port.put("beat_" + e, e);
        }
        for (PinSession.Change x : changes) {
          Integer e = port.get(x.port());
          if (e != null && (x.value() >>> 17) != 0) {
            perEncoder.get(e).add(new Beat(((x.value() >>> 16) & 1) != 0, (int) (x.value() & 0xFFFF)));
          }
        }
        all.add(perEncoder);
      }
    }
    return all;
  }

  private static void check(PinSimulator sim) {
    List<byte[]> images = images();
    List<List<List<Beat>>> got = run(sim, false, images);
    long spikes = 0;
    for (int k = 0; k < images.size(); k++) {
      for (int e = 0; e < ENCODERS.size(); e++) {
        List<Beat> want = golden(ENCODERS.get(e), STEPS.get(e), images.get(k), k);
        assertEquals(want, got.get(k).get(e), sim.name() + ": encoder " + ENCODERS.get(e) + ", T = " + STEPS.get(e)
            + ", image " + k);
        spikes += want.size();
      }
    }
    assertTrue(spikes > 10_000, "the images must make spikes, got " + spikes);
  }

  @Test
  void encodersEqualTheGoldenEncodersInVerilator() {
    TestTools.requireVerilator();
    check(new VerilatorPinSimulator());
  }

  @Test
  void encodersEqualTheGoldenEncodersInIcarus() {
    TestTools.requireIcarus();
    check(new IcarusPinSimulator());
  }

  @Test
  void aMutantEncoderIsCaught() {
    TestTools.requireIcarus();
    List<byte[]> images = images().subList(0, 1);
    List<List<List<Beat>>> got = run(new IcarusPinSimulator(), true, images);
    assertNotEquals(golden(ENCODERS.get(0), STEPS.get(0), images.get(0), 0), got.get(0).get(0),
        "the mutant (p > min) must differ from the golden rate:min=100 encoder on the identity image");
    assertEquals(golden(ENCODERS.get(1), STEPS.get(1), images.get(0), 0), got.get(0).get(1),
        "the mutant's other encoders are right");
  }
}
