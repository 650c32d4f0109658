// spikeforge pin testbench for {{TOP}} (generated): toggles {{CLOCK}}, drives inputs on request and
// reports output changes. Protocol on stdin/stdout: see ProcessPinSession.java.
module spikeforge_pin_tb;
  localparam [31:0] STDIN = 32'h8000_0000;
  localparam [31:0] STDOUT = 32'h8000_0001;
  reg {{CLOCK}} = 1'b0;
{{DECLARATIONS}}
  reg [63:0] prev [0:{{OUTPUT_COUNT}}-1];
  reg first = 1'b1;
  reg [63:0] cycle = 64'd0;
  reg [63:0] stop_at;
  reg [63:0] value;
  integer port;
  integer r;
  reg [15:0] word;

  {{TOP}} dut (
    .{{CLOCK}}({{CLOCK}}),
{{CONNECTIONS}}
  );

  task sample;
    begin
{{SAMPLES}}
      first = 1'b0;
    end
  endtask

  initial begin
    forever begin
      r = $fscanf(STDIN, "%s", word);
      if (r != 1) $finish;
      if (word == "D") begin
        r = $fscanf(STDIN, "%d %h", port, value);
        case (port)
{{DRIVE_CASES}}
          default: $finish;
        endcase
      end else if (word == "R") begin
        r = $fscanf(STDIN, "%d", stop_at);
        while (cycle < stop_at) begin
          #1 {{CLOCK}} = 1'b1;
          #1 sample;
          #1 {{CLOCK}} = 1'b0;
          #1 cycle = cycle + 64'd1;
        end
        $fdisplay(STDOUT, "E %0d", cycle);
        $fflush(STDOUT);
      end else begin
        $finish;
      end
    end
  end
endmodule
