// Drives a = 250 + i, b = 7 for i < +n and prints y in hex, one line per vector.
module adder_tb;
  reg [7:0] a;
  reg [7:0] b;
  wire [8:0] y;
  integer i;
  integer n;
  adder dut(.a(a), .b(b), .y(y));
  initial begin
    if (!$value$plusargs("n=%d", n)) n = 1;
    for (i = 0; i < n; i = i + 1) begin
      a = 8'd250 + i[7:0];
      b = 8'd7;
      #1 $display("%03x", y);
    end
    $finish;
  end
endmodule
