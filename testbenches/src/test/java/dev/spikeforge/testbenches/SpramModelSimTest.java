package dev.spikeforge.testbenches;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spikeforge.golden.spec.hw.HwMemory;
import dev.spikeforge.golden.spec.hw.HwWordLayout;
import dev.spikeforge.golden.spec.hw.MemoryKind;
import dev.spikeforge.golden.spec.hw.MemoryRole;
import dev.spikeforge.hwgen.GeneratedModule;
import dev.spikeforge.hwgen.HwGen;
import dev.spikeforge.simkit.ProcessRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The SPRAM side of weight memories in simulation: (1) hw-gen's SB_SPRAM256KA model against Yosys'
 * own simulation model of the cell ({@code /usr/share/yosys/ice40/cells_sim.v}) clock by clock in
 * Icarus (4-state: unknown outputs must match too), under random chip selects, writes with random
 * nibble masks and reads; (2) WeightMemory's SPRAM implementation (3 cascaded cells, a 40-bit word)
 * against its block-RAM implementation and a shadow copy, in Icarus and Verilator, with writes and
 * reads in random order (never in the same clock, WeightMemory's contract).
 */
@Tag("sim")
class SpramModelSimTest {
  private static final Path WORK = Path.of("target", "sim", "SpramModelSimTest");
  private static final Path YOSYS_CELLS = Path.of("/usr/share/yosys/ice40/cells_sim.v");
  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  @BeforeEach
  void requireTools() {
    SimTools.requireVerilatorAndIcarus();
  }

  private static String hwGenModel() throws IOException {
    try (InputStream in = HwGen.class.getResourceAsStream("/dev/spikeforge/hwgen/SB_SPRAM256KA.v")) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  /** Yosys' SB_SPRAM256KA module, renamed. */
  private static String yosysModel() throws IOException {
    assertTrue(Files.exists(YOSYS_CELLS), YOSYS_CELLS + " is missing: install yosys (Debian package yosys)");
    String all = Files.readString(YOSYS_CELLS);
    int from = all.indexOf("module SB_SPRAM256KA");
    int to = all.indexOf("endmodule", from) + "endmodule".length();
    return all.substring(from, to).replace("module SB_SPRAM256KA", "module YOSYS_SB_SPRAM256KA") + "\n";
  }

  @Test
  void modelMatchesYosysCellModel() throws IOException {
    Path dir = Files.createDirectories(WORK.resolve("yosys-twin"));
    String tb = """
        module tb;
          reg clk = 0;
          reg [13:0] addr = 0;
          reg [15:0] din = 0;
          reg [3:0] mask = 0;
          reg wren = 0, cs = 0;
          wire [15:0] a, b;
          integer i, seed, bad;
          SB_SPRAM256KA ours (.ADDRESS(addr), .DATAIN(din), .MASKWREN(mask), .WREN(wren), .CHIPSELECT(cs),
            .CLOCK(clk), .STANDBY(1'b0), .SLEEP(1'b0), .POWEROFF(1'b1), .DATAOUT(a));
          YOSYS_SB_SPRAM256KA theirs (.ADDRESS(addr), .DATAIN(din), .MASKWREN(mask), .WREN(wren), .CHIPSELECT(cs),
            .CLOCK(clk), .STANDBY(1'b0), .SLEEP(1'b0), .POWEROFF(1'b1), .DATAOUT(b));
          initial begin
            seed = 7; bad = 0;
            for (i = 0; i < 4000; i = i + 1) begin
              addr = {$random(seed)} % 24 + (i % 2) * 16360;
              din = $random(seed);
              mask = (i < 200) ? 4'hf : $random(seed);
              cs = ($random(seed) & 3) != 0;
              wren = (i < 200) ? 1'b1 : (($random(seed) & 3) == 0);
              #1 clk = 1; #1 clk = 0;
              if (a !== b) begin
                bad = bad + 1;
                if (bad < 5) $display("MISMATCH cycle %0d: ours %h yosys %h", i, a, b);
              end
            end
            $display("DONE %0d mismatches", bad);
            $finish;
          end
        endmodule
        """;
    Files.writeString(dir.resolve("tb.v"), tb);
    Files.writeString(dir.resolve("ours.v"), hwGenModel());
    Files.writeString(dir.resolve("yosys.v"), yosysModel());
    ProcessRunner.runChecked(List.of("iverilog", "-g2012", "-o", "tb.vvp", "tb.v", "ours.v", "yosys.v"), dir,
        dir.resolve("build.log"), TIMEOUT, "Icarus build of the SPRAM model twin");
    String out = ProcessRunner.runChecked(List.of("vvp", "-n", "tb.vvp"), dir, dir.resolve("run.log"), TIMEOUT,
        "Icarus run of the SPRAM model twin").logText();
    assertTrue(out.contains("DONE 0 mismatches"), out);
  }

  @Test
  void spramWeightMemoryMatchesBlockRam() throws IOException {
    // 3 cells side by side, one bank
    twin("weight-memory-wide", new HwMemory(0, MemoryRole.FEEDFORWARD, "mem/unused.hex", 300, 5,
        HwWordLayout.sequential("lane", new HwWordLayout.Def("weight", 8, true)), MemoryKind.SPRAM), 3);
    // 2 cells side by side in each of 2 banks (depth cascade): addresses on both sides of 16,384
    twin("weight-memory-deep", new HwMemory(0, MemoryRole.FEEDFORWARD, "mem/unused.hex", 20000, 5,
        HwWordLayout.sequential("lane", new HwWordLayout.Def("weight", 4, true)), MemoryKind.SPRAM), 4);
  }

  private static void twin(String name, HwMemory spec, int cells) throws IOException {
    int depth = spec.depth();
    int aw = 32 - Integer.numberOfLeadingZeros(depth - 1);
    int width = spec.width();
    assertTrue(spec.sprams() == cells, spec.sprams() + " cells");
    Path dir = Files.createDirectories(WORK.resolve(name));
    GeneratedModule m = HwGen.generateWeightMemoryTwin(spec, dir.resolve("rtl"));
    String tb = """
        module tb;
          reg clock = 0, reset = 1;
          reg [AW-1:0] io_raddr = 0, io_waddr = 0;
          reg io_ren = 0, io_wen = 0;
          reg [W-1:0] io_wdata = 0;
          wire [W-1:0] io_rdataBram, io_rdataSpram;
          reg [W-1:0] shadow [0:DEPTH-1];
          reg [W-1:0] expected;
          integer pick;
          reg check;
          integer i, seed, bad, reads;
          WeightMemoryTwin dut (.clock(clock), .reset(reset), .io_raddr(io_raddr), .io_ren(io_ren), .io_wen(io_wen),
            .io_waddr(io_waddr), .io_wdata(io_wdata), .io_rdataBram(io_rdataBram), .io_rdataSpram(io_rdataSpram));
          initial begin
            seed = 11; bad = 0; reads = 0; check = 0;
            #1 clock = 1; #1 clock = 0; reset = 0;
            for (i = 0; i < 3000; i = i + 1) begin
              io_wen = 0; io_ren = 0;
              // addresses: the first and the last 150 words (both banks of a cascade), written first
              pick = (i < 300) ? i : {$random(seed)} % 300;
              if (i < 300) begin
                io_wen = 1; io_waddr = pick < 150 ? pick : DEPTH - 300 + pick;
              end else if (($random(seed) & 3) == 0) begin
                io_wen = 1; io_waddr = pick < 150 ? pick : DEPTH - 300 + pick;
              end else begin
                io_ren = ($random(seed) & 7) != 0; io_raddr = pick < 150 ? pick : DEPTH - 300 + pick;
              end
              io_wdata = {$random(seed), $random(seed)};
              check = io_ren;
              expected = shadow[io_raddr];
              #1 clock = 1;
              if (io_wen) shadow[io_waddr] = io_wdata;
              #1 clock = 0;
              if (check) begin
                reads = reads + 1;
                if (io_rdataBram !== expected || io_rdataSpram !== expected) begin
                  bad = bad + 1;
                  if (bad < 5) $display("MISMATCH read %0d: expected %h bram %h spram %h", reads, expected, io_rdataBram, io_rdataSpram);
                end
              end
            end
            $display("DONE %0d mismatches in %0d reads", bad, reads);
            $finish;
          end
        endmodule
        """.replace("AW", Integer.toString(aw)).replace("DEPTH", Integer.toString(depth))
        .replace("[W-1", "[" + width + "-1");
    Files.writeString(dir.resolve("tb.v"), tb);
    Path rtl = m.verilog().toAbsolutePath();
    ProcessRunner.runChecked(List.of("iverilog", "-g2012", "-o", "tb.vvp", "tb.v", rtl.toString()), dir, dir.resolve("ibuild.log"),
        TIMEOUT, "Icarus build of the WeightMemory twin");
    String icarus = ProcessRunner.runChecked(List.of("vvp", "-n", "tb.vvp"), dir, dir.resolve("irun.log"), TIMEOUT,
        "Icarus run of the WeightMemory twin").logText();
    assertTrue(icarus.contains("DONE 0 mismatches") && !icarus.contains("in 0 reads"), "icarus: " + icarus);
    ProcessRunner.runChecked(List.of("verilator", "--binary", "--timing", "-Wno-fatal", "--top-module", "tb", "-Mdir", "vobj",
        "-o", "tb", "--x-initial", "unique", "tb.v", rtl.toString()), dir, dir.resolve("vbuild.log"), TIMEOUT,
        "Verilator build of the WeightMemory twin");
    String verilator = ProcessRunner.runChecked(List.of(dir.resolve("vobj").resolve("tb").toAbsolutePath().toString()), dir,
        dir.resolve("vrun.log"), TIMEOUT, "Verilator run of the WeightMemory twin").logText();
    assertTrue(verilator.contains("DONE 0 mismatches") && !verilator.contains("in 0 reads"), "verilator: " + verilator);
  }
}
