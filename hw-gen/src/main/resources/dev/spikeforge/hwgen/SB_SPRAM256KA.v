`ifndef SYNTHESIS
// Simulation model of the iCE40 UP5K single-port RAM SB_SPRAM256KA (16,384 words of 16 bits),
// written by spikeforge (hw-gen WeightMemory) for Verilator and Icarus. It follows Yosys'
// +/ice40/cells_sim.v model of the cell (SpramModelSimTest compares the two clock by clock) for the
// way the core drives it (POWEROFF = 1, SLEEP = 0, STANDBY = 0), with the power-down inputs made
// synchronous:
//  - CHIPSELECT && !WREN: DATAOUT <= mem[ADDRESS] at the clock edge (one cycle read latency);
//  - CHIPSELECT && WREN: the nibbles of mem[ADDRESS] selected by MASKWREN take DATAIN, DATAOUT
//    becomes unknown;
//  - !CHIPSELECT: DATAOUT holds;
//  - SLEEP or !POWEROFF: DATAOUT <= 0; STANDBY: DATAOUT unknown. Contents start unknown (the cell
//    has no initial contents: the bitstream cannot preset it).
// Yosys defines SYNTHESIS, so synthesis never sees this module and maps the instance to the real
// primitive from its cell library.
module SB_SPRAM256KA (
  input [13:0] ADDRESS,
  input [15:0] DATAIN,
  input [3:0] MASKWREN,
  input WREN,
  input CHIPSELECT,
  input CLOCK,
  input STANDBY,
  input SLEEP,
  input POWEROFF,
  output reg [15:0] DATAOUT
);
  reg [15:0] mem [0:16383];

  always @(posedge CLOCK) begin
    if (SLEEP || !POWEROFF) begin
      DATAOUT <= 16'h0000;
    end else if (STANDBY) begin
      DATAOUT <= 16'bx;
    end else if (CHIPSELECT) begin
      if (!WREN) begin
        DATAOUT <= mem[ADDRESS];
      end else begin
        // one whole-word assignment (the nibble masks as a read-modify-write): Verilator 5.006
        // mis-schedules several partial non-blocking writes to one array element
        mem[ADDRESS] <= {MASKWREN[3] ? DATAIN[15:12] : mem[ADDRESS][15:12],
                         MASKWREN[2] ? DATAIN[11:8] : mem[ADDRESS][11:8],
                         MASKWREN[1] ? DATAIN[7:4] : mem[ADDRESS][7:4],
                         MASKWREN[0] ? DATAIN[3:0] : mem[ADDRESS][3:0]};
        DATAOUT <= 16'bx;
      end
    end
  end
endmodule
`endif
