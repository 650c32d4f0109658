// A testbench that never finishes: the run must be stopped by its timeout.
module forever_tb;
  reg clk = 1'b0;
  always #1 clk = ~clk;
endmodule
